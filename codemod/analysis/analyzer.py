"""Resolve the Messages-API-shaped calls of a module into ``Request`` objects.

A call is an Anthropic request when its receiver is provably an SDK client (see ``clients.py``),
or, failing that, when it writes a model ID the catalogue knows as its ``model=`` argument. Calls
through a bound-method alias (``create = client.messages.create; create(...)``) count too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from codemod.analysis.clients import ClientProver
from codemod.analysis.collect import PROMPT_CACHING, CallShape, NameCall, method_shape
from codemod.analysis.frameworks import (
    Framework,
    framework_of,
    model_argument,
    sends_claude,
)
from codemod.analysis.literals import literal_str
from codemod.analysis.model_comparisons import ModelComparison, model_comparisons
from codemod.analysis.request import Binding, ClientInfo, Item, Mapping, Request
from codemod.analysis.resolve import ModuleIndex
from codemod.analysis.scopes import Assignment, ImportAssignment
from codemod.analysis.sdk_usage import SdkUsage, find_sdk_usage
from codemod.analysis.values import Context, ValueResolver
from codemod.catalog import Catalog
from codemod.catalog.model_ids import parse_model_id
from codemod.edits import code_of
from codemod.project.resolver import FileResolver, ProjectConstant
from codemod.project.uses import sent_only_as_model, sent_only_as_thinking


@dataclass
class FileAnalysis:
    requests: list[Request]
    model_comparisons: list[ModelComparison] = field(default_factory=list)
    sdk_usage: SdkUsage = field(default_factory=SdkUsage)  # uses of APIs SDK 1.x/2.x removed or changed
    # Every dict display or call in the module that writes a ``budget_tokens`` key, sent or not.
    budget_configs: list[cst.Dict | cst.Call] = field(default_factory=list)
    module: cst.Module | None = None
    index: ModuleIndex | None = field(default=None, repr=False)  # names and their qualified names
    project: FileResolver | None = field(default=None, repr=False)  # the project around the file, if known


# Arguments whose dict is sent as part of the request (the SDK's ``extra_body``, LangChain's ``model_kwargs``).
# A framework's own (agno's ``request_params``, Haystack's ``generation_kwargs`` ...) count for its calls only.
PASSTHROUGH = ("extra_body", "model_kwargs")


class RequestAnalyzer:
    def __init__(self, module: cst.Module, catalog: Catalog, project: FileResolver | None = None) -> None:
        self.module = module
        self.catalog = catalog
        self.index = ModuleIndex(module)
        self.collector = self.index.collector
        self.values = ValueResolver(self.index)
        self.clients = ClientProver(self.index, project)
        self.project = project

    def _shapes(self) -> list[CallShape]:
        shapes = list(self.collector.calls)
        for name_call in self.collector.name_calls:  # create = client.messages.create; create(...)
            assignment = self.index.single_assignment(name_call.name)
            if assignment is None or not isinstance(assignment.node, cst.Name):
                continue
            target = self.collector.assigned.get(id(assignment.node))
            split = method_shape(target) if isinstance(target, cst.Attribute) else None
            if split is not None:
                receiver, (method, operation, beta) = split
                shapes.append(
                    CallShape(name_call.call, receiver, method, operation, beta, name_call.class_node, name_call.self_name)
                )
        shapes.extend(shape for call in self.collector.resource_calls if (shape := self._resource_shape(call)) is not None)
        return shapes

    def _resource_shape(self, resource_call: NameCall) -> CallShape | None:
        """``messages_client.stream(...)`` where ``messages_client`` is assigned only ``<client>.messages`` or
        ``<client>.beta.messages`` (on two branches, say), each time on the same client expression. The call
        counts as beta only when every path is: a fix that only beta calls accept must not reach the other."""
        func = resource_call.call.func
        assert isinstance(func, cst.Attribute)
        shapes = []
        for referent in self.index.referents(resource_call.name):
            value = self.collector.assigned.get(id(referent.node)) if isinstance(referent, Assignment) else None
            if not isinstance(value, cst.Attribute) or value.attr.value != "messages":
                return None
            split = method_shape(cst.Attribute(value=value, attr=func.attr))
            if split is None:
                return None
            shapes.append(split)
        if not shapes or len({code_of(receiver) for receiver, _ in shapes}) != 1:
            return None
        receiver, (method, operation, _) = shapes[0]
        beta = all(shape[2] for _, shape in shapes)
        method = method if beta else method.removeprefix("beta.")
        return CallShape(resource_call.call, receiver, method, operation, beta, resource_call.class_node, resource_call.self_name)

    def _model_alternatives(self, item: Item, context: Context) -> list[Item]:
        """The model values one ``model`` item may send: each branch of ``a if c else b`` and the
        values subclasses give a ``self.MODEL`` constant, each migrated on its own."""
        value = item.value
        if isinstance(value.expr, cst.IfExp):
            branches = []
            for branch in (value.expr.body, value.expr.orelse):
                inner = Item(item.key, item.node, self.values.value("model", branch, context), item.container)
                branches.extend(self._model_alternatives(inner, context))
            return branches
        overrides = self.values.overrides(value.site, context, "model")
        return [item, *(Item(item.key, item.node, v, item.container) for v in overrides)]

    def _expand(
        self, request: Request, mapping: Mapping, context: Context, top_level: bool, passthrough: tuple[str, ...] = PASSTHROUGH
    ) -> None:
        """Add a mapping's items to the request, following ``**`` spreads and ``extra_body``."""
        for item in mapping.items.values():
            if item.key == "model":
                request.entries.extend(self._model_alternatives(item, context))
            elif item.value.alternatives:  # thinking=cfg, cfg assigned on several paths: each is sent
                request.entries.extend(
                    Item(item.key, item.node, v, item.container, alternative=True) for v in item.value.alternatives
                )
            else:
                request.entries.append(item)
        for node in mapping.opaque:
            spread = None
            if isinstance(node, cst.StarredDictElement) or (isinstance(node, cst.Arg) and node.star == "**"):
                spread = node.value
            elif isinstance(node, cst.Arg) and not node.star and node.keyword is None and not top_level:
                spread = node.value  # dict(base, k=v)
            if spread is None:
                request.opaque.append(node)
                continue
            items, unknown = self.values.spread(spread, context)
            if unknown == [spread]:
                request.opaque.append(node)  # report the whole ``**x``, not just ``x``
                continue
            request.entries.extend(items)
            request.opaque.extend(unknown)
        for key in passthrough:
            # Parameters smuggled past the signature (``extra_body``, LangChain's ``model_kwargs``)
            # are sent all the same.
            holder = mapping.get(key)
            if holder is None:
                continue
            for value in holder.value.alternatives or (holder.value,):
                if value.mapping is not None:
                    request.entries.extend(value.mapping.items.values())
                elif holder.value.alternatives and not _is_none(value.expr):
                    request.opaque.append(value.expr)  # one path sends body fields that cannot be known

    def _requests_for(self, shape: CallShape) -> list[Request]:
        context: Context = (shape.class_node, shape.self_name)
        call_params = self.values.call_mapping(shape.call, None, context)
        if shape.operation != "batch":
            # The old prompt-caching resource becomes ``client.beta.messages`` if it sends ``betas``, else
            # ``client.messages`` (CM410): its requests are analysed as what they become.
            beta = shape.beta or (shape.method.startswith(PROMPT_CACHING) and "betas" in call_params.items)
            request = Request(shape.call, call_params, shape.method, shape.operation, beta, None)
            self._expand(request, call_params, context, top_level=True)
            return [request]
        requests: list[Request] = []
        batch = call_params.get("requests")
        if batch is None:
            return requests

        def unresolved(node: cst.CSTNode) -> Request:
            # Batch entries built at run time: a request with no known keys, for rules to report.
            return Request(shape.call, Mapping(shape.call, {}), shape.method, "batch", shape.beta, None, opaque=[node])

        elements, unknown = self.values.list_elements(batch.value.site, context)
        requests.extend(unresolved(node) for node in unknown)
        for element in elements:
            entry = self.values.value("requests[]", element, context).mapping
            params_item = entry.get("params") if entry else None
            params = params_item.value.mapping if params_item else None
            if params is None:
                requests.append(unresolved(params_item.value.site if params_item else element))
                continue
            request = Request(shape.call, params, shape.method, "batch", shape.beta, None)
            self._expand(request, params, context, top_level=False)
            requests.append(request)
        return requests

    def _framework_requests(self) -> list[Request]:
        """``ChatAnthropic(...)``, ``init_chat_model("anthropic:...")``, ``litellm.completion(...)``."""
        found: list[Request] = []
        for call in self.collector.framework_calls:
            framework = framework_of(self.index.qualified_names(call.func))
            if framework is None or not sends_claude(call, framework, self.catalog):
                continue
            found.append(self._framework_request(call, framework))
        return found

    def _framework_request(self, call: cst.Call, framework: Framework) -> Request:
        context: Context = (None, None)
        params = self.values.call_mapping(call, None, context)
        request = Request(call, params, framework.name, "framework", False, None)
        # Only the keywords the framework sends under the same name are request keys (an agno ``name=`` or a
        # pydantic-ai ``tools=`` is not); the rest of the call is not the tool's business.
        params.items = {key: item for key, item in params.items.items() if framework.forwards_keyword(key)}
        model = model_argument(call, framework)
        if model is not None and model.keyword is None:  # init_chat_model("anthropic:claude-...")
            params.opaque = [node for node in params.opaque if node is not model]
            params.items["model"] = Item("model", model, self.values.value("model", model.value, context), container=params)
        if "*" not in framework.forwards:
            params.opaque = [node for node in params.opaque if isinstance(node, cst.Arg) and node.star == "**"]
        self._expand(request, params, context, top_level=True, passthrough=tuple(dict.fromkeys(PASSTHROUGH + framework.passthrough)))
        if framework.own_keys:  # pydantic-ai's model_settings={"thinking": True} is its own setting, not the API's
            request.entries = [item for item in request.entries if item.key not in framework.own_keys]
        for item in list(request.entries):
            if item.key in framework.aliases:
                request.entries.append(Item(framework.aliases[item.key], item.node, item.value, item.container))
        return request

    def _sends_claude_model(self, request: Request) -> bool:
        """Whether the call itself writes a known Claude model ID as ``model=``: a literal there, or the
        default of the parameter it passes (``def ask(client, model="claude-2.1")``: the signature says
        what the wrapper is for)."""
        item = request.params.get("model")
        if item is None:
            return False
        value = item.value
        from_default = len(value.bindings) == 1 and value.bindings[0].parameter_default
        text = literal_str(value.expr if from_default else value.site)
        if text is None:  # MODEL imported from a project module that binds it to a Claude model ID
            constant = self._imported_constant(value.site)
            text = constant.value if constant is not None and isinstance(constant.value, str) else None
        return text is not None and parse_model_id(text, self.catalog) is not None

    def _imported_constant(self, expr: cst.BaseExpression) -> ProjectConstant | None:
        """The literal a name imported from a project module is bound to there (``MODEL``, ``config.MODEL``)."""
        if self.project is None or not isinstance(expr, (cst.Name, cst.Attribute)):
            return None
        if isinstance(expr, cst.Name) and not all(isinstance(r, ImportAssignment) for r in self.index.referents(expr) or [None]):
            return None  # a local or global of this module
        names = self.index.qualified_names(expr)
        return next((c for name in sorted(names) if (c := self.project.constant(name)) is not None), None)

    def _resolve_imported(self, request: Request) -> None:
        """``model=MODEL`` / ``thinking=THINKING`` where the name is imported from a project module that
        binds it to a literal: the value is known, though it is written (and changed) in that module."""
        assert self.project is not None
        for item in request.entries:
            if item.key not in ("model", "thinking"):
                continue
            constant = self._imported_constant(item.value.expr)
            item.value.imported = constant
            if constant is not None and item.key == "model":
                item.value.rewritten_where_defined = sent_only_as_model(self.project, constant)
            elif constant is not None:
                item.value.imported_uses = sent_only_as_thinking(self.project, constant)

    def analyze(self) -> FileAnalysis:
        found: list[Request] = []
        for shape in self._shapes():
            mark = len(self.values.values)
            requests = self._requests_for(shape)
            client = self.clients.prove(shape.receiver, (shape.class_node, shape.self_name))
            if client is None and not any(self._sends_claude_model(r) for r in requests):
                self.values.forget_since(mark)  # not an Anthropic call: its values vouch for nothing
                continue
            info = ClientInfo(client) if client else None
            for request in requests:
                request.client = info
                found.append(request)
        found.extend(self._framework_requests())
        self.values.settle()
        if self.project is not None:
            for request in found:
                self._resolve_imported(request)
        for request in found:
            for binding in _bindings_of(request):
                if not any(user is request for user in binding.users):
                    binding.users.append(request)
        usage = find_sdk_usage(self.index, self.clients)
        comparisons = model_comparisons(self.index, self.catalog) if found else []
        return FileAnalysis(found, comparisons, usage, self.collector.budget_configs, self.module, self.index, self.project)


def _is_none(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "None"


def _bindings_of(request: Request) -> list[Binding]:
    found: list[Binding] = []

    def visit(item: Item, depth: int) -> None:
        found.extend(item.value.bindings)
        found.extend(item.guards)
        if item.value.mapping is not None and depth < 8:
            for inner in item.value.mapping.items.values():
                visit(inner, depth + 1)

    for item in request.entries:
        visit(item, 0)
    if request.params.source is not None:
        found.extend(request.params.source.bindings)
    return found


def analyze_module(module: cst.Module, catalog: Catalog, project: FileResolver | None = None) -> FileAnalysis:
    """The requests and SDK facts of ``module``; ``project`` follows names imported from the project."""
    return RequestAnalyzer(module, catalog, project).analyze()
