"""A read-only traversal of a libcst tree: ``walk(module, visitor)`` instead of ``module.visit(visitor)``.

libcst's ``visit`` rebuilds every node on the way back up (each parent is constructed again from its
visited children, and validated) and calls two attribute hooks per field, whether or not the visitor
changes anything: for the analysis that was about half the time spent on a parsed file. ``walk`` calls
the visitor's ``on_visit``/``on_leave`` for the same nodes in the same order and rebuilds nothing.

The order of a node's children is libcst's own: it is read once per node type by letting the type's
``_visit_and_replace_children`` (private: reached through ``codemod/libcst_compat.py``, which checks it)
report its fields to a recorder (``None`` fields included), so a libcst release that adds node types or
fields needs nothing here. A few types skip a field while it is
``None`` (an f-string expression's ``format_spec``, visited last when set): a field that is ``None`` in
the node recorded and was not reported is kept too, at the end.

Whitespace, comments, punctuation and operator tokens are not visited: no analysis hook looks at them
(``tests/test_walk.py`` checks both that, and that the remaining sequence is exactly libcst's).
"""

from __future__ import annotations

import dataclasses

import libcst as cst

from codemod.libcst_compat import FieldRecorder, visit_children


def _with_subclasses(*bases: type) -> set[type]:
    found: set[type] = set()
    pending = list(bases)
    while pending:
        kind = pending.pop()
        found.add(kind)
        pending.extend(kind.__subclasses__())
    return found


# Nodes that hold no names, calls or literals: whitespace, comments, brackets and operators.
TRIVIA: frozenset[type] = frozenset(
    {
        cst.SimpleWhitespace,
        cst.ParenthesizedWhitespace,
        cst.TrailingWhitespace,
        cst.EmptyLine,
        cst.Newline,
        cst.Comment,
        cst.LeftParen,
        cst.RightParen,
        cst.LeftSquareBracket,
        cst.RightSquareBracket,
        cst.LeftCurlyBrace,
        cst.RightCurlyBrace,
        cst.Comma,
        cst.Semicolon,
        cst.Colon,
        cst.Dot,
        cst.AssignEqual,
        *_with_subclasses(cst.BaseBinaryOp, cst.BaseBooleanOp, cst.BaseCompOp, cst.BaseUnaryOp, cst.BaseAugOp),
    }
)


# What ``walk`` descends into: a node that is not trivia (not None, a sentinel or a plain value).
_WALKED: frozenset[type] = frozenset(_with_subclasses(cst.CSTNode) - TRIVIA)


_child_fields: dict[type, tuple[str, ...]] = {}


def child_fields(node: cst.CSTNode) -> tuple[str, ...]:
    """The names of the fields that hold ``node``'s children, in libcst's visiting order."""
    kind = type(node)
    fields = _child_fields.get(kind)
    if fields is None:
        recorder = FieldRecorder()
        visit_children(node, recorder)
        order = list(dict.fromkeys(recorder.fields))
        # Visited only when set: libcst visits such a field (an f-string's format_spec) last.
        order += [f.name for f in dataclasses.fields(node) if f.name not in order and getattr(node, f.name) is None]
        fields = _child_fields[kind] = tuple(order)
    return fields


def walk(node: cst.CSTNode, visitor: cst.CSTVisitor) -> None:
    """Feed ``visitor`` the tree under ``node`` as ``node.visit(visitor)`` would, trivia left out.

    A visitor's ``on_visit`` returning False skips the node's children, as in libcst; the
    per-attribute hooks (``visit_<Node>_<field>``) are not called.
    """
    if visitor.on_visit(node):
        try:
            fields = _child_fields[type(node)]
        except KeyError:
            fields = child_fields(node)
        for name in fields:
            value = getattr(node, name)
            kind = type(value)
            if kind is tuple or kind is list:
                for child in value:
                    if type(child) in _WALKED:
                        walk(child, visitor)
            elif kind in _WALKED:
                walk(value, visitor)
    visitor.on_leave(node)
