"""Apply edits to a libcst module in one pass, keeping commas, comments and layout tidy.

Removing an item merges the whitespace around it so that comments on other lines survive and no
stray comma is left; inserting an item copies the layout of the item it follows (one argument per
line stays one per line). The item edits of one container are made by ``transform_items.py``; the
imports a fix needs, by ``transform_imports.py``.
"""

from __future__ import annotations

from collections import defaultdict

import libcst as cst

from codemod.analysis.literals import is_side_effect_free
from codemod.edits import (
    Edit,
    InsertItem,
    InsertStatementAfter,
    RemoveItem,
    RemoveStatement,
    Replace,
)
from codemod.transform_imports import fix_imports
from codemod.transform_items import ContainerEdits, edit_container


def _small_statements(block: cst.BaseSuite) -> list[cst.BaseSmallStatement]:
    if isinstance(block, cst.SimpleStatementSuite):
        return list(block.body)
    statements: list[cst.BaseSmallStatement] = []
    for line in block.body:  # type: ignore[attr-defined]
        if not isinstance(line, cst.SimpleStatementLine):
            return []  # a compound statement inside: not only simple statements
        statements.extend(line.body)
    return statements


def _holds_any(node: cst.CSTNode, ids: set[int]) -> bool:
    """Whether ``node`` or a node inside it has one of the identities ``ids``."""
    found = False

    class _Find(cst.CSTVisitor):
        def on_visit(self, visited: cst.CSTNode) -> bool:
            nonlocal found
            found = found or id(visited) in ids
            return not found

    node.visit(_Find())
    return found


