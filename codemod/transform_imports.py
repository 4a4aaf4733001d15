"""Fixing a module's imports after its edits: add the names fixes need, drop those no longer used.

A name that is replaced by another (``from m import Old`` -> ``from m import New``) is renamed in place;
a new name joins an existing ``from m import ...``; libcst's import helpers do the rest.
"""

from __future__ import annotations

import libcst as cst
from libcst.helpers import get_full_name_for_node

from codemod.edits import AddImport, Edit, RemoveImportIfUnused


class _NameUses(cst.CSTVisitor):
    """Counts loads of each name outside import statements."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.imported: set[str] = set()

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                self.imported.add(alias.evaluated_alias or alias.evaluated_name)
        return False

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)


class _RenameImport(cst.CSTTransformer):
    """``from m import Old`` -> ``from m import New``, in place (keeps the import's position)."""

    def __init__(self, module: str, old: str, new: str) -> None:
        super().__init__()
        self.module, self.old, self.new = module, old, new
        self.done = False

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom) -> cst.ImportFrom:
        if updated_node.module is None or isinstance(updated_node.names, cst.ImportStar):
            return updated_node
        if get_full_name_for_node(updated_node.module) != self.module or updated_node.relative:
            return updated_node
        names = []
        for alias in updated_node.names:
            if alias.asname is None and alias.evaluated_name == self.old:
                alias = alias.with_changes(name=cst.Name(self.new))
                self.done = True
            names.append(alias)
        return updated_node.with_changes(names=names)


class _AddToImport(cst.CSTTransformer):
    """Add ``name`` to the first ``from module import ...`` (sorted in if the names are sorted)."""

    def __init__(self, module: str, name: str) -> None:
        super().__init__()
        self.module, self.name = module, name
        self.done = False

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom) -> cst.ImportFrom:
        if self.done or updated_node.module is None or updated_node.relative:
            return updated_node
        if isinstance(updated_node.names, cst.ImportStar) or get_full_name_for_node(updated_node.module) != self.module:
            return updated_node
        names = list(updated_node.names)
        current = [alias.evaluated_name for alias in names]
        index = len(names)
        if current == sorted(current):
            index = next((i for i, existing in enumerate(current) if existing > self.name), len(names))
        separator = names[0].comma if len(names) > 1 and isinstance(names[0].comma, cst.Comma) else cst.Comma(
            whitespace_after=cst.SimpleWhitespace(" ")
        )
        new = cst.ImportAlias(cst.Name(self.name))
        if index == len(names):
            new = new.with_changes(comma=names[-1].comma)
            names[-1] = names[-1].with_changes(comma=separator)
        else:
            new = new.with_changes(comma=separator)
        names.insert(index, new)
        self.done = True
        return updated_node.with_changes(names=names)


def fix_imports(module: cst.Module, edits: list[Edit]) -> cst.Module:
    """``module`` with the ``AddImport`` and ``RemoveImportIfUnused`` edits of ``edits`` applied."""
    additions = [e for e in edits if isinstance(e, AddImport)]
    removals = [e for e in edits if isinstance(e, RemoveImportIfUnused)]
    if not additions and not removals:
        return module
    # libcst.codemod costs ~0.2 s to import: only files whose fixes touch imports pay for it.
    from libcst.codemod import CodemodContext
    from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor

    uses = _NameUses()
    module.visit(uses)
    # A name still read anywhere outside the imports stays imported: the cheap and conservative answer
    # (libcst's scope analysis, which would tell a read of the import from an attribute of the same name,
    # takes seconds on a 200 KB module, for an import that at worst stays unused).
    removals = [remove for remove in removals if remove.name not in uses.names]
    context = CodemodContext()
    queued = False
    for add in additions:
        if add.name in uses.imported:
            continue
        # The usual case: the old name is now unused and can simply become the new one.
        old = next((r for r in removals if r.name not in uses.names and r.name in uses.imported), None)
        if old is not None:
            rename = _RenameImport(add.module, old.name, add.name)
            renamed = module.visit(rename)
            if rename.done:
                module = renamed
                removals.remove(old)
                uses.imported.add(add.name)
                continue
        adder = _AddToImport(add.module, add.name)
        extended = module.visit(adder)
        if adder.done:
            module = extended
            continue
        AddImportsVisitor.add_needed_import(context, add.module, add.name)
        queued = True
    for remove in removals:
        RemoveImportsVisitor.remove_unused_import(context, remove.module, remove.name)
    # libcst's import helpers, only when they have work: they merge into an existing ``from m import ...``
    # and only drop a name that nothing references any more.
    if queued:
        module = AddImportsVisitor(context).transform_module(module)
    return RemoveImportsVisitor(context).transform_module(module) if removals else module
