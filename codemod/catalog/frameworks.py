"""The framework table (``frameworks.toml``): entry points that forward their arguments to Claude.

Each entry says how to find the callable (its qualified names, resolved through the module's imports),
where its model ID is and in which form, which of its keywords are sent to the API as request keys,
which dicts are merged into the request, and what the framework sends on its own. The analysis
(``analysis/frameworks.py``), the collector's candidate names and the pre-filter's import test are all
derived from it, so supporting a framework is a change to the TOML file and its fixtures.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

NAMESPACE_PACKAGES = frozenset({"google"})
ID_FORMS = frozenset({"any", "litellm", "provider", "claude"})
_FIELDS = {
    "name": str, "source": str, "callables": list, "model_keywords": list, "model_position": int,
    "id_form": str, "forwards": list, "aliases": dict, "passthrough": list, "sampling_default": str,
}
_OPTIONAL = {"sends_sampling": bool, "effort_key": str, "own_keys": list, "settings_types": list}
DEFAULT_EFFORT_KEY = "output_config.effort"


@dataclass(frozen=True)
class EffortPlacement:
    """Where a framework takes the effort level that replaces a thinking budget (``effort_key`` in the table).

    ``"output_config.effort"``: an ``output_config`` dict, next to the thinking (the SDK's own form);
    ``"<dict>.output_config.effort"``: an ``output_config`` inside the dict argument ``<dict>`` that the
    framework merges into the request (LlamaIndex's ``additional_kwargs``); ``"<key>"``: the framework's
    own key, next to the thinking (pydantic-ai's ``anthropic_effort``); ``""``: no effort setting at all.
    """

    supported: bool = True
    home: str = ""  # the argument a new output_config goes in ("": next to the thinking)
    flat_key: str = ""  # the framework's own effort key, set next to the thinking

    @classmethod
    def parse(cls, effort_key: str) -> EffortPlacement:
        if not effort_key:
            return cls(supported=False)
        if effort_key == DEFAULT_EFFORT_KEY:
            return cls()
        home, dot, tail = effort_key.partition(".")
        if dot and tail == DEFAULT_EFFORT_KEY:
            return cls(home=home)
        if dot:
            raise FrameworkTableError(f"frameworks.toml: effort_key {effort_key!r} is not a key, <dict>.output_config.effort or output_config.effort")
        return cls(flat_key=effort_key)

    @property
    def label(self) -> str:
        """How messages name the effort setting."""
        if not self.supported:
            return "an effort level"
        if self.flat_key:
            return self.flat_key
        return f"{self.home}.output_config.effort" if self.home else DEFAULT_EFFORT_KEY


@dataclass(frozen=True)
class Framework:
    name: str  # shown in messages; rules may refer to it
    source: str  # the package version whose source the entry was written from
    qualified: frozenset[str]  # qualified names of the entry point
    model_keywords: tuple[str, ...]
    model_position: int  # -1: the model is keyword-only
    id_form: str  # see ID_FORMS and the header of frameworks.toml
    forwards: frozenset[str]  # keywords sent as the same request key; "*": every keyword
    aliases: dict[str, str]  # framework keyword -> request key
    passthrough: tuple[str, ...]  # arguments whose dict is merged into the request
    sampling_default: str  # what the framework sends on its own ("" when nothing)
    sends_sampling: bool = False  # it sends sampling_default on every request, whatever the call says
    effort: EffortPlacement = EffortPlacement()  # where it takes an effort level
    own_keys: frozenset[str] = frozenset()  # keys of its passthrough dicts that it reads itself, not request keys
    settings_types: frozenset[str] = frozenset()  # TypedDicts that build its passthrough dicts (AnthropicModelSettings)

    @property
    def model_literal_required(self) -> bool:
        """Whether only a literal Claude model ID proves the call talks to Claude."""
        return self.id_form != "any"

    def forwards_keyword(self, keyword: str) -> bool:
        return (
            "*" in self.forwards
            or keyword in self.forwards
            or keyword in self.model_keywords
            or keyword in self.aliases
            or keyword in self.passthrough
        )


class FrameworkTableError(ValueError):
    """frameworks.toml does not describe a framework the analysis can use."""


def _entry(raw: dict[str, object]) -> Framework:
    name = raw.get("name", "?")
    for key, kind in _FIELDS.items():
        if not isinstance(raw.get(key), kind):
            raise FrameworkTableError(f"frameworks.toml: {name}: {key} must be a {kind.__name__}")
    for key, kind in _OPTIONAL.items():
        if key in raw and not isinstance(raw[key], kind):
            raise FrameworkTableError(f"frameworks.toml: {name}: {key} must be a {kind.__name__}")
    unknown = set(raw) - set(_FIELDS) - set(_OPTIONAL)
    if unknown:
        raise FrameworkTableError(f"frameworks.toml: {name}: unknown keys {sorted(unknown)}")
    if raw["id_form"] not in ID_FORMS:
        raise FrameworkTableError(f"frameworks.toml: {name}: id_form must be one of {sorted(ID_FORMS)}")
    if not raw["callables"] or not raw["model_keywords"]:
        raise FrameworkTableError(f"frameworks.toml: {name}: callables and model_keywords must not be empty")
    effort = EffortPlacement.parse(str(raw.get("effort_key", DEFAULT_EFFORT_KEY)))
    if effort.home and effort.home not in raw["passthrough"]:  # type: ignore[operator]
        raise FrameworkTableError(f"frameworks.toml: {name}: effort_key names {effort.home}, which is not a passthrough")
    return Framework(
        name=str(raw["name"]),
        source=str(raw["source"]),
        qualified=frozenset(raw["callables"]),  # type: ignore[arg-type]
        model_keywords=tuple(raw["model_keywords"]),  # type: ignore[arg-type]
        model_position=int(raw["model_position"]),  # type: ignore[call-overload]
        id_form=str(raw["id_form"]),
        forwards=frozenset(raw["forwards"]),  # type: ignore[arg-type]
        aliases=dict(raw["aliases"]),  # type: ignore[arg-type]
        passthrough=tuple(raw["passthrough"]),  # type: ignore[arg-type]
        sampling_default=str(raw["sampling_default"]),
        sends_sampling=bool(raw.get("sends_sampling", False)),
        effort=effort,
        own_keys=frozenset(raw.get("own_keys", [])),  # type: ignore[arg-type]
        settings_types=frozenset(raw.get("settings_types", [])),  # type: ignore[arg-type]
    )


def parse_frameworks(text: str) -> tuple[Framework, ...]:
    entries = tuple(_entry(raw) for raw in tomllib.loads(text).get("framework", []))
    names = [entry.name for entry in entries]
    if len(set(names)) != len(names):
        raise FrameworkTableError("frameworks.toml: duplicate framework names")
    return entries


def _table_text() -> str:
    return resources.files("codemod.catalog").joinpath("frameworks.toml").read_text(encoding="utf-8")


@cache
def load_frameworks() -> tuple[Framework, ...]:
    return parse_frameworks(_table_text())


def parse_client_wrappers(text: str) -> frozenset[str]:
    names: set[str] = set()
    for raw in tomllib.loads(text).get("client_wrapper", []):
        if set(raw) != {"name", "source", "callables"} or not isinstance(raw["callables"], list):
            raise FrameworkTableError(f"frameworks.toml: client_wrapper {raw.get('name', '?')}: needs name, source, callables")
        names.update(raw["callables"])
    return frozenset(names)


@cache
def client_wrappers() -> frozenset[str]:
    """Qualified names of functions that wrap a client and return one sending the same requests
    (``instructor.from_anthropic(client)``)."""
    return parse_client_wrappers(_table_text())


@cache
def settings_types() -> frozenset[str]:
    """Qualified names of the TypedDicts frameworks build their settings with: a call of one is a dict literal."""
    return frozenset(name for framework in load_frameworks() for name in framework.settings_types)


def framework_named(name: str) -> Framework | None:
    """The entry called ``name`` (a framework request's ``method``)."""
    return next((framework for framework in load_frameworks() if framework.name == name), None)


@cache
def entry_names() -> frozenset[str]:
    """The last segment of every callable (``ChatAnthropic``, ``completion``, ``Claude``, ``LM``): the calls
    the collector keeps as candidates before their imports are resolved."""
    return frozenset(_entry_name(name) for framework in load_frameworks() for name in framework.qualified)


def _entry_name(qualified: str) -> str:
    """The name a call is written under: ``Claude`` for ``agno.models.aws.Claude``."""
    return qualified.rsplit(".", 1)[-1]


def _root(qualified: str) -> str:
    parts = qualified.split(".")
    return ".".join(parts[:2]) if parts[0] in NAMESPACE_PACKAGES else parts[0]


def _shortest(names: set[str]) -> tuple[str, ...]:
    """``names`` without those containing another of them: a file holding any name holds one of these."""
    return tuple(sorted(name for name in names if not any(other != name and other in name for other in names)))


@cache
def claude_only_entry_names() -> tuple[str, ...]:
    """What a file calling a framework that only ever talks to Claude (``id_form = "any"``) must write,
    even without a model ID, when the framework's import path does not say ``anthropic`` or ``claude``:
    its entry point's name (``Claude`` for ``agno.models.aws.Claude``, ``ChatAnthropic`` for
    ``browser_use.ChatAnthropic``). Every part of a callable's path is written in a file that calls it (in
    the import, or in the attribute chain at the call), so the others need no name of their own."""
    return _shortest(
        {
            _entry_name(name)
            for framework in load_frameworks()
            if not framework.model_literal_required
            for name in framework.qualified
            if "anthropic" not in name and "claude" not in name
        }
    )


@cache
def sampling_sender_names() -> tuple[str, ...]:
    """Entry points of frameworks that send a sampling parameter on every request (AutoGen's clients):
    CM201 reports their calls with no ``temperature`` written."""
    return _shortest({_entry_name(name) for f in load_frameworks() if f.sends_sampling for name in f.qualified})


@cache
def entry_names_by_root() -> dict[str, frozenset[str]]:
    """Per framework package, the names a file must write to call one of its entry points or client
    wrappers (``{"agno": {"Claude", "AzureFoundryClaude"}, "instructor": {"from_provider", "patch", ...}}``):
    the collector only keeps calls of these names (or of aliases imported under them)."""
    names: dict[str, set[str]] = {}
    for qualified in [name for framework in load_frameworks() for name in framework.qualified] + sorted(client_wrappers()):
        names.setdefault(_root(qualified), set()).add(_entry_name(qualified))
    return {root: frozenset(found) for root, found in sorted(names.items())}


@cache
def package_roots() -> tuple[str, ...]:
    """Top-level packages of the frameworks (``agno``, ``dspy``, ``langchain_anthropic`` ...); for a namespace
    package, its first two parts (``google.adk``), so that every ``google`` import is not taken for one."""
    return tuple(sorted({_root(name) for framework in load_frameworks() for name in framework.qualified}))
