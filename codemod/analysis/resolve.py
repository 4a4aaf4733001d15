"""Shared look-ups over one module: what a name refers to, what a call's function is."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import (
    Assignment,
    MetadataWrapper,
    QualifiedNameProvider,
    QualifiedNameSource,
    ScopeProvider,
)

from codemod.analysis.collect import ModuleCollector


def _unwrap(value: object) -> object:
    # Lazy metadata values (libcst >= 1.2) are callables that compute the value on demand.
    return value() if callable(value) and not isinstance(value, (set, frozenset)) else value


class ModuleIndex:
    """The collector's records plus scope and qualified-name metadata, resolved once."""

    def __init__(self, wrapper: MetadataWrapper) -> None:
        self.collector = ModuleCollector()
        wrapper.visit(self.collector)
        self.scopes = wrapper.resolve(ScopeProvider)
        self._qualified = wrapper.resolve(QualifiedNameProvider)
        self._referents: dict[int, set[object]] = {}
        for scope in {s for s in self.scopes.values() if s is not None}:
            for access in scope.accesses:
                self._referents[id(access.node)] = set(access.referents)

    def referents(self, node: cst.CSTNode) -> set[object]:
        """The assignments a name load may refer to (empty when unknown)."""
        return self._referents.get(id(node), set())

    def single_assignment(self, node: cst.Name) -> Assignment | None:
        referents = self.referents(node)
        if len(referents) != 1:
            return None
        (referent,) = referents
        return referent if isinstance(referent, Assignment) else None

    def qualified_names(self, node: cst.CSTNode) -> set[str]:
        names = _unwrap(self._qualified.get(node, set()))
        return {
            q.name
            for q in names  # type: ignore[union-attr]
            if q.source in (QualifiedNameSource.IMPORT, QualifiedNameSource.LOCAL, QualifiedNameSource.BUILTIN)
        }

    def function_of(self, func: cst.BaseExpression, class_node: cst.ClassDef | None, self_name: str | None) -> cst.FunctionDef | None:
        """The function defined in this module that ``func`` calls: ``helper`` or ``self.helper``."""
        if isinstance(func, cst.Name):
            assignment = self.single_assignment(func)
            if assignment is not None and isinstance(assignment.node, cst.FunctionDef):
                return assignment.node
            return None
        if (
            isinstance(func, cst.Attribute)
            and class_node is not None
            and isinstance(func.value, cst.Name)
            and func.value.value == self_name
        ):
            return self.collector.classes[id(class_node)].methods.get(func.attr.value)
        return None

    def method_context(self, function: cst.FunctionDef) -> tuple[cst.ClassDef | None, str | None]:
        owner = self.collector.method_owner.get(id(function))
        if owner is None:
            return None, None
        params = (*function.params.posonly_params, *function.params.params)
        return owner, params[0].name.value if params else None