class EditApplier(cst.CSTTransformer):
    """Applies a set of non-conflicting edits, keyed by the identity of the original nodes."""

    def __init__(self, edits: list[Edit]) -> None:
        super().__init__()
        self.replacements: dict[int, cst.CSTNode] = {}
        self.containers: dict[int, ContainerEdits] = defaultdict(ContainerEdits)
        self.removed_statements: set[int] = set()
        self.inserted_after: dict[int, list[cst.BaseSmallStatement]] = defaultdict(list)
        filled = {id(edit.container) for edit in edits if isinstance(edit, InsertItem)}
        for edit in edits:
            if isinstance(edit, (RemoveItem, RemoveStatement)) and filled:
                removed = edit.item if isinstance(edit, RemoveItem) else edit.statement
                if _holds_any(removed, filled):
                    # A fix removes an argument because another fix empties its list or dict (``betas=[]``),
                    # while a third fix puts a new item into that list or dict: it is not empty any more, and
                    # removing it would silently drop the new item. Keep it.
                    continue
            if isinstance(edit, Replace):
                self.replacements[id(edit.node)] = edit.new
            elif isinstance(edit, RemoveItem):
                self.containers[id(edit.container)].removals.add(id(edit.item))
            elif isinstance(edit, InsertItem):
                self.containers[id(edit.container)].insertions.append(edit)
            elif isinstance(edit, RemoveStatement):
                self.removed_statements.add(id(edit.statement))
            elif isinstance(edit, InsertStatementAfter):
                self.inserted_after[id(edit.statement)].append(edit.new)

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):  # type: ignore[override]
        if id(original_node) in self.removed_statements:
            return cst.RemovalSentinel.REMOVE
        replacement = self.replacements.get(id(original_node))
        if replacement is not None:
            return replacement
        edits = self.containers.get(id(original_node))
        if edits is not None and isinstance(updated_node, (cst.Call, cst.Dict, cst.List)):
            return edit_container(original_node, updated_node, edits)
        if isinstance(original_node, cst.SimpleStatementLine) and isinstance(updated_node, cst.SimpleStatementLine):
            return self._insert_lines_after(original_node, updated_node)
        if isinstance(original_node, cst.SimpleStatementSuite) and isinstance(updated_node, cst.SimpleStatementSuite):
            return self._insert_in_suite(original_node, updated_node)
        if isinstance(original_node, cst.If) and isinstance(updated_node, cst.If):
            if self._emptied(original_node):
                return cst.RemovalSentinel.REMOVE
            if self._else_emptied(original_node):
                return updated_node.with_changes(orelse=None)  # no ``else: pass`` left behind
        if isinstance(original_node, (cst.Module, cst.IndentedBlock)) and type(updated_node) is type(original_node):
            return self._keep_comment_lines(original_node, updated_node)  # type: ignore[arg-type]
        return updated_node

    def _removes(self, statement: cst.CSTNode) -> bool:
        """Whether this applier removes the whole statement (a line of removed statements, an emptied ``if``)."""
        if isinstance(statement, cst.SimpleStatementLine):
            return self._all_removed(list(statement.body))
        return isinstance(statement, cst.If) and self._emptied(statement)

    def _produced(self, statement: cst.CSTNode) -> int:
        """How many statements a kept statement of a block became (statements may be inserted after it)."""
        if not isinstance(statement, cst.SimpleStatementLine):
            return 1
        new = self._new_statements(list(statement.body))
        if not new:
            return 1
        emptied = all(id(small) in self.removed_statements for small in statement.body)
        return len(new) + (0 if emptied else 1)

    def _keep_comment_lines(self, original: cst.Module | cst.IndentedBlock, updated: cst.Module | cst.IndentedBlock):
        """Comment lines above a removed statement stay, above the statement that follows it.

        As for a removed argument: the comment on the removed statement's own line (and inside an
        emptied ``if``) goes with it; whole comment lines above it stay where they were.
        """
        if not any(self._removes(statement) for statement in original.body):
            return updated
        pending: list[cst.EmptyLine] = []
        moved = False
        body = list(updated.body)
        kept: list[cst.CSTNode] = []
        position = 0
        for statement in original.body:
            if self._removes(statement):
                lines = list(statement.leading_lines)  # type: ignore[attr-defined]
                if any(line.comment is not None for line in lines):
                    pending.extend(lines)
                continue
            count = self._produced(statement)
            produced = body[position:position + count]
            if len(produced) != count:
                return updated  # not the shape expected: leave the block as the edits made it
            position += count
            if pending:
                first = produced[0]
                produced[0] = first.with_changes(leading_lines=[*pending, *first.leading_lines])  # type: ignore[attr-defined]
                pending, moved = [], True
            kept.extend(produced)
        if position != len(body) or not (moved or pending):
            return updated
        return updated.with_changes(body=kept, footer=[*pending, *updated.footer])

    def _new_statements(self, originals: list[cst.BaseSmallStatement]) -> list[cst.BaseSmallStatement]:
        return [new for original in originals for new in self.inserted_after.get(id(original), [])]

    def _insert_lines_after(self, original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine):
        new = self._new_statements(list(original.body))
        if not new:
            return updated
        lines = [cst.SimpleStatementLine([statement]) for statement in new]
        if not updated.body:  # every statement of the line was removed: the new ones take its place
            lines[0] = lines[0].with_changes(leading_lines=updated.leading_lines)
            return cst.FlattenSentinel(lines)
        return cst.FlattenSentinel([updated, *lines])

    def _insert_in_suite(self, original: cst.SimpleStatementSuite, updated: cst.SimpleStatementSuite):
        new = self._new_statements(list(original.body))
        if not new:
            return updated
        body = list(updated.body)
        if body:
            body[-1] = body[-1].with_changes(semicolon=cst.Semicolon(whitespace_after=cst.SimpleWhitespace(" ")))
        return updated.with_changes(body=[*body, *new])

    def _all_removed(self, statements: list[cst.BaseSmallStatement]) -> bool:
        """Every statement is removed and none has a statement inserted after it."""
        return bool(statements) and all(
            id(statement) in self.removed_statements and id(statement) not in self.inserted_after for statement in statements
        )

    def _else_emptied(self, node: cst.If) -> bool:
        orelse = node.orelse
        return isinstance(orelse, cst.Else) and self._all_removed(_small_statements(orelse.body))

    def _emptied(self, node: cst.If) -> bool:
        """``if top_p: kwargs["top_p"] = top_p`` whose only statements were removed: drop the ``if``."""
        return node.orelse is None and self._all_removed(_small_statements(node.body)) and is_side_effect_free(node.test)


def apply_edits(module: cst.Module, edits: list[Edit]) -> cst.Module:
    module = module.visit(EditApplier(edits))
    return fix_imports(module, edits)
