"""The model catalogue: every Claude model the tool knows, as data (``models.toml``).

Rules ask the catalogue what a model accepts; no model ID is written in rule code. A new model or a
retired ID is a change to ``models.toml`` only.

The catalogue keeps dates, not statuses: the day a model was deprecated, the day it retires, the day
its fast mode was removed. ``load_catalog(as_of)`` resolves them against a date (today unless the run
pins one with ``--as-of``), so a model past its retirement date is retired on that day and its
capabilities are gone, without a release of this tool.
"""

from __future__ import annotations

import datetime
import re
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

EFFORT_ORDER: tuple[str, ...] = ("low", "medium", "high", "xhigh", "max")


@dataclass(frozen=True)
class Capabilities:
    """What a model accepts in a Messages request (api-facts.md §2.1)."""

    thinking_enabled: str  # accepted | deprecated | rejected
    thinking_adaptive: bool
    thinking_disabled: bool
    disabled_max_effort: str  # "" = disabled accepted at any effort
    thinking_between_tools: bool
    between_tools_max_effort: str
    thinking_default_on: bool
    thinking_always_on: bool
    effort_levels: tuple[str, ...]
    default_effort: str
    sampling: bool
    prefill: bool
    forced_tool_choice: bool
    max_output_tokens: int
    # "" (no fast mode) | "available" | "beta" (needs the fast-mode beta header); as resolved on the
    # catalogue's date also "removed" (rejected since the date in fast_mode_removed)
    fast_mode: str = ""
    fast_mode_removed: str = ""  # the day fast mode was (or will be) removed
    context_1m: bool = False  # a 1M-token context window natively (no beta header)
    task_budget: bool = False  # output_config.task_budget accepted (beta)

    def accepts_disabled_at(self, effort: str | None) -> bool:
        """Whether ``thinking={"type": "disabled"}`` is accepted with this effort (None = default)."""
        if not self.thinking_disabled:
            return False
        if not self.disabled_max_effort:
            return True
        level = effort or self.default_effort
        if level not in EFFORT_ORDER:
            return False  # not a real level: nothing can be proven
        return effort_rank(level) <= effort_rank(self.disabled_max_effort)


RETIRED_CAPABILITIES = Capabilities(
    thinking_enabled="rejected",
    thinking_adaptive=False,
    thinking_disabled=False,
    disabled_max_effort="",
    thinking_between_tools=False,
    between_tools_max_effort="",
    thinking_default_on=False,
    thinking_always_on=False,
    effort_levels=(),
    default_effort="",
    sampling=False,
    prefill=False,
    forced_tool_choice=False,
    max_output_tokens=0,
)


@dataclass(frozen=True)
class Model:
    id: str
    name: str
    family: str
    generation: tuple[int, int]
    aliases: tuple[str, ...]
    status: str  # on the catalogue's date: active | legacy | deprecated | retired
    retires: str  # the day it retires or retired ("" = none announced)
    successor: str  # the next model of its line (its documented replacement or upgrade)
    bedrock: tuple[str, ...]
    bedrock_profiles: tuple[str, ...]
    vertex: tuple[str, ...]
    capabilities: Capabilities
    sources: tuple[str, ...] = field(default=())
    deprecated: str = ""  # the day it was deprecated ("" = not deprecated)
    standing: str = ""  # its status in models.toml: active | legacy, or retired before the catalogue's first day

    @property
    def api_ids(self) -> tuple[str, ...]:
        return (self.id, *self.aliases)

    @property
    def is_retired(self) -> bool:
        return self.status == "retired"

    def lifecycle(self) -> str:
        """The status in words, with its date in the right tense: "retired on 2026-11-30",
        "deprecated, retires on 2027-01-22", "legacy"."""
        if self.status == "retired":
            return f"retired on {self.retires}" if self.retires else "retired"
        if self.status == "deprecated":
            return f"deprecated, retires on {self.retires}" if self.retires else "deprecated, retirement not announced"
        return self.status  # a retirement is announced with the deprecation: nothing to say before it


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def today() -> str:
    """Today's date, ISO 8601: the day statuses are resolved for unless a run pins one."""
    return datetime.date.today().isoformat()


def status_on(model: Model, day: str) -> str:
    """``model``'s status on ``day`` (ISO dates compare as strings)."""
    if model.standing == "retired" or (model.retires and day >= model.retires):
        return "retired"
    if model.deprecated and day >= model.deprecated:
        return "deprecated"
    return model.standing


def resolve(model: Model, day: str) -> Model:
    """``model`` as it is on ``day``: its status, and the capabilities of a model that still answers."""
    status = status_on(model, day)
    caps = model.capabilities
    if status == "retired":
        caps = RETIRED_CAPABILITIES
    elif caps.fast_mode_removed and day >= caps.fast_mode_removed:
        caps = replace(caps, fast_mode="removed")
    return replace(model, status=status, capabilities=caps)


def effort_rank(level: str) -> int:
    return EFFORT_ORDER.index(level)


def clamp_effort(level: str, supported: tuple[str, ...]) -> str | None:
    """The supported level at or below ``level``; the lowest supported if none is; None if no effort.

    ``level`` must be one of ``EFFORT_ORDER``.
    """
    if not supported:
        return None
    if level in supported:
        return level
    lower = [s for s in supported if effort_rank(s) < effort_rank(level)]
    return lower[-1] if lower else supported[0]


