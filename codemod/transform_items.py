"""Editing the items of a call, dict or list: remove and insert, keeping commas, comments and layout tidy.

Removing an item merges the whitespace around it so that comments on other lines survive and no
stray comma is left; inserting an item copies the layout of the item it follows (one argument per
line stays one per line).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from codemod.analysis.literals import quote_like, quote_of
from codemod.edits import InsertItem

Whitespace = cst.BaseParenthesizableWhitespace


@dataclass
class ContainerEdits:
    """The item edits of one container: the identities of the items to remove, the items to insert."""

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
        keys = [e.key for e in container.elements if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)]
        style = next((key for key in keys if quote_of(key) == "'"), None)  # one single-quoted key sets the style
        return cst.DictElement(quote_like(style, edit.key), edit.value)
    return cst.Element(edit.value)


def edit_container(original: cst.CSTNode, updated: cst.CSTNode, edits: ContainerEdits) -> cst.CSTNode:
    """``updated`` (a call, dict or list) with the insertions and removals of ``edits`` applied."""
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
