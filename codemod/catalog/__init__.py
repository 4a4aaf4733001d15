"""The model catalogue: every Claude model the tool knows, as data (``models.toml``).

Rules ask the catalogue what a model accepts; no model ID is written in rule code. A new model or a
retired ID is a change to ``models.toml`` only.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
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
    # "" (no fast mode) | "available" | "beta" (needs the fast-mode beta header) | "removed" (rejected since
    # the date in fast_mode_removed)
    fast_mode: str = ""
    fast_mode_removed: str = ""
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
    status: str  # active | legacy | deprecated | retired
    retires: str
    successor: str
    bedrock: tuple[str, ...]
    bedrock_profiles: tuple[str, ...]
    vertex: tuple[str, ...]
    capabilities: Capabilities
    sources: tuple[str, ...] = field(default=())

    @property
    def api_ids(self) -> tuple[str, ...]:
        return (self.id, *self.aliases)

    @property
    def is_retired(self) -> bool:
        return self.status == "retired"


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
    """All models, indexed by every Claude API, Bedrock and Vertex ID they are known under."""

    def __init__(self, models: list[Model], default_target: str, beta_headers: tuple[BetaHeader, ...] = ()) -> None:
        self.models = models
        self.default_target = default_target
        self.beta_headers = {header.name: header for header in beta_headers}
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


def _capabilities(raw: dict[str, object] | None) -> Capabilities:
    if raw is None:
        return RETIRED_CAPABILITIES
    values = dict(raw)
    values["effort_levels"] = tuple(values["effort_levels"])  # type: ignore[arg-type]
    return Capabilities(**values)  # type: ignore[arg-type]


def parse_catalog(data: dict[str, object]) -> Catalog:
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
    return Catalog(models, str(data["default_target"]), headers)


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """The packaged catalogue, parsed once per process."""
    text = resources.files(__package__).joinpath("models.toml").read_text(encoding="utf-8")
    return parse_catalog(tomllib.loads(text))
