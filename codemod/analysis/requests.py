"""Resolve the Messages-API-shaped calls of a module into ``Request`` objects.

A call is an Anthropic request when its receiver is provably an SDK client (constructed from an
``anthropic`` client class, held in a name or ``self.<attr>`` bound only to such clients, or annotated
with a client class), or, failing that, when it sends a model ID the catalogue knows.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst
from libcst.metadata import (
    Assignment,
    MetadataWrapper,
    QualifiedNameProvider,
    QualifiedNameSource,
    Scope,
    ScopeProvider,
)
from libcst.metadata.scope_provider import ClassScope

from codemod.analysis.collect import CallShape, ModuleCollector
from codemod.analysis.literals import literal_str
from codemod.analysis.model import Binding, ClientInfo, Item, Mapping, Request, Value
from codemod.catalog import Catalog
from codemod.catalog.model_ids import parse_model_id

CLIENT_CLASSES = frozenset(
    prefix + name
    for prefix in ("", "Async")
    for name in (
        "Anthropic",
        "AnthropicBedrock",
        "AnthropicBedrockMantle",
        "AnthropicVertex",
        "AnthropicFoundry",
        "AnthropicAWS",
        "AnthropicGoogleCloud",
    )
)
_MAX_DEPTH = 4  # how many name/attribute hops are followed to prove a client


@dataclass
class FileAnalysis:
    requests: list[Request]


def _unwrap(value: object) -> object:
    # Lazy metadata values (libcst >= 1.2) are callables that compute the value on demand.
    return value() if callable(value) and not isinstance(value, (set, frozenset)) else value


class RequestAnalyzer:
    def __init__(self, wrapper: MetadataWrapper, catalog: Catalog) -> None:
        self.catalog = catalog
        self.collector = ModuleCollector()
        wrapper.visit(self.collector)
        self.scopes = wrapper.resolve(ScopeProvider)
        self.qualified = wrapper.resolve(QualifiedNameProvider)
        self._access_referents: dict[int, set[object]] = {}
        for scope in {s for s in self.scopes.values() if s is not None}:
            for access in scope.accesses:
                self._access_referents[id(access.node)] = set(access.referents)
        self._bindings: dict[int, Binding] = {}
        self._values: list[tuple[str, Value]] = []
        self._resolving: set[int] = set()

    # Clients --------------------------------------------------------------------------------
    def _qualified_names(self, node: cst.CSTNode) -> set[str]:
        names = _unwrap(self.qualified.get(node, set()))
        return {
            q.name
            for q in names  # type: ignore[union-attr]
            if q.source in (QualifiedNameSource.IMPORT, QualifiedNameSource.LOCAL)
        }

    def _client_class_name(self, node: cst.BaseExpression) -> str | None:
        """The client class a class reference (``Anthropic``, ``anthropic.AsyncAnthropic``) names."""
        for name in self._qualified_names(node):
            head, _, last = name.rpartition(".")
            if last in CLIENT_CLASSES and (head == "anthropic" or head.startswith("anthropic.")):
                return last
        return None

    def _annotated_client(self, annotation: cst.BaseExpression) -> str | None:
        if isinstance(annotation, cst.Subscript):  # Optional[Anthropic]
            for element in annotation.slice:
                if isinstance(element.slice, cst.Index):
                    found = self._annotated_client(element.slice.value)
                    if found:
                        return found
            return None
        if isinstance(annotation, cst.BinaryOperation) and isinstance(annotation.operator, cst.BitOr):
            return self._annotated_client(annotation.left) or self._annotated_client(annotation.right)
        return self._client_class_name(annotation)

    def _constructed_client(self, expr: cst.BaseExpression, depth: int) -> str | None:
        if isinstance(expr, cst.Call):
            return self._client_class_name(expr.func)
        if isinstance(expr, cst.IfExp):  # AnthropicVertex(...) if vertex else Anthropic()
            body = self._constructed_client(expr.body, depth)
            orelse = self._constructed_client(expr.orelse, depth)
            return body if body and orelse else None
        if isinstance(expr, (cst.Name, cst.Attribute)) and depth < _MAX_DEPTH:
            return self._proven_client(expr, None, depth + 1)
        return None

    def _name_client(self, node: cst.Name, depth: int) -> str | None:
        referents = self._access_referents.get(id(node))
        if not referents:
            return None
        found: str | None = None
        for referent in referents:
            if not isinstance(referent, Assignment):
                return None
            if isinstance(referent.node, cst.Param):  # def f(client: Anthropic)
                param = referent.node
                cls = self._annotated_client(param.annotation.annotation) if param.annotation else None
                if cls is None:
                    return None
                found = found or cls
                continue
            if not isinstance(referent.node, cst.Name):
                return None
            target = referent.node
            annotation = self.collector.annotations.get(id(target))
            value = self.collector.assigned.get(id(target)) or self.collector.entered.get(id(target))
            cls = (self._annotated_client(annotation) if annotation is not None else None) or (
                self._constructed_client(value, depth) if value is not None else None
            )
            if cls is None:
                return None
            found = found or cls
        return found

    def _attribute_client(self, node: cst.Attribute, shape: CallShape | None, depth: int) -> str | None:
        if shape is None or shape.class_node is None:
            return None
        if not (isinstance(node.value, cst.Name) and node.value.value == shape.self_name):
            return None
        info = self.collector.classes[id(shape.class_node)]
        attr = node.attr.value
        for annotation in info.attr_annotations.get(attr, []):
            cls = self._annotated_client(annotation)
            if cls:
                return cls
        values = info.attr_values.get(attr, [])
        classes = [self._constructed_client(v, depth) if v is not None else None for v in values]
        if classes and all(classes):
            return classes[0]
        return None

    def _proven_client(
        self, receiver: cst.BaseExpression, shape: CallShape | None, depth: int = 0
    ) -> str | None:
        if isinstance(receiver, cst.Call):
            return self._client_class_name(receiver.func)
        if isinstance(receiver, cst.Name):
            return self._name_client(receiver, depth)
        if isinstance(receiver, cst.Attribute):
            return self._attribute_client(receiver, shape, depth)
        return None

    # Values ---------------------------------------------------------------------------------
    def _binding_of(self, node: cst.Name) -> tuple[Binding, cst.BaseExpression] | None:
        """The one plain assignment a name refers to, in a module or function scope."""
        referents = self._access_referents.get(id(node))
        if not referents or len(referents) != 1:
            return None
        (referent,) = referents
        if not isinstance(referent, Assignment) or not isinstance(referent.node, cst.Name):
            return None
        if isinstance(referent.scope, ClassScope) or not isinstance(referent.scope, Scope):
            return None
        value = self.collector.assigned.get(id(referent.node))
        if value is None:
            return None
        binding = self._bindings.get(id(referent.node))
        if binding is None:
            loads = [access.node for access in referent.references if isinstance(access.node, cst.Name)]
            binding = Binding(node.value, referent.node, loads)
            self._bindings[id(referent.node)] = binding
        return binding, value

    def value(self, key: str, site: cst.BaseExpression) -> Value:
        value = Value(site, site)
        if isinstance(site, cst.Name):
            bound = self._binding_of(site)
            if bound is not None:
                value = Value(site, bound[1], bound[0])
        self._values.append((key, value))
        if id(value.expr) not in self._resolving:  # a name bound to a dict that contains itself
            self._resolving.add(id(value.expr))
            value.mapping = self.mapping(value)
            self._resolving.discard(id(value.expr))
        return value

    def mapping(self, value: Value) -> Mapping | None:
        """The keys of a dict literal or ``dict(...)`` call a value resolves to."""
        expr = value.expr
        if isinstance(expr, cst.Dict):
            result = Mapping(expr, {}, source=value)
            for element in expr.elements:
                key = literal_str(element.key) if isinstance(element, cst.DictElement) else None
                if key is None or key in result.items:
                    result.opaque.append(element)
                else:
                    result.items[key] = Item(key, element, self.value(key, element.value))
            return result
        if isinstance(expr, cst.Call) and "builtins.dict" in {
            q.name for q in _unwrap(self.qualified.get(expr.func, set()))  # type: ignore[union-attr]
        }:
            return self.call_mapping(expr, value)
        return None

    def call_mapping(self, call: cst.Call, source: Value | None = None) -> Mapping:
        result = Mapping(call, {}, source=source)
        for arg in call.args:
            if arg.keyword is None or arg.keyword.value in result.items:
                result.opaque.append(arg)
            else:
                key = arg.keyword.value
                result.items[key] = Item(key, arg, self.value(key, arg.value))
        return result

    # Requests -------------------------------------------------------------------------------
    def _requests_for(self, shape: CallShape) -> list[Request]:
        call_params = self.call_mapping(shape.call)
        if shape.operation != "batch":
            return [Request(shape.call, call_params, shape.method, shape.operation, shape.beta, None)]
        requests: list[Request] = []
        batch = call_params.get("requests")
        if batch is None:
            return requests

        def unresolved(node: cst.CSTNode) -> Request:
            # Batch entries built at run time: a request with no known keys, for rules to report.
            empty = Mapping(shape.call, {}, opaque=[node])
            return Request(shape.call, empty, shape.method, "batch", shape.beta, None)

        if not isinstance(batch.value.expr, (cst.List, cst.Tuple)):
            return [unresolved(batch.value.site)]
        for element in batch.value.expr.elements:
            if not isinstance(element, cst.Element):
                requests.append(unresolved(element))
                continue
            entry = self.value("requests[]", element.value).mapping
            params_item = entry.get("params") if entry else None
            params = params_item.value.mapping if params_item else None
            if params is not None:
                requests.append(Request(shape.call, params, shape.method, "batch", shape.beta, None))
            else:
                requests.append(unresolved(params_item.value.site if params_item else element.value))
        return requests

    def _sends_claude_model(self, request: Request) -> bool:
        """Whether the call itself writes a known Claude model ID as ``model=`` (a literal there)."""
        item = request.item("model")
        text = literal_str(item.value.site) if item else None
        return text is not None and parse_model_id(text, self.catalog) is not None

    def analyze(self) -> FileAnalysis:
        found: list[Request] = []
        for shape in self.collector.calls:
            mark = len(self._values)
            requests = self._requests_for(shape)
            client = self._proven_client(shape.receiver, shape)
            if client is None and not any(self._sends_claude_model(r) for r in requests):
                del self._values[mark:]  # not an Anthropic call: its values must not vouch for a binding
                continue
            info = ClientInfo(client) if client else None
            for request in requests:
                request.client = info
                found.append(request)
        self._settle_bindings(found)
        return FileAnalysis(found)

    def _settle_bindings(self, requests: list[Request]) -> None:
        """Mark a binding editable when every load of it is a same-key value of these requests."""
        for request in requests:
            for binding in _bindings_in(request.params):
                if not any(user is request for user in binding.users):
                    binding.users.append(request)
        calls = {id(r.call) for r in requests}
        sites_by_binding: dict[int, tuple[set[str], set[int]]] = {}
        for key, value in self._values:
            if value.binding is None:
                continue
            keys, sites = sites_by_binding.setdefault(id(value.binding), (set(), set()))
            keys.add(key)
            sites.add(id(value.site))
        for binding in self._bindings.values():
            keys, sites = sites_by_binding.get(id(binding), (set(), set()))
            binding.editable = (
                bool(calls) and len(keys) == 1 and all(id(load) in sites for load in binding.loads)
            )


def _bindings_in(mapping: Mapping, depth: int = 0) -> list[Binding]:
    found: list[Binding] = []
    if depth > 8:
        return found
    for item in mapping.items.values():
        if item.value.binding is not None:
            found.append(item.value.binding)
        if item.value.mapping is not None:
            found.extend(_bindings_in(item.value.mapping, depth + 1))
    if mapping.source is not None and mapping.source.binding is not None:
        found.append(mapping.source.binding)
    return found


def analyze_module(wrapper: MetadataWrapper, catalog: Catalog) -> FileAnalysis:
    return RequestAnalyzer(wrapper, catalog).analyze()
