"""Shared look-ups over one module: what a name refers to, what a call's function is."""

from __future__ import annotations

import libcst as cst

from codemod.analysis.collect import ModuleCollector
from codemod.analysis.scopes import Assignment, BaseAssignment, Scope, qualified_names
from codemod.analysis.walk import walk


class ModuleIndex:
    """The collector's records plus name binding (``analysis/scopes.py``), from one traversal.

    Qualified names are worked out for the few nodes that need them (call targets, annotations)
    when first asked, not for every node.
    """

    def __init__(self, module: cst.Module) -> None:
        self.module = module
        self.collector = ModuleCollector()
        walk(module, self.collector)
        self._scopes = self.collector.scopes
        self._scopes.finish()
        self._qualified: dict[int, set[str]] = {}

    def scope_of(self, node: cst.CSTNode) -> Scope | None:
        return self._scopes.scope_of.get(id(node))

    def referents(self, node: cst.CSTNode) -> set[BaseAssignment]:
        """The assignments a name load may refer to (empty when unknown)."""
        access = self._scopes.accesses.get(id(node))
        return access.referents if access is not None else set()

    def assignment_of(self, target: cst.CSTNode) -> Assignment | None:
        """The assignment a binding node (a target ``Name``, a ``Param``, a ``def``) makes."""
        return self._scopes.assignment_of.get(id(target))

    def single_assignment(self, node: cst.Name) -> Assignment | None:
        referents = self.referents(node)
        if len(referents) != 1:
            return None
        (referent,) = referents
        return referent if isinstance(referent, Assignment) else None

    def qualified_names(self, node: cst.CSTNode) -> set[str]:
        known = self._qualified.get(id(node))
        if known is None:
            known = qualified_names(self.scope_of(node), node)
            self._qualified[id(node)] = known
        return known

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
            owner = self.method_owner_class(class_node, func.attr.value)
            return self.collector.classes[id(owner)].methods.get(func.attr.value) if owner is not None else None
        return None

    def class_named(self, name: str) -> cst.ClassDef | None:
        """The one class of this module named ``name`` (None when there is none, or several)."""
        found = [info.node for info in self.collector.classes.values() if info.node is not None and info.node.name.value == name]
        return found[0] if len(found) == 1 else None

    def method_owner_class(self, class_node: cst.ClassDef, method: str, depth: int = 0) -> cst.ClassDef | None:
        """The class that defines ``method`` for ``class_node``: itself, or a base class of this module
        (``class Bot(Base)`` calling ``self.build_kwargs()`` written in ``Base``), first base first."""
        info = self.collector.classes[id(class_node)]
        if method in info.methods:
            return class_node
        if depth > 8:
            return None
        for base in info.bases:
            base_node = self.class_named(base)
            found = self.method_owner_class(base_node, method, depth + 1) if base_node is not None else None
            if found is not None:
                return found
        return None

    def class_family(self, class_node: cst.ClassDef) -> list[cst.ClassDef]:
        """``class_node`` and every class of this module that inherits from it (directly or not)."""
        family, pending = [class_node], [class_node.name.value]
        while pending:
            base = pending.pop()
            for info in self.collector.classes.values():
                if info.node is not None and base in info.bases and info.node not in family:
                    family.append(info.node)
                    pending.append(info.node.name.value)
        return family

    def method_context(self, function: cst.FunctionDef) -> tuple[cst.ClassDef | None, str | None]:
        owner = self.collector.method_owner.get(id(function))
        if owner is None:
            return None, None
        params = (*function.params.posonly_params, *function.params.params)
        return owner, params[0].name.value if params else None
