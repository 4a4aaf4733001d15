"""Building edits for request items, whatever shape they were written in."""

from __future__ import annotations

import libcst as cst

from codemod.analysis.collect import Mutation
from codemod.analysis.model import Item
from codemod.edits import Edit, InsertItem, InsertStatementAfter, RemoveItem, RemoveStatement, code_of


def removal(item: Item) -> Edit | None:
    """The edit that stops the request from sending ``item``."""
    if item.container is not None:
        return RemoveItem(item.container.node, item.node)  # type: ignore[arg-type]
    if item.mutation is not None:
        return RemoveStatement(item.mutation.statement)
    return None


def removals(items: list[Item]) -> dict[int, Edit]:
    """Edits removing ``items``, by item id; a container they empty goes as a whole.

    ``kw.update(temperature=t)`` loses the statement rather than becoming ``kw.update()``, and
    ``extra_body={"temperature": 0}`` (or LangChain's ``model_kwargs``) loses the argument rather than
    becoming ``extra_body={}``.
    """
    edits: dict[int, Edit] = {}
    by_container: dict[int, list[Item]] = {}
    for item in items:
        if item.container is not None:
            by_container.setdefault(id(item.container), []).append(item)
    for item in items:
        container = item.container
        edit = removal(item)
        if container is not None and not container.opaque and len(by_container[id(container)]) == len(container.items):
            if container.statement is not None:
                edit = RemoveStatement(container.statement)
            elif container.owner is not None and container.owner.key in ("extra_body", "model_kwargs"):
                edit = removal(container.owner)
        if edit is not None:
            edits[id(item)] = edit
    return edits


def insert_next_to(item: Item, key: str, value: cst.BaseExpression) -> Edit | None:
    """An edit that adds ``key: value`` where ``item`` is written: same dict, call, or a statement after."""
    if item.container is not None:
        return InsertItem(item.container.node, key, value, after=item.node)  # type: ignore[arg-type]
    mutation = item.mutation
    if mutation is not None and mutation.kind == "set":
        target = cst.Subscript(
            value=mutation.receiver,
            slice=[cst.SubscriptElement(cst.Index(cst.SimpleString(_quoted(key, mutation))))],
        )
        return InsertStatementAfter(mutation.statement, cst.Assign([cst.AssignTarget(target)], value))
    if mutation is not None and mutation.kind == "setdefault":
        call = cst.Call(
            func=cst.Attribute(mutation.receiver, cst.Name("setdefault")),
            args=[
                cst.Arg(cst.SimpleString(_quoted(key, mutation)), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                cst.Arg(value),
            ],
        )
        return InsertStatementAfter(mutation.statement, cst.Expr(call))
    return None


def set_nested_after(mutation: Mutation, outer: str, key: str, value: cst.BaseExpression) -> Edit:
    """``kw["output_config"]["effort"] = value`` right after the statement ``mutation``."""
    target: cst.BaseExpression = mutation.receiver
    for name in (outer, key):
        index = cst.Index(cst.SimpleString(_quoted(name, mutation)))
        target = cst.Subscript(target, [cst.SubscriptElement(index)])
    return InsertStatementAfter(mutation.statement, cst.Assign([cst.AssignTarget(target)], value))


def _quoted(key: str, mutation: Mutation) -> str:
    """``key`` quoted like the statement it sits next to (``kw['thinking']`` -> ``'output_config'``)."""
    text = code_of(mutation.statement)
    quote = "'" if ("['" in text or "('" in text) and '["' not in text and '("' not in text else '"'
    return f"{quote}{key}{quote}"
