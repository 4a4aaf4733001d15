"""One traversal of a module that records what the request analysis needs.

It records assignments (to names and to ``self.<attr>``), statements that add keys to a dict held in
a name, methods and their returns, reads of ``self.<attr>``, string comparisons, and every call that
has the shape of a Messages API call; ``analyzer.py`` resolves them once the whole module is seen
(a client may be assigned after the function that uses it). For ``sdk_usage.py`` it also records the
imports and names that may use SDK APIs 1.x/2.x removed or changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from codemod.analysis.literals import literal_str
from codemod.analysis.scopes import ScopeBuilder
from codemod.catalog.frameworks import entry_names

# The operations of ``<client>[.beta].messages`` this tool migrates.
MESSAGE_OPERATIONS = frozenset({"create", "stream", "parse", "count_tokens"})
# Names of framework entry points that forward to the Messages API (resolved by qualified name later).
FRAMEWORK_NAMES = entry_names()
# Response wrappers that may sit between the client and the resource.
RESPONSE_WRAPPERS = frozenset({"with_raw_response", "with_streaming_response"})
# Names the SDK removed (api-facts §5.1), recorded wherever a name or attribute reads them.
SDK_REMOVED_NAMES = frozenset(
    {"HUMAN_PROMPT", "AI_PROMPT", "Completion", "CompletionCreateParams", "Transport", "AsyncTransport",
     "ProxiesTypes", "ProxiesDict", "BetaBase64PDFBlockParam"}
)


@dataclass(frozen=True)
class CallShape:
    """A call whose attribute path is a Messages API method, before its receiver is proven."""

    call: cst.Call
    receiver: cst.BaseExpression
    method: str  # "messages.create", "beta.messages.batches.create" ...
    operation: str  # create | stream | parse | count_tokens | batch
    beta: bool
    class_node: cst.ClassDef | None  # the class whose method holds the call
    self_name: str | None  # the first parameter of that method


def call_shape(call: cst.Call) -> tuple[cst.BaseExpression, tuple[str, str, bool]] | None:
    return method_shape(call.func)


def method_shape(func: cst.BaseExpression) -> tuple[cst.BaseExpression, tuple[str, str, bool]] | None:
    """Split ``x.beta.messages.create`` into its receiver ``x`` and (method, operation, beta).

    The longest matching path wins, so ``client.beta.messages.create`` has receiver ``client``.
    Response wrappers (``with_raw_response``) are allowed before or inside the path.
    """
    chain: list[tuple[str, cst.BaseExpression]] = []
    node: cst.BaseExpression = func
    while isinstance(node, cst.Attribute):
        chain.append((node.attr.value, node.value))
        node = node.value
    best: tuple[cst.BaseExpression, tuple[str, str, bool]] | None = None
    for index in range(len(chain)):
        names = [name for name, _ in chain[: index + 1]][::-1]
        if names[0] in RESPONSE_WRAPPERS:
            continue
        shape = _shape_of([name for name in names if name not in RESPONSE_WRAPPERS])
        if shape is not None:
            best = (chain[index][1], shape)
    if best is None:
        return None
    receiver, shape = best
    while isinstance(receiver, cst.Attribute) and receiver.attr.value in RESPONSE_WRAPPERS:
        receiver = receiver.value
    return receiver, shape


_PATHS = {
    ("messages",): False,
    ("beta", "messages"): True,
    # anthropic <= 0.40's prompt-caching beta resource (removed in 0.41.0; CM410 moves it to ``messages``).
    # A beta request only when it passes ``betas=`` (see ``analyzer.py``): it becomes ``client.messages``.
    ("beta", "prompt_caching", "messages"): False,
}
PROMPT_CACHING = "beta.prompt_caching.messages."


def _shape_of(path: list[str]) -> tuple[str, str, bool] | None:
    method = ".".join(path)
    if len(path) >= 3 and tuple(path[-2:]) == ("batches", "create"):
        beta = _PATHS.get(tuple(path[:-2]))
        return None if beta is None else (method, "batch", beta)
    if len(path) >= 2 and path[-1] in MESSAGE_OPERATIONS:
        beta = _PATHS.get(tuple(path[:-1]))
        return None if beta is None else (method, path[-1], beta)
    return None


@dataclass
class ClassInfo:
    # self.<attr> -> values assigned to it (None: assigned by something other than ``=``) and
    # class-level annotations.
    attr_values: dict[str, list[cst.BaseExpression | None]] = field(default_factory=dict)
    attr_annotations: dict[str, list[cst.BaseExpression]] = field(default_factory=dict)
    # Every read of ``self.<attr>`` in the class's methods (to prove a constant is only sent).
    attr_loads: dict[str, list[cst.Attribute]] = field(default_factory=dict)
    methods: dict[str, cst.FunctionDef] = field(default_factory=dict)
    bases: tuple[str, ...] = ()  # names of the base classes written as plain names
    node: cst.ClassDef | None = None


@dataclass(frozen=True)
class Mutation:
    """A statement that changes a dict or list held in a name: ``kw["k"] = v``, ``kw.update(...)``."""

    kind: str  # "set" | "update" | "setdefault" | "append"
    receiver: cst.Name
    statement: cst.BaseSmallStatement  # the statement to remove to undo it
    key: str | None = None  # "set": the literal key
    value: cst.BaseExpression | None = None  # "set": the assigned value
    call: cst.Call | None = None  # "update" / "setdefault" / "append"


@dataclass(frozen=True)
class NameCall:
    """A call through a plain name (``create(...)``), maybe a bound-method alias of the SDK."""

    call: cst.Call
    name: cst.Name
    class_node: cst.ClassDef | None
    self_name: str | None


class ModuleCollector(cst.CSTVisitor):
    """Records assignments, annotations and Messages-API-shaped calls in one pass."""

    def __init__(self) -> None:
        super().__init__()
        # id(target Name) -> assigned expression, for ``name = expr`` and ``name: T = expr``.
        self.assigned: dict[int, cst.BaseExpression] = {}
        # id(target Name) -> context manager of ``with <expr> as name`` (SDK clients return
        # themselves from ``__enter__``).
        self.entered: dict[int, cst.BaseExpression] = {}
        # id(target Name) -> annotation of ``name: T = ...``.
        self.annotations: dict[int, cst.BaseExpression] = {}
        self.classes: dict[int, ClassInfo] = {}
        self.calls: list[CallShape] = []
        self.name_calls: list[NameCall] = []
        # ``resource.create(...)`` on a plain name (``messages_client = client.beta.messages``): a Messages
        # API call when the name holds a ``.messages`` resource.
        self.resource_calls: list[NameCall] = []
        # Calls whose function is named like a framework entry point (ChatAnthropic, completion ...).
        self.framework_calls: list[cst.Call] = []
        self.framework_aliases: set[str] = set()  # local names of framework entry points imported ``as``
        # id(receiver Name) -> the mutation statement it is the receiver of.
        self.mutations: dict[int, Mutation] = {}
        # id(FunctionDef) -> its own ``return`` statements (not those of nested functions).
        self.returns: dict[int, list[cst.Return]] = {}
        # id(FunctionDef) -> the class it is a method of.
        self.method_owner: dict[int, cst.ClassDef] = {}
        # Comparisons and ``.startswith()`` tests whose operands include a string literal (CM304).
        self.string_tests: list[cst.CSTNode] = []
        # id(func expression) -> the call it is the function of.
        self.call_of_func: dict[int, cst.Call] = {}
        # For ``sdk_usage.py``: ``from m import ...`` statements, reads of removed names, and the
        # parents it needs: the attribute or subscript an expression is the value of, the ``await``
        # around it, the single name it is assigned to (id(value) -> target).
        self.import_froms: list[cst.ImportFrom] = []
        # Dict displays and calls that write a ``budget_tokens`` key (thinking configs wherever they are,
        # for the CM108 backstop).
        self.budget_configs: list[cst.Dict | cst.Call] = []
        self.removed_name_reads: list[cst.Name | cst.Attribute] = []
        self.attribute_of_value: dict[int, cst.Attribute] = {}
        self.subscript_of_value: dict[int, cst.Subscript] = {}
        self.awaited: dict[int, cst.Await] = {}
        self.assigned_to_name: dict[int, cst.Name] = {}
        self.assign_statements: dict[int, cst.Assign] = {}  # id(value) -> ``name = value``
        self._store_targets: set[int] = set()
        self._expression_statements: dict[int, cst.Expr] = {}
        # Enclosing definitions, innermost last.
        self._frames: list[cst.ClassDef | cst.FunctionDef] = []
        # Name binding is worked out in this same traversal.
        self.scopes = ScopeBuilder()

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.scopes.enter(node)
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        super().on_leave(original_node)
        self.scopes.leave(original_node)

    # Context --------------------------------------------------------------------------------
    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._frames.append(node)
        bases = tuple(arg.value.value for arg in node.bases if isinstance(arg.value, cst.Name))
        self.classes[id(node)] = ClassInfo(bases=bases, node=node)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._frames.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        owner = self._in_class_body()
        if owner is not None:
            self.classes[id(owner)].methods[node.name.value] = node
            self.method_owner[id(node)] = owner
        self._frames.append(node)
        self.returns[id(node)] = []

    def visit_Return(self, node: cst.Return) -> None:
        function = self._innermost_function()
        if function is not None:
            self.returns[id(function)].append(node)

    def _innermost_function(self) -> cst.FunctionDef | None:
        frame = self._frames[-1] if self._frames else None
        return frame if isinstance(frame, cst.FunctionDef) else None

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._frames.pop()

    def _in_class_body(self) -> cst.ClassDef | None:
        frame = self._frames[-1] if self._frames else None
        return frame if isinstance(frame, cst.ClassDef) else None

    def _method_context(self) -> tuple[cst.ClassDef | None, str | None]:
        """The class and ``self`` name of the nearest enclosing method (closures included)."""
        for index in range(len(self._frames) - 1, 0, -1):
            frame, parent = self._frames[index], self._frames[index - 1]
            if isinstance(frame, cst.FunctionDef) and isinstance(parent, cst.ClassDef):
                params = (*frame.params.posonly_params, *frame.params.params)
                return parent, params[0].name.value if params else None
        return None, None

    # Assignments ----------------------------------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            self.assigned_to_name[id(node.value)] = node.targets[0].target
            self.assign_statements[id(node.value)] = node
        for target in node.targets:
            self._store_targets.add(id(target.target))
            self._record_target(target.target, node.value)
            self._record_subscript_set(target.target, node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if isinstance(node.target, cst.Name) and node.value is not None:
            self.assigned_to_name[id(node.value)] = node.target
        if isinstance(node.target, cst.Name):
            self.annotations[id(node.target)] = node.annotation.annotation
            owner = self._in_class_body()
            if owner is not None:
                info = self.classes[id(owner)]
                info.attr_annotations.setdefault(node.target.value, []).append(
                    node.annotation.annotation
                )
        if node.value is not None:
            self._record_target(node.target, node.value)
        self._record_self_annotation(node.target, node.annotation.annotation)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None and isinstance(node.asname.name, cst.Name):
            self.entered[id(node.asname.name)] = node.item

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._store_targets.add(id(node.target))
        self._record_self_attr(node.target, None)

    def _record_subscript_set(self, target: cst.BaseExpression, statement: cst.Assign) -> None:
        """``kw["thinking"] = {...}``: a key added to a dict held in a name."""
        if not (isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name)):
            return
        if len(target.slice) != 1 or not isinstance(target.slice[0].slice, cst.Index):
            return
        key = literal_str(target.slice[0].slice.value)
        if key is not None and len(statement.targets) == 1:
            self.mutations[id(target.value)] = Mutation("set", target.value, statement, key=key, value=statement.value)

    def visit_Expr(self, node: cst.Expr) -> None:
        self._expression_statements[id(node.value)] = node

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.attribute_of_value[id(node.value)] = node
        if node.attr.value in SDK_REMOVED_NAMES:
            self.removed_name_reads.append(node)
        owner, self_name = self._method_context()
        if owner is None or id(node) in self._store_targets:
            return
        if isinstance(node.value, cst.Name) and node.value.value == self_name:
            self.classes[id(owner)].attr_loads.setdefault(node.attr.value, []).append(node)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self.subscript_of_value[id(node.value)] = node

    def visit_Await(self, node: cst.Await) -> None:
        self.awaited[id(node.expression)] = node

    def visit_Name(self, node: cst.Name) -> None:
        if node.value in SDK_REMOVED_NAMES:
            self.removed_name_reads.append(node)  # also names in imports and attributes: resolved later

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.import_froms.append(node)
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            # ``from agno.models.aws import Claude as BedrockClaude``: calls of the alias are candidates too
            if alias.asname is not None and isinstance(alias.name, cst.Name) and alias.name.value in FRAMEWORK_NAMES:
                asname = alias.asname.name
                if isinstance(asname, cst.Name):
                    self.framework_aliases.add(asname.value)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        self.string_tests.append(node)

    def _record_target(self, target: cst.BaseExpression, value: cst.BaseExpression | None) -> None:
        if isinstance(target, cst.Name) and value is not None:
            self.assigned[id(target)] = value
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._record_target(element.value, None)
        self._record_self_attr(target, value)

    def _self_attr(self, target: cst.BaseExpression) -> tuple[ClassInfo, str] | None:
        owner, self_name = self._method_context()
        if (
            owner is not None
            and isinstance(target, cst.Attribute)
            and isinstance(target.value, cst.Name)
            and target.value.value == self_name
        ):
            return self.classes[id(owner)], target.attr.value
        return None

    def _record_self_attr(self, target: cst.BaseExpression, value: cst.BaseExpression | None) -> None:
        owner = self._in_class_body()
        if owner is not None and isinstance(target, cst.Name):  # class attribute: ``client = Anthropic()``
            self.classes[id(owner)].attr_values.setdefault(target.value, []).append(value)
            return
        found = self._self_attr(target)
        if found:
            info, attr = found
            info.attr_values.setdefault(attr, []).append(value)

    def _record_self_annotation(self, target: cst.BaseExpression, annotation: cst.BaseExpression) -> None:
        found = self._self_attr(target)
        if found:
            info, attr = found
            info.attr_annotations.setdefault(attr, []).append(annotation)

    # Calls ----------------------------------------------------------------------------------
    def visit_Dict(self, node: cst.Dict) -> None:
        for element in node.elements:
            if isinstance(element, cst.DictElement) and literal_str(element.key) == "budget_tokens":
                self.budget_configs.append(node)
                return

    def visit_Call(self, node: cst.Call) -> None:
        self.call_of_func[id(node.func)] = node
        if any(arg.keyword is not None and arg.keyword.value == "budget_tokens" for arg in node.args):
            self.budget_configs.append(node)
        self._record_method_mutation(node)
        if isinstance(node.func, cst.Name):
            owner, self_name = self._method_context()
            self.name_calls.append(NameCall(node, node.func, owner, self_name))
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in ("startswith", "endswith"):
            self.string_tests.append(node)
        name = node.func.value if isinstance(node.func, cst.Name) else (
            node.func.attr.value if isinstance(node.func, cst.Attribute) else None
        )
        if name in FRAMEWORK_NAMES or name in self.framework_aliases:
            self.framework_calls.append(node)
        split = call_shape(node)
        if split is None:
            func = node.func
            if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.attr.value in MESSAGE_OPERATIONS:
                owner, self_name = self._method_context()
                self.resource_calls.append(NameCall(node, func.value, owner, self_name))
            return
        receiver, (method, operation, beta) = split
        owner, self_name = self._method_context()
        self.calls.append(CallShape(node, receiver, method, operation, beta, owner, self_name))

    def _record_method_mutation(self, node: cst.Call) -> None:
        """``kw.update(...)``, ``kw.setdefault(...)``, ``requests.append(...)`` as whole statements."""
        func = node.func
        statement = self._expression_statements.get(id(node))
        if statement is None or not isinstance(func, cst.Attribute) or not isinstance(func.value, cst.Name):
            return
        kind = func.attr.value
        if kind in ("update", "setdefault", "append"):
            self.mutations[id(func.value)] = Mutation(kind, func.value, statement, call=node)
