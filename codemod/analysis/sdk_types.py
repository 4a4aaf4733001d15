"""The plain facts ``sdk_usage.py`` finds about the SDK's own API in a module (see its docstring)."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst


@dataclass(frozen=True)
class SdkCall:
    """A call on a proven SDK client: ``<client>.<path>(...)``, whatever the resource and method."""

    call: cst.Call
    client: str  # the client class: "Anthropic", "AsyncAnthropicBedrock"... (``anthropic.Client``: "Anthropic")
    # The attribute names after the client, response wrappers left out: ("beta", "messages", "create").
    path: tuple[str, ...]
    raw: bool  # through ``.with_raw_response``
    keywords: dict[str, cst.Arg]  # the keyword arguments by name (``**kwargs`` is not among them)
    # The attribute nodes after the client, wrappers included, ``<client>.<first>`` first.
    attributes: tuple[cst.Attribute, ...]


@dataclass(frozen=True)
class ClientConstruction:
    """A call of an SDK client class: ``Anthropic(...)``, ``anthropic.AsyncAnthropicBedrock(...)``."""

    call: cst.Call
    client_class: str  # "Anthropic", "AnthropicBedrock"... (``anthropic.Client``: "Anthropic")
    keywords: dict[str, cst.Arg]  # the keyword arguments by name (``**kwargs`` is not among them)
    # "httpx.Client" / "httpx.AsyncClient" when the ``http_client=`` value is provably such an object: a
    # constructor call, or a name bound once to one (or annotated so).
    http_client_class: str | None = None


@dataclass(frozen=True)
class RemovedName:
    """A read of a name the SDK removed: an imported name (``node`` is the ``ImportAlias``) or an attribute."""

    node: cst.ImportAlias | cst.Attribute
    qualified: str  # "anthropic.HUMAN_PROMPT"
    name: str  # "HUMAN_PROMPT"
    module: str  # where it is read from: "anthropic", "anthropic.types.beta" ...
    import_from: cst.ImportFrom | None = None
    # Loads of an imported name that refer to this import (only for an import without ``as``).
    local_uses: tuple[cst.Name, ...] = ()


@dataclass(frozen=True)
class RawResponseUse:
    """``r.text`` / ``r.content`` / ``r.parse()`` ... on the result of a ``.with_raw_response`` call."""

    node: cst.Attribute  # ``r.text``
    member: str  # text | content | parse | read | json
    call: cst.Call | None  # ``r.parse()``: the call of the member, when it is called
    awaited: bool  # the call (or, for an attribute read, the read) is the operand of ``await``
    # The object read is provably the raw response: the call itself, or a name bound only to it, read in
    # the function (or module) that assigns it.
    proven: bool
    can_await: bool  # inside an ``async def`` (not in a lambda, nested function or comprehension)
    parenthesize: bool  # the use is the object of an attribute, subscript or call: ``(await r.read())[:10]``
    direct: bool  # read on the call expression itself (``client.messages.with_raw_response.create(...).text``)


@dataclass(frozen=True)
class RawResponse:
    """The result of a ``.with_raw_response`` call on a proven client, and its uses."""

    call: cst.Call
    client: str
    path: tuple[str, ...]  # as ``SdkCall.path``
    is_async: bool
    target: cst.Name | None  # the name the result is assigned to
    uses: tuple[RawResponseUse, ...]


@dataclass(frozen=True)
class MessageParamCall:
    """``MessageParam(role=..., content=...)``: calling a ``Union`` raises ``TypeError`` in 2.x."""

    call: cst.Call
    name: str  # MessageParam | BetaMessageParam
    # ``from <module> import <name>`` that binds the called name (no ``as``), for dropping the import.
    import_module: str | None
    # ``msg = MessageParam(...)`` where ``msg`` is a plain name assigned only there, in a module or function
    # (not a class body, where an annotation would make a dataclass field): the statement, whose name can
    # keep the type as an annotation.
    sole_assignment: cst.Assign | None = None


@dataclass
class SdkUsage:
    calls: list[SdkCall] = field(default_factory=list)
    constructions: list[ClientConstruction] = field(default_factory=list)
    removed_names: list[RemovedName] = field(default_factory=list)
    raw_responses: list[RawResponse] = field(default_factory=list)
    message_param_calls: list[MessageParamCall] = field(default_factory=list)
    # (module, name) of every ``from anthropic... import name`` without ``as``.
    anthropic_imports: set[tuple[str, str]] = field(default_factory=set)
