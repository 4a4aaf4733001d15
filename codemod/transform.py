"""Apply edits to a libcst module in one pass, keeping commas, comments and layout tidy.

Removing an item merges the whitespace around it so that comments on other lines survive and no
stray comma is left; inserting an item copies the layout of the item it follows (one argument per
line stays one per line).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import libcst as cst
from libcst.helpers import get_full_name_for_node

from codemod.analysis.literals import is_side_effect_free
from codemod.edits import (
    AddImport,
    Edit,
    InsertItem,
    InsertStatementAfter,
    RemoveImportIfUnused,
    RemoveItem,
    RemoveStatement,
    Replace,
)

Whitespace = cst.BaseParenthesizableWhitespace


@dataclass
class _ContainerEdits:
    removals: set[int] = field(default_factory=set)
    insertions: list[InsertItem] = field(default_factory=list)


def _is_multiline(ws: Whitespace) -> bool:
    return isinstance(ws, cst.ParenthesizedWhitespace)


def _has_comments(ws: Whitespace) -> bool:
    if not isinstance(ws, cst.ParenthesizedWhitespace):
        return False
    return ws.first_line.comment is not None or any(line.comment for line in ws.empty_lines)


def _merge(before: Whitespace, after: Whitespace) -> Whitespace:
    """Whitespace replacing ``before <removed item> after``.

    The comment on the removed item's own line (``after.first_line``) goes with it; comment lines
    above and below it stay.
    """
    if isinstance(before, cst.ParenthesizedWhitespace) and isinstance(after, cst.ParenthesizedWhitespace):
        return cst.ParenthesizedWhitespace(
            first_line=before.first_line,
            empty_lines=(*before.empty_lines, *after.empty_lines),
            indent=after.indent,
            last_line=after.last_line,
        )
    if isinstance(before, cst.ParenthesizedWhitespace) or isinstance(after, cst.SimpleWhitespace):
        return before
    return after  # "a=1, <removed>,\n    c=3": the line break after the removed item stays


def _fresh(ws: Whitespace) -> Whitespace:
    """The layout of ``ws`` without its comments (for a new item's separator)."""
    if isinstance(ws, cst.ParenthesizedWhitespace):
        return cst.ParenthesizedWhitespace(
            first_line=cst.TrailingWhitespace(),
            empty_lines=(),
            indent=ws.indent,
            last_line=ws.last_line,
        )
    return cst.SimpleWhitespace(" ")


class _Sequence:
    """A container's items with their separators, as a list that can be edited.

    ``lead`` is the whitespace before the first item; each item's comma carries the whitespace after
    it; ``tail`` is the whitespace after the last item when it has no comma (calls only).
    """

    def __init__(self, node: cst.Call | cst.Dict | cst.List) -> None:
        self.node = node
        # ``close`` is the whitespace before the closing bracket (dicts and lists; a call keeps it
        # in its last argument).
        self.close: Whitespace | None = None
        if isinstance(node, cst.Call):
            self.items: list = list(node.args)
            self.lead: Whitespace = node.whitespace_before_args
        elif isinstance(node, cst.Dict):
            self.items = list(node.elements)
            self.lead = node.lbrace.whitespace_after
            self.close = node.rbrace.whitespace_before
        else:
            self.items = list(node.elements)
            self.lead = node.lbracket.whitespace_after
            self.close = node.rbracket.whitespace_before

    def _ws_before(self, index: int) -> Whitespace:
        if index == 0:
            return self.lead
        comma = self.items[index - 1].comma
        return comma.whitespace_after if isinstance(comma, cst.Comma) else cst.SimpleWhitespace("")

    def _set_ws_before(self, index: int, ws: Whitespace) -> None:
        if index == 0:
            self.lead = ws
        else:
            prev = self.items[index - 1]
            comma = prev.comma if isinstance(prev.comma, cst.Comma) else cst.Comma()
            self.items[index - 1] = prev.with_changes(comma=comma.with_changes(whitespace_after=ws))

    def remove(self, index: int) -> None:
        item = self.items[index]
        before = self._ws_before(index)
        last = index == len(self.items) - 1
        if not last:
            after = item.comma.whitespace_after if isinstance(item.comma, cst.Comma) else cst.SimpleWhitespace(" ")
            self._set_ws_before(index, _merge(before, after))
            del self.items[index]
            return
        if index == 0:  # the only item
            self.items = []
            self.lead = before if _has_comments(before) else cst.SimpleWhitespace("")
            return
        prev = self.items[index - 1]
        if self.close is not None:
            # Dict / list: the closing bracket owns the whitespace before it.
            if _has_comments(before) or (_is_multiline(before) and _is_multiline(self.close)):
                self.close = _merge(before, self.close)
            prev = prev.with_changes(comma=item.comma)
        elif isinstance(item.comma, cst.Comma):
            # Call with a trailing comma: its whitespace runs up to ")"; the previous item takes it over.
            after = item.comma.whitespace_after
            comma = item.comma.with_changes(whitespace_after=after if isinstance(before, cst.SimpleWhitespace) else _merge(before, after))
            prev = prev.with_changes(comma=comma)
        elif _has_comments(before):
            # Keep the comment lines above the removed argument (a trailing comma is added for them).
            comma = cst.Comma(whitespace_after=_merge(before, item.whitespace_after_arg))
            prev = prev.with_changes(comma=comma, whitespace_after_arg=cst.SimpleWhitespace(""))
        else:
            prev = prev.with_changes(comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=item.whitespace_after_arg)
        self.items[index - 1] = prev
        del self.items[index]

    def insert(self, index: int, new_item: cst.CSTNode) -> None:
        """Insert ``new_item`` at ``index`` with the layout of its neighbours.

        Comments stay on the line they were written on: a comment after the anchor item stays after
        the anchor, and the new item gets a fresh separator with no comment.
        """
        if not self.items:
            self.items = [new_item]
            return
        if index == 0:
            separator = _fresh(self.lead)
            self.items.insert(0, new_item.with_changes(comma=cst.Comma(whitespace_after=separator)))
            return
        anchor_index = index - 1
        anchor = self.items[anchor_index]
        if anchor_index < len(self.items) - 1:
            # Between two items: the anchor keeps its comma (and comment); the new item repeats the layout.
            after = anchor.comma.whitespace_after if isinstance(anchor.comma, cst.Comma) else cst.SimpleWhitespace(" ")
            self.items.insert(index, new_item.with_changes(comma=cst.Comma(whitespace_after=_fresh(after))))
            return
        self._append_after_last(anchor, new_item)

    def _tail(self, anchor: cst.CSTNode) -> Whitespace:
        """The whitespace between the last item and the closing bracket."""
        if self.close is not None:
            return self.close
        if isinstance(anchor.comma, cst.Comma):  # type: ignore[attr-defined]
            return anchor.comma.whitespace_after  # type: ignore[attr-defined]
        return anchor.whitespace_after_arg  # type: ignore[attr-defined]

    def _append_after_last(self, anchor: cst.CSTNode, new_item: cst.CSTNode) -> None:
        lead = self._ws_before(len(self.items) - 1)
        tail = self._tail(anchor)
        trailing = anchor.comma if isinstance(anchor.comma, cst.Comma) else None  # type: ignore[attr-defined]
        if not (_is_multiline(lead) or _is_multiline(tail)):
            # One line: "a=1" -> "a=1, new"; a trailing comma moves to the new item.
            anchor = anchor.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            new_item = new_item.with_changes(comma=trailing or cst.MaybeSentinel.DEFAULT)
            if isinstance(anchor, cst.Arg) and isinstance(new_item, cst.Arg):
                new_item = new_item.with_changes(whitespace_after_arg=anchor.whitespace_after_arg)
                anchor = anchor.with_changes(whitespace_after_arg=cst.SimpleWhitespace(""))
            self.items[-1] = anchor
            self.items.append(new_item)
            return
        # One item per line: the anchor's line keeps its comment; the new item goes on the next line
        # with the anchor's indentation; the closing bracket keeps its own line.
        comment_line = tail.first_line if isinstance(tail, cst.ParenthesizedWhitespace) else cst.TrailingWhitespace()
        indent_from = lead if isinstance(lead, cst.ParenthesizedWhitespace) else tail
        separator = cst.ParenthesizedWhitespace(
            first_line=comment_line,
            empty_lines=(),
            indent=True,
            last_line=indent_from.last_line if isinstance(indent_from, cst.ParenthesizedWhitespace) else cst.SimpleWhitespace(""),
        )
        clean_tail = tail.with_changes(first_line=cst.TrailingWhitespace()) if isinstance(tail, cst.ParenthesizedWhitespace) else tail
        anchor = anchor.with_changes(comma=(trailing or cst.Comma()).with_changes(whitespace_after=separator))
        if self.close is not None:
            self.close = clean_tail
            new_item = new_item.with_changes(
                comma=trailing.with_changes(whitespace_after=cst.SimpleWhitespace("")) if trailing else cst.MaybeSentinel.DEFAULT
            )
        elif trailing is not None:
            new_item = new_item.with_changes(comma=cst.Comma(whitespace_after=clean_tail))
        else:
            new_item = new_item.with_changes(whitespace_after_arg=clean_tail)
            anchor = anchor.with_changes(whitespace_after_arg=cst.SimpleWhitespace(""))
        self.items[-1] = anchor
        self.items.append(new_item)

    def build(self) -> cst.CSTNode:
        node = self.node
        if isinstance(node, cst.Call):
            return node.with_changes(args=self.items, whitespace_before_args=self.lead)
        if isinstance(node, cst.Dict):
            return node.with_changes(
                elements=self.items,
                lbrace=node.lbrace.with_changes(whitespace_after=self.lead),
                rbrace=node.rbrace.with_changes(whitespace_before=self.close),
            )
        return node.with_changes(
            elements=self.items,
            lbracket=node.lbracket.with_changes(whitespace_after=self.lead),
            rbracket=node.rbracket.with_changes(whitespace_before=self.close),
        )


def _new_item(container: cst.CSTNode, edit: InsertItem) -> cst.CSTNode:
    if isinstance(container, cst.Call):
        assert edit.key is not None
        return cst.Arg(
            value=edit.value,
            keyword=cst.Name(edit.key),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
    if isinstance(container, cst.Dict):
        assert edit.key is not None
        quote = _quote_of(container)
        return cst.DictElement(cst.SimpleString(f"{quote}{edit.key}{quote}"), edit.value)
    return cst.Element(edit.value)


def _quote_of(container: cst.Dict) -> str:
    for element in container.elements:
        if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
            body = element.key.value[len(element.key.prefix):]
            if body[:1] == "'" and body[:3] != "'''":
                return "'"
    return '"'


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
        self.containers: dict[int, _ContainerEdits] = defaultdict(_ContainerEdits)
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
            return self._edit_container(original_node, updated_node, edits)
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

    def _edit_container(self, original: cst.CSTNode, updated: cst.CSTNode, edits: _ContainerEdits) -> cst.CSTNode:
        original_items = list(original.args if isinstance(original, cst.Call) else original.elements)  # type: ignore[attr-defined]
        sequence = _Sequence(updated)  # type: ignore[arg-type]
        # Pair each current item with the identity of its original, to find anchors after removals.
        identities = [id(item) for item in original_items]
        for insertion in edits.insertions:
            anchor = id(insertion.after) if insertion.after is not None else None
            index = identities.index(anchor) + 1 if anchor in identities else len(identities)
            sequence.insert(index, _new_item(original, insertion))
            identities.insert(index, id(insertion))
        for index in range(len(identities) - 1, -1, -1):
            if identities[index] in edits.removals:
                sequence.remove(index)
        return sequence.build()


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


def _fix_imports(module: cst.Module, edits: list[Edit]) -> cst.Module:
    additions = [e for e in edits if isinstance(e, AddImport)]
    removals = [e for e in edits if isinstance(e, RemoveImportIfUnused)]
    if not additions and not removals:
        return module
    # libcst.codemod costs ~0.2 s to import: only files whose fixes touch imports pay for it.
    from libcst.codemod import CodemodContext
    from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor

    uses = _NameUses()
    module.visit(uses)
    context = CodemodContext()
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
    for remove in removals:
        RemoveImportsVisitor.remove_unused_import(context, remove.module, remove.name)
    # libcst's import helpers: they merge into an existing ``from m import ...`` and only drop a name
    # that nothing references any more.
    module = AddImportsVisitor(context).transform_module(module)
    return RemoveImportsVisitor(context).transform_module(module)


def apply_edits(module: cst.Module, edits: list[Edit]) -> cst.Module:
    module = module.visit(EditApplier(edits))
    return _fix_imports(module, edits)
