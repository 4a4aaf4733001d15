"""Facts about the SDK's own API in a module, as plain objects: calls, constructors, removed names.

Everything here is found from the collector's records, qualified names and client proofs
(``clients.py``); nothing is guessed from a name alone:

- every call on a proven client (``SdkCall``): its client class, its resource path
  (``("completions", "create")``, ``("models", "list")``, ``("beta", "messages", "tool_runner")``),
  whether it goes through ``.with_raw_response``, its keyword arguments;
- every constructor call of an SDK client class (``ClientConstruction``), with the ``httpx`` class of
  the object passed as ``http_client=`` when it is provably one;
- reads of names the SDK removed (``anthropic.HUMAN_PROMPT``, ``anthropic.Transport``,
  ``BetaBase64PDFBlockParam``...), in ``from`` imports and attribute form, with the local uses of an
  imported name;
- ``.with_raw_response`` results: the object assigned from such a call and its ``.text`` /
  ``.content`` reads and ``parse()`` / ``read()`` / ``text()`` / ``json()`` calls, with whether each
  use is awaited, may be awaited, and provably reads that object;
- ``MessageParam(...)`` / ``BetaMessageParam(...)`` calls (a ``Union`` in 2.x).

It knows nothing of rules: each rule filters these facts for what it reports or fixes.
"""

from __future__ import annotations

import libcst as cst
from libcst.helpers import get_full_name_for_node

from codemod.analysis.clients import ClientProver, completions_vouched_by_model
from codemod.analysis.collect import RESPONSE_WRAPPERS
from codemod.analysis.resolve import ModuleIndex
from codemod.analysis.scopes import ClassScope, ComprehensionScope, FunctionScope, Scope
from codemod.analysis.sdk_types import (
    ClientConstruction,
    MessageParamCall,
    RawResponse,
    RawResponseUse,
    RemovedName,
    SdkCall,
    SdkUsage,
)

# Qualified names the SDK removed in 1.0.0 (the SDK's MIGRATION.md, "Removed: deprecated type aliases and
# exports", "Removed: the legacy Text Completions API"; none exists in the installed 2.x package).
REMOVED_NAMES = frozenset(
    {
        "anthropic.HUMAN_PROMPT",
        "anthropic.AI_PROMPT",
        "anthropic.types.Completion",
        "anthropic.types.completion.Completion",
        "anthropic.types.CompletionCreateParams",
        "anthropic.types.completion_create_params.CompletionCreateParams",
        "anthropic.Transport",
        "anthropic.ProxiesTypes",
        "anthropic._types.Transport",
        "anthropic._types.AsyncTransport",
        "anthropic._types.ProxiesTypes",
        "anthropic._types.ProxiesDict",
        "anthropic.types.beta.BetaBase64PDFBlockParam",
        "anthropic.types.beta.beta_base64_pdf_block_param.BetaBase64PDFBlockParam",
    }
)
# The message TypedDicts that became ``Union``s of role-specific TypedDicts in 2.x (``types/message_param.py``).
MESSAGE_PARAM_NAMES = {
    "anthropic.types.MessageParam": "MessageParam",
    "anthropic.types.message_param.MessageParam": "MessageParam",
    "anthropic.types.beta.BetaMessageParam": "BetaMessageParam",
    "anthropic.types.beta.beta_message_param.BetaMessageParam": "BetaMessageParam",
}
RAW_RESPONSE_MEMBERS = frozenset({"text", "content", "parse", "read", "json"})
HTTPX_CLIENTS = frozenset({"httpx.Client", "httpx.AsyncClient"})


def _keywords(call: cst.Call) -> dict[str, cst.Arg]:
    return {arg.keyword.value: arg for arg in call.args if arg.keyword is not None}


