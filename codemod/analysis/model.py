"""Plain objects produced by the analysis: the Anthropic requests of a file and the values they send.

They reference libcst nodes of the parsed module (so rules can point at them and fixes can edit them)
but know nothing of rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst


@dataclass(eq=False)
class Binding:
    """A name bound exactly once to the value a request sends (``MODEL = "claude-opus-4-6"``)."""

    name: str
    target: cst.Name
    loads: list[cst.Name]
    # True when every load of the name is the value of the same key of a recognised request, so
    # editing the bound literal cannot change anything but those requests.
    editable: bool = False
    # The requests that send this binding's value (filled once all requests are known).
    users: list[Request] = field(default_factory=list)


@dataclass(eq=False)
class Value:
    """A value sent in a request: where it is written at the call (``site``) and where it resolves."""

    site: cst.BaseExpression
    expr: cst.BaseExpression
    binding: Binding | None = None
    mapping: Mapping | None = None  # set when ``expr`` is a dict literal or ``dict(...)`` call

    @property
    def editable(self) -> bool:
        """Whether a fix may edit ``expr`` (always, unless it is reached through a shared name)."""
        return self.binding is None or self.binding.editable


@dataclass(eq=False)
class Item:
    """One key of a request or of a mapping value: a keyword argument or a dict entry."""

    key: str
    node: cst.Arg | cst.DictElement
    value: Value


@dataclass(eq=False)
class Mapping:
    """A dict literal, a ``dict(...)`` call, or a call's keyword arguments, with its known keys."""

    node: cst.Dict | cst.Call
    items: dict[str, Item]
    # ``**spread`` entries and non-literal keys: keys this mapping may hold that are not known.
    opaque: list[cst.CSTNode] = field(default_factory=list)
    source: Value | None = None  # the value this mapping was reached through (None: call arguments)

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
    """One Messages API request: a call such as ``client.messages.create(...)`` or one batch entry."""

    call: cst.Call
    params: Mapping
    method: str  # the attribute path after the client: "messages.create", "beta.messages.stream" ...
    operation: str  # create | stream | parse | count_tokens | batch
    beta: bool
    client: ClientInfo | None  # None: not proven by the receiver, recognised by a Claude model ID

    def item(self, key: str) -> Item | None:
        return self.params.items.get(key)
