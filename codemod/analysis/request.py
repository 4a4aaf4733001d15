"""Plain objects produced by the analysis: the Anthropic requests of a file and the values they send.

They reference libcst nodes of the parsed module (so rules can point at them and fixes can edit them)
but know nothing of rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from codemod.analysis.collect import Mutation
from codemod.project.resolver import ProjectConstant
from codemod.project.uses import Use


@dataclass(eq=False)
class Binding:
    """A name bound exactly once to the value a request sends (``MODEL = "claude-opus-4-6"``).

    Also a parameter default (``def ask(model="claude-opus-4-6")``), a class constant read as
    ``self.MODEL``, or a helper function whose return value is sent.
    """

    name: str
    target: cst.CSTNode
    loads: list[cst.CSTNode]
    # True when every load of the name is the value of the same key of a recognised request (or a
    # statement that builds that value), so editing the bound literal cannot change anything else.
    editable: bool = False
    # The requests that send this binding's value (filled once all requests are known).
    users: list[Request] = field(default_factory=list)
    # The default of a parameter (``def ask(model="claude-2.1")``).
    parameter_default: bool = False


@dataclass(eq=False)
class Value:
    """A value sent in a request: where it is written at the call (``site``) and where it resolves."""

    site: cst.BaseExpression
    expr: cst.BaseExpression
    bindings: tuple[Binding, ...] = ()  # the names followed from ``site`` to ``expr``
    mapping: Mapping | None = None  # set when ``expr`` is a dict literal or ``dict(...)``-like call
    # Enclosing bindings the value is reached through (the dict it sits in, the helper returning it):
    # editing it is only safe when they are editable too.
    guards: tuple[Binding, ...] = ()
    # A name assigned on several paths (``x = {}`` then ``if c: x = {...}``): the value of each assignment,
    # each fixed on its own (``expr`` stays the name).
    alternatives: tuple[Value, ...] = ()
    # ``expr`` is a name imported from another module of the project that is bound there to a literal: that
    # literal (rules report it, and where to change it; the other module is not edited from here).
    imported: ProjectConstant | None = None
    # That module is in the run and rewrites the literal there (every use of it is a ``model=`` value).
    rewritten_where_defined: bool = False
    # An imported thinking dict whose module is in the run and which is sent only as ``thinking=``: its uses.
    imported_uses: tuple[Use, ...] | None = None

    @property
    def binding(self) -> Binding | None:
        return self.bindings[0] if self.bindings else None

    @property
    def editable(self) -> bool:
        """Whether a fix may edit ``expr`` (always, unless it is reached through a shared name)."""
        return all(binding.editable for binding in (*self.bindings, *self.guards))


@dataclass(eq=False)
class Item:
    """One key of a request or of a mapping value.

    Either an entry of a literal (a keyword argument, a dict entry: ``container`` is set) or a
    statement that adds the key to a dict held in a name (``kw["k"] = v``, ``kw.setdefault("k", v)``:
    ``mutation`` is set).
    """

    key: str
    node: cst.CSTNode  # what a finding points at: the Arg, the DictElement or the statement
    value: Value
    container: Mapping | None = None
    mutation: Mutation | None = None
    # For statement items: the name holding the dict being built (and any helper returning it).
    guards: tuple[Binding, ...] = ()
    # One of the values of a name assigned on several paths (``thinking=cfg``): a key added next to it at
    # the call would be sent on every path.
    alternative: bool = False

    @property
    def editable(self) -> bool:
        """Whether this item may be removed or have keys inserted next to it."""
        if self.container is not None:
            return self.container.editable
        return all(guard.editable for guard in self.guards)

@dataclass(eq=False)
class Mapping:
    """A dict literal, a ``dict(...)``-like call, or a call's keyword arguments, with its known keys."""

    node: cst.Dict | cst.Call
    items: dict[str, Item]
    # ``**spread`` entries and non-literal keys: keys this mapping may hold that are not known.
    opaque: list[cst.CSTNode] = field(default_factory=list)
    source: Value | None = None  # the value this mapping was reached through (None: call arguments)
    # The argument or entry whose value this mapping is (``extra_body={...}``), if any.
    owner: Item | None = None
    # For the arguments of a ``kw.update(...)`` statement: that statement.
    statement: cst.BaseSmallStatement | None = None
    # For an SDK TypedDict call (``ThinkingConfigEnabledParam(...)``): its qualified name.
    typed: str | None = None

    @property
    def editable(self) -> bool:
        return self.source is None or self.source.editable

    def get(self, key: str) -> Item | None:
        return self.items.get(key)


@dataclass(frozen=True)
class ClientInfo:
    """The SDK client class a receiver was proven to be (``AsyncAnthropicVertex`` ...)."""

    class_name: str

    @property
    def is_async(self) -> bool:
        return self.class_name.startswith("Async")

    @property
    def platform(self) -> str:
        name = self.class_name.removeprefix("Async").removeprefix("Anthropic")
        return {
            "": "anthropic",
            "Bedrock": "bedrock",
            "BedrockMantle": "bedrock",
            "Vertex": "vertex",
            "Foundry": "foundry",
            "AWS": "aws",
            "GoogleCloud": "google_cloud",
        }.get(name, "anthropic")


@dataclass(eq=False)
class Request:
    """One Messages API request: a call such as ``client.messages.create(...)`` or one batch entry.

    ``params`` is where the request's own arguments are written (the call, or a batch entry's params
    literal); ``entries`` holds every (key, item) the request may send, from ``params``, from dicts
    spread into it with ``**`` (with the statements that fill them) and from ``extra_body``. A key can
    have several items when it is assigned on several branches.
    """

    call: cst.Call
    params: Mapping
    method: str  # the attribute path after the client: "messages.create", "beta.messages.stream" ...
    operation: str  # create | stream | parse | count_tokens | batch
    beta: bool
    client: ClientInfo | None  # None: not proven by the receiver, recognised by a Claude model ID
    entries: list[Item] = field(default_factory=list)
    # Parts whose keys cannot be known statically (``**kwargs`` of unknown origin ...).
    opaque: list[cst.CSTNode] = field(default_factory=list)

    def items(self, key: str) -> list[Item]:
        return [item for item in self.entries if item.key == key]

    def item(self, key: str) -> Item | None:
        """The item for ``key`` when the request has exactly one."""
        found = self.items(key)
        return found[0] if len(found) == 1 else None