class SdkUsageFinder:
    def __init__(self, index: ModuleIndex, clients: ClientProver) -> None:
        self.index = index
        self.collector = index.collector
        self.clients = clients
        self._anthropic_imports: set[tuple[str, str]] = set()

    def find(self) -> SdkUsage:
        usage = SdkUsage()
        for call in self.collector.call_of_func.values():  # every call of the module, in source order
            if isinstance(call.func, (cst.Name, cst.Attribute)):
                self._call(call, usage)
        usage.removed_names.extend(self._removed_names())
        usage.anthropic_imports = self._anthropic_imports
        return usage

    def _method_context(self, node: cst.CSTNode) -> tuple[cst.ClassDef | None, str | None]:
        """The class and ``self`` name of the nearest method around ``node`` (closures included)."""
        scope = self.index.scope_of(node)
        while scope is not None:
            if isinstance(scope.node, cst.FunctionDef) and id(scope.node) in self.collector.method_owner:
                return self.index.method_context(scope.node)
            scope = scope.parent
        return None, None

    # Clients ---------------------------------------------------------------------------------
    def _client(self, expr: cst.BaseExpression, context: tuple[cst.ClassDef | None, str | None]) -> str | None:
        return self.clients.prove(expr, context)

    def _on_client(
        self, func: cst.BaseExpression, context: tuple[cst.ClassDef | None, str | None]
    ) -> tuple[str, list[cst.Attribute]] | None:
        """For ``<client>.a.b.c``: the client class and the attributes after the client, innermost first."""
        attributes: list[cst.Attribute] = []
        node = func
        while isinstance(node, cst.Attribute):
            attributes.append(node)
            node = node.value
        if not attributes:
            return None
        attributes.reverse()  # innermost (``client.a``) first
        candidates: list[cst.BaseExpression] = [node, *attributes[:-1]]
        for index, candidate in enumerate(candidates):
            client = self._client(candidate, context)
            if client is not None:
                return client, attributes[index:]
        return None

    # Calls -----------------------------------------------------------------------------------
    def _call(self, call: cst.Call, usage: SdkUsage) -> None:
        constructed = self.clients.client_class_name(call.func)
        if constructed is not None:
            usage.constructions.append(self._construction(call, constructed))
            return
        message_param = self._message_param(call)
        if message_param is not None:
            usage.message_param_calls.append(message_param)
            return
        if not isinstance(call.func, cst.Attribute):
            return
        split = self._on_client(call.func, self._method_context(call)) or completions_vouched_by_model(self.index, call)
        if split is None:
            return
        client, attributes = split
        path = tuple(a.attr.value for a in attributes if a.attr.value not in RESPONSE_WRAPPERS)
        raw = any(a.attr.value == "with_raw_response" for a in attributes)
        usage.calls.append(SdkCall(call, client, path, raw, _keywords(call), tuple(attributes)))
        if raw and path:
            usage.raw_responses.append(self._raw_response(call, client, path))

    def _construction(self, call: cst.Call, client: str) -> ClientConstruction:
        keywords = _keywords(call)
        http_client = keywords.get("http_client")
        httpx_class = self._httpx_client(http_client.value, 0) if http_client is not None else None
        return ClientConstruction(call, client, keywords, httpx_class)

    def _httpx_client(self, expr: cst.BaseExpression, depth: int) -> str | None:
        """``httpx.Client(...)`` / ``httpx.AsyncClient(...)``, or a name bound once to one (or annotated so)."""
        if isinstance(expr, cst.Call):
            return next((n for n in self.index.qualified_names(expr.func) if n in HTTPX_CLIENTS), None)
        if not isinstance(expr, cst.Name) or depth > 3:
            return None
        assignment = self.index.single_assignment(expr)
        if assignment is None:
            return None
        if isinstance(assignment.node, cst.Param):
            annotation = assignment.node.annotation
            names = self.index.qualified_names(annotation.annotation) if annotation is not None else set()
            return next((n for n in names if n in HTTPX_CLIENTS), None)
        if isinstance(assignment.node, cst.Name):
            value = self.collector.assigned.get(id(assignment.node)) or self.collector.entered.get(id(assignment.node))
            if value is not None:
                return self._httpx_client(value, depth + 1)
        return None

    def _message_param(self, call: cst.Call) -> MessageParamCall | None:
        names = [MESSAGE_PARAM_NAMES[n] for n in self.index.qualified_names(call.func) if n in MESSAGE_PARAM_NAMES]
        if not names:
            return None
        module = None
        if isinstance(call.func, cst.Name):
            assignment = self.index.single_assignment(call.func)
            node = assignment.node if assignment is not None else None
            if isinstance(node, cst.ImportFrom) and not node.relative and node.module is not None:
                aliases = [] if isinstance(node.names, cst.ImportStar) else node.names
                if any(alias.asname is None and alias.evaluated_name == call.func.value for alias in aliases):
                    module = get_full_name_for_node(node.module)
        return MessageParamCall(call, names[0], module, self._sole_assignment(call))

    def _sole_assignment(self, value: cst.BaseExpression) -> cst.Assign | None:
        statement = self.collector.assign_statements.get(id(value))
        if statement is None:
            return None
        target = statement.targets[0].target
        assignment = self.index.assignment_of(target)
        if assignment is None or isinstance(assignment.scope, ClassScope):
            return None
        return statement if len(assignment.scope.assignments.get(assignment.name, [])) == 1 else None

    # Raw responses -----------------------------------------------------------------------------
    def _raw_response(self, call: cst.Call, client: str, path: tuple[str, ...]) -> RawResponse:
        is_async = client.startswith("Async")
        awaited = self.collector.awaited.get(id(call))
        result: cst.BaseExpression = awaited if is_async and awaited is not None else call
        uses: list[RawResponseUse] = []
        direct = self._use(result, proven=True, direct=True)
        if direct is not None:
            uses.append(direct)
        target = self.collector.assigned_to_name.get(id(result))
        if target is not None and (awaited is not None) == is_async:
            assignment = self.index.assignment_of(target)
            if assignment is not None:
                home = _function_scope(assignment.scope)
                for access in assignment.references:
                    name = access.node
                    if not isinstance(name, cst.Name):
                        continue
                    scope = self.index.scope_of(name)
                    proven = self.index.referents(name) == {assignment} and scope is not None and _function_scope(scope) is home
                    use = self._use(name, proven=proven, direct=False)
                    if use is not None:
                        uses.append(use)
        else:
            target = None
        return RawResponse(call, client, path, is_async, target, tuple(uses))

    def _use(self, obj: cst.BaseExpression, proven: bool, direct: bool) -> RawResponseUse | None:
        attribute = self.collector.attribute_of_value.get(id(obj))
        if attribute is None or attribute.attr.value not in RAW_RESPONSE_MEMBERS:
            return None
        call = self.collector.call_of_func.get(id(attribute))
        used = call if call is not None else attribute
        return RawResponseUse(
            node=attribute,
            member=attribute.attr.value,
            call=call,
            awaited=id(used) in self.collector.awaited,
            proven=proven,
            can_await=self._can_await(attribute),
            parenthesize=any(
                id(used) in table
                for table in (self.collector.attribute_of_value, self.collector.subscript_of_value, self.collector.call_of_func)
            ),
            direct=direct,
        )

    def _can_await(self, node: cst.CSTNode) -> bool:
        scope = self.index.scope_of(node)
        if scope is None or isinstance(scope, ComprehensionScope):
            return False  # an ``await`` in a generator expression would make it an async generator
        return (
            isinstance(scope, FunctionScope)
            and isinstance(scope.node, cst.FunctionDef)
            and scope.node.asynchronous is not None
        )

    # Removed names -----------------------------------------------------------------------------
    def _removed_names(self) -> list[RemovedName]:
        found: list[RemovedName] = []
        imported: dict[int, RemovedName] = {}
        for statement in self.collector.import_froms:
            if statement.relative or statement.module is None or isinstance(statement.names, cst.ImportStar):
                continue
            module = get_full_name_for_node(statement.module) or ""
            for alias in statement.names:
                if alias.asname is None and (module == "anthropic" or module.startswith("anthropic.")):
                    self._anthropic_imports.add((module, alias.evaluated_name))
                qualified = f"{module}.{alias.evaluated_name}"
                if qualified in REMOVED_NAMES:
                    entry = RemovedName(alias, qualified, alias.evaluated_name, module, statement)
                    imported[id(alias)] = entry
                    found.append(entry)
        uses: dict[int, list[cst.Name]] = {}
        for node in self.collector.removed_name_reads:
            qualified = next((n for n in self.index.qualified_names(node) if n in REMOVED_NAMES), None)
            if qualified is None:
                continue
            if isinstance(node, cst.Attribute):
                module, _, name = qualified.rpartition(".")
                found.append(RemovedName(node, qualified, name, module))
                continue
            for referent in self.index.referents(node):
                statement = getattr(referent, "node", None)
                if not isinstance(statement, cst.ImportFrom) or isinstance(statement.names, cst.ImportStar):
                    continue
                for alias in statement.names:
                    if id(alias) in imported and alias.asname is None and alias.evaluated_name == node.value:
                        uses.setdefault(id(alias), []).append(node)
        return [
            RemovedName(e.node, e.qualified, e.name, e.module, e.import_from, tuple(uses.get(id(e.node), ())))
            if e.import_from is not None
            else e
            for e in found
        ]


def _function_scope(scope: Scope) -> Scope:
    """The function (or module, class) scope a comprehension's scope belongs to."""
    while isinstance(scope, ComprehensionScope):
        scope = scope.parent
    return scope


def find_sdk_usage(index: ModuleIndex, clients: ClientProver) -> SdkUsage:
    """The module's SDK facts: its SDK call sites, client constructions and uses of removed or changed APIs."""
    return SdkUsageFinder(index, clients).find()
