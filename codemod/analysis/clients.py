"""Proving that a receiver is an ``anthropic`` SDK client.

Proof is by construction (``anthropic.Anthropic()``, any alias, a factory function in the module
that returns one, ``X() if cond else Y()`` between clients, a wrapper of ``catalog/frameworks.toml`` such
as ``instructor.from_anthropic(client)``), by annotation (``client: Anthropic``),
or through a name or ``self.<attr>`` bound only to such values. A client or factory imported from another
module of the project is followed there (``codemod/project/resolver.py``) when the run knows the file's path.
"""

from __future__ import annotations

import libcst as cst

from codemod.analysis.literals import literal_str
from codemod.analysis.resolve import ModuleIndex
from codemod.analysis.scopes import Assignment, ImportAssignment
from codemod.catalog.frameworks import client_wrappers
from codemod.project.resolver import FileResolver, client_class

_MAX_DEPTH = 4  # how many name/attribute/factory hops are followed to prove a client


class ClientProver:
    def __init__(self, index: ModuleIndex, project: FileResolver | None = None) -> None:
        self.index = index
        self.collector = index.collector
        self.project = project

    def client_class_name(self, node: cst.BaseExpression) -> str | None:
        """The client class a class reference (``Anthropic``, ``anthropic.AsyncAnthropic``) names."""
        # anthropic.Client(), the SDK's alias, included (``resolver.client_class`` is the one definition).
        return next((found for name in self.index.qualified_names(node) if (found := client_class(name))), None)

    def annotated(self, annotation: cst.BaseExpression) -> str | None:
        if isinstance(annotation, cst.Subscript):  # Optional[Anthropic]
            for element in annotation.slice:
                if isinstance(element.slice, cst.Index):
                    found = self.annotated(element.slice.value)
                    if found:
                        return found
            return None
        if isinstance(annotation, cst.BinaryOperation) and isinstance(annotation.operator, cst.BitOr):
            return self.annotated(annotation.left) or self.annotated(annotation.right)
        return self.client_class_name(annotation)

    def constructed(self, expr: cst.BaseExpression, depth: int, context: tuple[cst.ClassDef | None, str | None]) -> str | None:
        if isinstance(expr, cst.Call):
            return self.client_class_name(expr.func) or self._wrapped(expr, depth, context) or self._factory(expr, depth, context)
        if isinstance(expr, cst.IfExp):  # AnthropicVertex(...) if vertex else Anthropic()
            body = self.constructed(expr.body, depth, context)
            orelse = self.constructed(expr.orelse, depth, context)
            return body if body and orelse else None
        if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or):
            return self._or_default(expr, depth, context)
        if isinstance(expr, (cst.Name, cst.Attribute)) and depth < _MAX_DEPTH:
            return self.prove(expr, context, depth + 1)
        return None

    def _wrapped(self, call: cst.Call, depth: int, context: tuple[cst.ClassDef | None, str | None]) -> str | None:
        """``instructor.from_anthropic(client)``: a wrapper of the table that sends the wrapped client's requests."""
        if not call.args or call.args[0].keyword is not None or call.args[0].star or depth >= _MAX_DEPTH:
            return None
        if not self.index.qualified_names(call.func) & client_wrappers():
            return None
        return self.constructed(call.args[0].value, depth + 1, context)

    def _or_default(self, expr: cst.BooleanOperation, depth: int, context: tuple[cst.ClassDef | None, str | None]) -> str | None:
        """``client or Anthropic(...)``: a client built when none is passed in. The left side must be a client
        too, or a parameter that is unannotated (or annotated as a client): what the caller passes there
        replaces the default the code itself builds, so the code expects the same kind of client."""
        fallback = self.constructed(expr.right, depth, context)
        if fallback is None:
            return None
        if self.constructed(expr.left, depth, context):
            return fallback
        left = expr.left
        referents = self.index.referents(left) if isinstance(left, cst.Name) else set()
        params = [r.node for r in referents if isinstance(r, Assignment) and isinstance(r.node, cst.Param)]
        if not referents or len(params) != len(referents):
            return None
        return fallback if all(param.annotation is None for param in params) else None

    def _factory(self, call: cst.Call, depth: int, context: tuple[cst.ClassDef | None, str | None]) -> str | None:
        """``make_client()``: a function of this module that is annotated to, or only does, return a client."""
        if depth >= _MAX_DEPTH:
            return None
        function = self.index.function_of(call.func, *context)
        if function is None:
            return self._imported_factory(call.func)
        if function.returns is not None:
            found = self.annotated(function.returns.annotation)
            if found:
                return found
        returns = self.collector.returns.get(id(function), [])
        inner = self.index.method_context(function)
        classes = [self.constructed(r.value, depth + 1, inner) if r.value is not None else None for r in returns]
        return classes[0] if classes and all(classes) else None

    def _imported_factory(self, func: cst.BaseExpression) -> str | None:
        """``get_client()`` imported from another module of the project that returns a client."""
        if self.project is None:
            return None
        return next((found for name in self.index.qualified_names(func) if (found := self.project.factory(name))), None)

    def _imported_client(self, node: cst.BaseExpression) -> str | None:
        """``claude`` or ``clients.claude``: a client object made in another module of the project."""
        if self.project is None:
            return None
        return next((found for name in self.index.qualified_names(node) if (found := self.project.client(name))), None)

    def _name(self, node: cst.Name, depth: int) -> str | None:
        referents = self.index.referents(node)
        if not referents:
            return None
        found: str | None = None
        for referent in referents:
            if not isinstance(referent, Assignment):
                return None
            if isinstance(referent, ImportAssignment):  # from app.clients import claude
                cls = self._imported_client(node)
            elif isinstance(referent.node, cst.Param):  # def f(client: Anthropic)
                param = referent.node
                cls = self.annotated(param.annotation.annotation) if param.annotation else None
            elif isinstance(referent.node, cst.Name):
                target = referent.node
                annotation = self.collector.annotations.get(id(target))
                value = self.collector.assigned.get(id(target)) or self.collector.entered.get(id(target))
                cls = (self.annotated(annotation) if annotation is not None else None) or (
                    self.constructed(value, depth, self._method_context(referent)) if value is not None else None
                )
            else:
                return None
            if cls is None:
                return None
            found = found or cls
        return found

    def _method_context(self, assignment: Assignment) -> tuple[cst.ClassDef | None, str | None]:
        """The class and ``self`` name of the method a local is assigned in (``client = self.get_client()``)."""
        function = assignment.scope.node
        if isinstance(function, cst.FunctionDef):
            return self.index.method_context(function)
        return None, None

    def _attribute(self, node: cst.Attribute, context: tuple[cst.ClassDef | None, str | None], depth: int) -> str | None:
        class_node, self_name = context
        if class_node is None or not (isinstance(node.value, cst.Name) and node.value.value == self_name):
            return self._imported_client(node)  # clients.claude, with ``import app.clients as clients``
        info = self.collector.classes[id(class_node)]
        attr = node.attr.value
        for annotation in info.attr_annotations.get(attr, []):
            cls = self.annotated(annotation)
            if cls:
                return cls
        values = info.attr_values.get(attr, [])
        classes = [self.constructed(v, depth, context) if v is not None else None for v in values]
        return classes[0] if classes and all(classes) else None

    def prove(self, receiver: cst.BaseExpression, context: tuple[cst.ClassDef | None, str | None], depth: int = 0) -> str | None:
        """The client class ``receiver`` provably is, or None."""
        if isinstance(receiver, cst.Call):
            return self.constructed(receiver, depth, context)
        if isinstance(receiver, cst.Name):
            return self._name(receiver, depth)
        if isinstance(receiver, cst.Attribute):
            return self._attribute(receiver, context, depth)
        return None


def completions_vouched_by_model(index: ModuleIndex, call: cst.Call) -> tuple[str, list[cst.Attribute]] | None:
    """``client.completions.create(model=model, ...)`` on a receiver nothing proves, where the model is a
    Claude ID written at the call or as the default of the parameter it passes
    (``def ask(client, model="claude-instant-1.2")``): the Claude model vouches for the receiver, as it
    does for ``messages.create``."""
    func = call.func
    if not (isinstance(func, cst.Attribute) and func.attr.value == "create" and isinstance(func.value, cst.Attribute)
            and func.value.attr.value == "completions"):
        return None
    model = next((a for a in call.args if a.keyword is not None and a.keyword.value == "model"), None)
    value = model.value if model is not None else None
    if isinstance(value, cst.Name):
        assignment = index.single_assignment(value)
        node = assignment.node if assignment is not None else None
        value = node.default if isinstance(node, cst.Param) else None
    text = literal_str(value) if value is not None else None
    if text is None or not text.startswith("claude"):
        return None
    return "Anthropic", [func.value, func]
