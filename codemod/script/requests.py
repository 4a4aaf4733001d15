"""The Messages API calls a script provably makes through the ``@anthropic-ai/sdk`` client.

Proof goes by import, never by name alone: a client class is a binding imported from an SDK package
(``import Anthropic from "@anthropic-ai/sdk"``, ``import { Anthropic as A }``, ``import * as sdk``,
``const Anthropic = require(...)``, ``const { AnthropicBedrock } = require(...)``); a client is
``new <class>(...)`` written at the call, or a name (or ``this.<field>``) every assignment of which in the
file is such a construction, declared once. A request is ``<client>.messages.create|stream|countTokens|parse``
or the same under ``.beta``; its first argument is the request when it is an object literal. Anything else
that names the SDK is left to the CM001 and CM108 reports of ``migrate.py``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from codemod.script import SDK_PACKAGES
from codemod.script.syntax import Node, key_of, string_value, text, walk

CLIENT_CLASSES = {"Anthropic", "AnthropicBedrock", "AnthropicVertex", "AnthropicFoundry", "default"}
METHODS = ("create", "stream", "countTokens", "parse")


@dataclass
class ScriptRequest:
    call: Node
    method: str  # "messages.create", "beta.messages.stream" ...
    params: Node | None  # the object literal, when the first argument is one
    argument: Node | None  # the first argument, whatever it is
    receiver: Node | None = None  # for a call on a client that cannot be proven: that client
    # ``{ ...base, messages }`` where ``base`` names an object literal only requests read: spread -> its literal
    spreads: dict[int, Node] = field(default_factory=dict)


@dataclass
class Bindings:
    classes: set[str] = field(default_factory=set)  # local names of SDK client classes
    namespaces: set[str] = field(default_factory=set)  # ``import * as sdk``: ``new sdk.Anthropic()``
    clients: set[str] = field(default_factory=set)  # names bound only to client constructions
    fields: set[str] = field(default_factory=set)  # ``this.client``, assigned only client constructions
    # ``const params = {...}`` declared once, with how many times it is read: the request it is passed as is that
    # literal when every read is the request argument of a proven call (a shared literal others change is not).
    objects: dict[str, tuple[Node, int]] = field(default_factory=dict)
    # ``import type { MessageCreateParams as P } from "@anthropic-ai/sdk/..."``: local name -> the SDK's name
    param_types: dict[str, str] = field(default_factory=dict)


def _object_literals(root: Node, declared: Counter[str]) -> dict[str, tuple[Node, int]]:
    """Names declared once as an object literal, with the number of times each is read."""
    literals: dict[str, Node] = {}
    reads: Counter[str] = Counter()
    for node in walk(root):
        if node.type == "variable_declarator":
            name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
            if name is not None and name.type == "identifier" and value is not None and value.type == "object":
                literals[text(name)] = value
        elif node.type in ("identifier", "shorthand_property_identifier"):
            parent = node.parent
            if not (parent is not None and parent.type == "variable_declarator" and parent.child_by_field_name("name") == node):
                reads[text(node)] += 1
    return {name: (value, reads[name]) for name, value in literals.items() if declared[name] == 1}


def _sdk_source(node: Node | None, subpaths: bool = False) -> bool:
    """An import of an SDK package (``subpaths``: or of a module inside one, ``@anthropic-ai/sdk/resources``)."""
    source = string_value(node)
    return source is not None and (source in SDK_PACKAGES or (subpaths and source.startswith(tuple(p + "/" for p in SDK_PACKAGES))))


PARAMS_TYPES = ("MessageCreateParams", "BetaMessageCreateParams", "MessageCountTokensParams", "BetaMessageCountTokensParams", "MessageStreamParams")


def _params_type(annotation: Node | None, found: Bindings) -> str | None:
    """``: Anthropic.MessageCreateParams`` / ``: MessageCreateParamsNonStreaming`` (imported from the SDK): the
    method whose request the annotated object is; None for any other type."""
    kind = annotation.named_children[0] if annotation is not None and annotation.named_children else None
    if kind is None or kind.type not in ("type_identifier", "nested_type_identifier"):
        return None
    parts = text(kind).split(".")
    if kind.type == "type_identifier":
        if parts[-1] not in found.param_types:
            return None
        parts[-1] = found.param_types[parts[-1]]
    elif parts[0] not in found.classes | found.namespaces or not parts[-1].startswith(PARAMS_TYPES):
        return None
    operation = "countTokens" if "CountTokens" in parts[-1] else "create"
    return f"beta.messages.{operation}" if parts[-1].startswith("Beta") or "Beta" in parts[:-1] else f"messages.{operation}"


def _imports(root: Node, found: Bindings) -> None:
    for node in walk(root):
        if node.type == "import_statement" and _sdk_source(node.child_by_field_name("source"), subpaths=True):
            for spec in (s for c in node.named_children if c.type == "import_clause" for p in c.named_children
                         if p.type == "named_imports" for s in p.named_children):
                name, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
                if name is not None and text(name).startswith(PARAMS_TYPES):
                    found.param_types[text(alias or name)] = text(name)
        if node.type == "import_statement" and _sdk_source(node.child_by_field_name("source")):
            for clause in (c for c in node.named_children if c.type == "import_clause"):
                for part in clause.named_children:
                    if part.type == "identifier":  # the default export is the client class
                        found.classes.add(text(part))
                    elif part.type == "namespace_import":
                        found.namespaces.update(text(c) for c in part.named_children if c.type == "identifier")
                    elif part.type == "named_imports":
                        for spec in part.named_children:
                            name, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
                            if name is not None and text(name) in CLIENT_CLASSES:
                                found.classes.add(text(alias or name))
        elif node.type == "variable_declarator" and _is_require(node.child_by_field_name("value")):
            target = node.child_by_field_name("name")
            if target is not None and target.type == "identifier":  # CommonJS: the module is the class
                found.classes.add(text(target))
            elif target is not None and target.type == "object_pattern":
                for part in target.named_children:
                    if part.type == "shorthand_property_identifier_pattern" and text(part) in CLIENT_CLASSES:
                        found.classes.add(text(part))
                    elif part.type == "pair_pattern":
                        key, value = part.child_by_field_name("key"), part.child_by_field_name("value")
                        if key is not None and value is not None and text(key) in CLIENT_CLASSES and value.type == "identifier":
                            found.classes.add(text(value))


def _is_require(node: Node | None) -> bool:
    if node is None or node.type != "call_expression":
        return False
    function, arguments = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    return (
        function is not None and text(function) == "require" and arguments is not None
        and len(arguments.named_children) == 1 and _sdk_source(arguments.named_children[0])
    )


def is_construction(node: Node | None, found: Bindings) -> bool:
    """``new Anthropic(...)``, ``new sdk.Anthropic(...)`` of an imported class."""
    while node is not None and node.type in ("parenthesized_expression", "await_expression"):
        node = node.named_children[0] if node.named_children else None
    if node is None or node.type != "new_expression":
        return False
    constructor = node.child_by_field_name("constructor")
    if constructor is None:
        return False
    if constructor.type == "identifier":
        return text(constructor) in found.classes
    if constructor.type == "member_expression":
        obj, prop = constructor.child_by_field_name("object"), constructor.child_by_field_name("property")
        return obj is not None and prop is not None and text(obj) in found.namespaces and text(prop) in CLIENT_CLASSES
    return False


def _declared_names(root: Node) -> Counter[str]:
    """How many times each name is declared (a shadowed name proves nothing)."""
    counts: Counter[str] = Counter()
    for node in walk(root):
        if node.type in ("variable_declarator", "function_declaration", "class_declaration"):
            name = node.child_by_field_name("name")
            if name is not None and name.type == "identifier":
                counts[text(name)] += 1
        elif node.type in ("required_parameter", "optional_parameter"):
            pattern = node.child_by_field_name("pattern")
            if pattern is not None and pattern.type == "identifier":
                counts[text(pattern)] += 1
        elif node.type in ("formal_parameters", "import_specifier", "namespace_import", "import_clause"):
            counts.update(text(c) for c in node.named_children if c.type == "identifier")
    return counts


def _clients(root: Node, found: Bindings, imported: set[str]) -> None:
    declared = _declared_names(root)
    found.objects = _object_literals(root, declared)
    if any(declared[name] > 1 for name in found.classes | found.namespaces):
        found.classes -= {n for n in found.classes if declared[n] > 1}
        found.namespaces -= {n for n in found.namespaces if declared[n] > 1}
    assigned: dict[str, list[Node | None]] = {}
    this_fields: dict[str, list[Node | None]] = {}
    for node in walk(root):
        if node.type == "variable_declarator":
            name = node.child_by_field_name("name")
            if name is not None and name.type == "identifier":
                assigned.setdefault(text(name), []).append(node.child_by_field_name("value"))
        elif node.type == "assignment_expression":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is not None and left.type == "identifier":
                assigned.setdefault(text(left), []).append(right)
            elif left is not None and left.type == "member_expression" and text(left.child_by_field_name("object") or left) == "this":
                prop = left.child_by_field_name("property")
                if prop is not None:
                    this_fields.setdefault(text(prop), []).append(right)
        elif node.type in ("public_field_definition", "field_definition"):
            name = node.child_by_field_name("name") or node.child_by_field_name("property")
            if name is not None:
                this_fields.setdefault(text(name), []).append(node.child_by_field_name("value"))
    found.clients = {
        name for name, values in assigned.items()
        if declared[name] == 1 and values and all(is_construction(v, found) for v in values)
    }
    # Imported from a module of the project that exports a client (imports.py): never declared or assigned here.
    found.clients |= {name for name in imported if declared[name] <= 1 and name not in assigned}
    found.fields = {name for name, values in this_fields.items() if values and all(is_construction(v, found) for v in values)}


def bindings(root: Node, imported: set[str] | None = None) -> Bindings:
    """The SDK names of a module; ``imported``: names it imports that other modules prove are clients."""
    found = Bindings()
    _imports(root, found)
    if found.classes or found.namespaces or imported:
        _clients(root, found, imported or set())
    return found


def _is_client(node: Node | None, found: Bindings) -> bool:
    if node is None:
        return False
    if node.type == "identifier":
        return text(node) in found.clients
    if node.type == "member_expression":
        obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
        return obj is not None and obj.type == "this" and prop is not None and text(prop) in found.fields
    return is_construction(node, found)


def _prop(node: Node, name: str) -> Node | None:
    """The object of ``<object>.<name>``, or None when ``node`` is not that member."""
    if node.type != "member_expression":
        return None
    prop = node.child_by_field_name("property")
    return node.child_by_field_name("object") if prop is not None and text(prop) == name else None


def _call_on_client(function: Node, found: Bindings) -> tuple[str, Node, bool] | None:
    """(``messages.create`` / ``beta.messages.stream``, the client, whether it is proven) for a call of a
    Messages method on some object."""
    prop = function.child_by_field_name("property")
    method = text(prop) if prop is not None else ""
    owner = _prop(function, method) if method in METHODS else None  # <client>.messages, or <client>.messages.batches
    if method == "create" and owner is not None and _prop(owner, "batches") is not None:
        owner, method = _prop(owner, "batches"), "batches.create"
    client = _prop(owner, "messages") if owner is not None else None
    if client is None:
        return None
    beta_client = _prop(client, "beta")
    if beta_client is not None:
        return f"beta.messages.{method}", beta_client, _is_client(beta_client, found)
    return f"messages.{method}", client, _is_client(client, found)


def _batch_entries(argument: Node | None) -> list[tuple[Node, Node | None]]:
    """``{ requests: [{ custom_id, params: {...} }, ...] }``: (each entry's params value, its object literal);
    one (argument, None) when the list is not written out."""
    pairs = {key_of(c): c for c in argument.named_children if c.type == "pair"} if argument is not None and argument.type == "object" else {}
    listed = pairs["requests"].child_by_field_name("value") if "requests" in pairs else None
    if listed is None or listed.type != "array":
        return [(argument, None)] if argument is not None else []
    entries: list[tuple[Node, Node | None]] = []
    for element in listed.named_children:
        inner = {key_of(c): c for c in element.named_children if c.type == "pair"} if element.type == "object" else {}
        value = inner["params"].child_by_field_name("value") if "params" in inner else None
        entries.append((value or element, value if value is not None and value.type == "object" else None))
    return entries


def requests(root: Node, found: Bindings) -> list[ScriptRequest]:
    """Messages calls on proven clients, and (with ``receiver`` set) those on clients that cannot be proven."""
    result: list[ScriptRequest] = []
    for node in walk(root):
        if node.type != "call_expression":
            continue
        function = node.child_by_field_name("function")
        call = _call_on_client(function, found) if function is not None and function.type == "member_expression" else None
        if call is None:
            continue
        method, receiver, proven = call
        arguments = node.child_by_field_name("arguments")
        first = arguments.named_children[0] if arguments is not None and arguments.named_children else None
        if method.endswith("batches.create"):
            result.extend(ScriptRequest(node, method, params, value, None if proven else receiver) for value, params in _batch_entries(first))
            continue
        params = first if first is not None and first.type == "object" else None
        result.append(ScriptRequest(node, method, params, first, None if proven else receiver))
    _passed_literals(result, found)
    sent = {r.params.id for r in result if r.params is not None}
    for node in walk(root) if found.param_types or found.classes or found.namespaces else ():
        if node.type != "variable_declarator":
            continue
        value, method = node.child_by_field_name("value"), _params_type(node.child_by_field_name("type"), found)
        if method is not None and value is not None and value.type == "object" and value.id not in sent:
            result.append(ScriptRequest(node, method, value, value))  # typed as the SDK's request: it is one
    return result


def _spread_names(request: ScriptRequest) -> list[tuple[Node, str]]:
    """The ``...name`` spreads of a request object literal, with the name."""
    if request.params is None:
        return []
    spreads = [(c, c.named_children[0]) for c in request.params.named_children if c.type == "spread_element" and c.named_children]
    return [(spread, text(name)) for spread, name in spreads if name.type == "identifier"]


def _passed_literals(found_requests: list[ScriptRequest], found: Bindings) -> None:
    """``client.messages.create(params)`` and ``{ ...base, messages }``: the request is (or holds) the literal
    the name is bound to when every read of the name is the request argument of a proven call, or a spread in
    one (one call, or several sending the same request)."""
    proven = [r for r in found_requests if r.receiver is None]
    passed = Counter(text(r.argument) for r in proven if r.argument is not None and r.argument.type == "identifier")
    passed.update(name for r in proven for _, name in _spread_names(r))
    for request in proven:
        for spread, name in _spread_names(request):
            literal, reads = found.objects.get(name, (None, 0))
            if literal is not None and reads == passed[name]:
                request.spreads[spread.id] = literal
    for request in found_requests:
        argument = request.argument
        if request.receiver is None and request.params is None and argument is not None and argument.type == "identifier":
            literal, reads = found.objects.get(text(argument), (None, 0))
            if literal is not None and reads == passed[text(argument)]:
                request.params = literal


AI_SDK_PACKAGE = "@ai-sdk/anthropic"
AI_SDK_METHODS = ("languageModel", "chat", "messages")


def ai_sdk_model_ids(root: Node) -> list[Node]:
    """The model ID string literals of the Vercel AI SDK's Anthropic provider: ``anthropic("claude-...")``,
    ``anthropic.languageModel("claude-...")``, the same on a ``createAnthropic(...)`` provider; the provider
    proven by its import from ``@ai-sdk/anthropic`` and declared once."""
    providers: set[str] = set()
    factories: set[str] = set()
    for node in root.named_children:
        if node.type == "import_statement" and string_value(node.child_by_field_name("source")) == AI_SDK_PACKAGE:
            for spec in (s for c in node.named_children if c.type == "import_clause" for p in c.named_children
                         if p.type == "named_imports" for s in p.named_children):
                name, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
                if name is not None and text(name) == "anthropic":
                    providers.add(text(alias or name))
                elif name is not None and text(name) == "createAnthropic":
                    factories.add(text(alias or name))
    if not providers and not factories:
        return []
    declared = _declared_names(root)
    for node in walk(root):
        if node.type == "variable_declarator":
            name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
            function = value.child_by_field_name("function") if value is not None and value.type == "call_expression" else None
            if name is not None and function is not None and text(function) in factories:
                providers.add(text(name))
    providers = {name for name in providers if declared[name] <= 1}
    found: list[Node] = []
    for node in walk(root):
        if node.type != "call_expression":
            continue
        function = node.child_by_field_name("function")
        if function is None:
            continue
        if function.type == "member_expression":
            prop = function.child_by_field_name("property")
            if prop is None or text(prop) not in AI_SDK_METHODS:
                continue
            function = function.child_by_field_name("object")
        if function is None or function.type != "identifier" or text(function) not in providers:
            continue
        arguments = node.child_by_field_name("arguments")
        first = arguments.named_children[0] if arguments is not None and arguments.named_children else None
        if string_value(first) is not None:
            found.append(first)  # type: ignore[arg-type]
    return found