@dataclass(frozen=True)
class BetaHeader:
    """A beta header a migration removes or reports (api-facts.md §2.6)."""

    name: str
    action: str  # remove | report
    when: str  # always | no-enabled-thinking | no-output-format | context-1m
    note: str
    sources: tuple[str, ...] = ()


class Catalog:
    """All models as they are on one day (``as_of``), indexed by every Claude API, Bedrock and Vertex ID
    they are known under."""

    def __init__(
        self,
        models: list[Model],
        default_target: str,
        beta_headers: tuple[BetaHeader, ...] = (),
        as_of: str = "",
        sdk: str = "",
        sdk_differences: dict[str, str] | None = None,
    ) -> None:
        self.as_of = as_of or today()
        self.sdk = sdk  # the anthropic release the catalogue was last checked against
        self.sdk_differences = dict(sdk_differences or {})  # model ID -> why the SDK's deprecation entry differs
        self.records = models  # as models.toml has them, before ``as_of`` is applied
        self.models = [resolve(model, self.as_of) for model in models]
        self.default_target = default_target
        self.beta_headers = {header.name: header for header in beta_headers}
        models = self.models
        self._by_api_id: dict[str, Model] = {}
        self._by_bedrock: dict[str, Model] = {}
        self._by_vertex: dict[str, Model] = {}
        for model in models:
            for api_id in model.api_ids:
                self._by_api_id[api_id] = model
            for bedrock_id in model.bedrock:
                self._by_bedrock[bedrock_id] = model
            for vertex_id in model.vertex:
                self._by_vertex[vertex_id] = model

    def get(self, model_id: str) -> Model | None:
        """The model with this Claude API ID or alias."""
        return self._by_api_id.get(model_id)

    def bedrock(self, bedrock_id: str) -> Model | None:
        return self._by_bedrock.get(bedrock_id)

    def vertex(self, vertex_id: str) -> Model | None:
        return self._by_vertex.get(vertex_id)

    def targets(self) -> list[str]:
        """IDs accepted by ``--target``: every model that is not retired."""
        return [m.id for m in self.models if not m.is_retired]

    def recorded(self, model_id: str) -> Model | None:
        """The model as models.toml records it, whatever the day: a retired model keeps the capabilities it had."""
        model = self.get(model_id)
        return next((record for record in self.records if model is not None and record.id == model.id), None)

    @property
    def earliest(self) -> str:
        """The first day the catalogue describes: models retired before it have no capabilities recorded."""
        return max((m.retires for m in self.records if m.standing == "retired" and m.retires), default="")

    @property
    def epoch(self) -> str:
        """The latest dated change on or before ``as_of`` (a retirement, a deprecation, a fast mode removed):
        every model resolves alike on two days with the same epoch, so a verdict holds from one to the other."""
        return max(
            (day for model in self.records
             for day in (model.retires, model.deprecated, model.capabilities.fast_mode_removed) if day and day <= self.as_of),
            default="",
        )

    def on(self, as_of: str) -> Catalog:
        """The same models as they are on another day."""
        headers = tuple(self.beta_headers.values())
        return Catalog(self.records, self.default_target, headers, as_of, self.sdk, self.sdk_differences)


def _capabilities(raw: dict[str, object] | None) -> Capabilities:
    if raw is None:
        return RETIRED_CAPABILITIES
    values = dict(raw)
    values["effort_levels"] = tuple(values["effort_levels"])  # type: ignore[arg-type]
    return Capabilities(**values)  # type: ignore[arg-type]


def parse_catalog(data: dict[str, object], as_of: str | None = None) -> Catalog:
    """The catalogue of ``data`` (models.toml, parsed) as it is on ``as_of`` (default: today)."""
    models = []
    for raw in data["models"]:  # type: ignore[union-attr]
        models.append(
            Model(
                id=raw["id"],
                name=raw["name"],
                family=raw["family"],
                generation=tuple(raw["generation"]),
                aliases=tuple(raw.get("aliases", ())),
                status=raw["status"],
                standing=raw["status"],
                deprecated=raw.get("deprecated", ""),
                retires=raw.get("retires", ""),
                successor=raw.get("successor", ""),
                bedrock=tuple(raw.get("bedrock", ())),
                bedrock_profiles=tuple(raw.get("bedrock_profiles", ())),
                vertex=tuple(raw.get("vertex", ())),
                capabilities=_capabilities(raw.get("capabilities")),
                sources=tuple(raw.get("sources", ())),
            )
        )
    headers = tuple(
        BetaHeader(h["name"], h["action"], h["when"], h["note"], tuple(h.get("sources", ())))
        for h in data.get("beta_headers", [])  # type: ignore[union-attr]
    )
    differences = {str(k): str(v) for k, v in dict(data.get("sdk_differences", {})).items()}  # type: ignore[call-overload]
    return Catalog(models, str(data["default_target"]), headers, as_of or "", str(data.get("sdk", "")), differences)


@lru_cache(maxsize=1)
def catalog_data() -> dict[str, object]:
    """models.toml, parsed once per process."""
    text = resources.files(__package__).joinpath("models.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=8)
def _load(as_of: str) -> Catalog:
    return parse_catalog(catalog_data(), as_of)


def load_catalog(as_of: str | None = None) -> Catalog:
    """The packaged catalogue as it is on ``as_of`` (an ISO date; default: today), built once per day asked."""
    return _load(as_of or today())
