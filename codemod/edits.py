"""Edits a fix makes to the parsed module. Plain data; ``transform.py`` applies them.

Edits are small and local so that fixes compose: replace a leaf (a string literal), remove one item
(an argument, a dict entry), or insert one item into a call, a dict or a list.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

Container = cst.Call | cst.Dict | cst.List
ItemNode = cst.Arg | cst.DictElement | cst.Element

_EMPTY = cst.Module(body=[])


def code_of(node: cst.CSTNode) -> str:
    return _EMPTY.code_for_node(node)


@dataclass(frozen=True, eq=False)
class Replace:
    """Replace a leaf expression with another (``"claude-opus-4-6"`` -> ``"claude-opus-4-8"``)."""

    node: cst.BaseExpression
    new: cst.BaseExpression

    def identity(self) -> tuple[object, ...]:
        return ("replace", id(self.node))

    def content(self) -> str:
        return code_of(self.new)


@dataclass(frozen=True, eq=False)
class RemoveItem:
    """Remove an argument from a call, an entry from a dict or an element from a list."""

    container: Container
    item: ItemNode

    def identity(self) -> tuple[object, ...]:
        return ("remove", id(self.container), id(self.item))

    def content(self) -> str:
        return ""


@dataclass(frozen=True, eq=False)
class InsertItem:
    """Insert ``key=value`` (call), ``"key": value`` (dict) or ``value`` (list, key None).

    The new item goes right after ``after`` (an existing item of the container), or last if None.
    """

    container: Container
    key: str | None
    value: cst.BaseExpression
    after: ItemNode | None = None

    def identity(self) -> tuple[object, ...]:
        return ("insert", id(self.container), self.key)

    def content(self) -> str:
        return f"{id(self.after)}:{code_of(self.value)}"


@dataclass(frozen=True, eq=False)
class RemoveStatement:
    """Remove a statement such as ``kwargs["temperature"] = t`` (an emptied ``if`` goes with it)."""

    statement: cst.BaseSmallStatement

    def identity(self) -> tuple[object, ...]:
        return ("remove-statement", id(self.statement))

    def content(self) -> str:
        return ""


@dataclass(frozen=True, eq=False)
class InsertStatementAfter:
    """Insert a statement right after another, on its own line (``kw["output_config"] = {...}``)."""

    statement: cst.BaseSmallStatement
    new: cst.BaseSmallStatement

    def identity(self) -> tuple[object, ...]:
        return ("insert-after", id(self.statement), code_of(self.new))

    def content(self) -> str:
        return code_of(self.new)


@dataclass(frozen=True, eq=False)
class AddImport:
    """Make ``name`` importable from ``module`` (``from module import name``), if it is not yet."""

    module: str
    name: str

    def identity(self) -> tuple[object, ...]:
        return ("add-import", self.module, self.name)

    def content(self) -> str:
        return ""


@dataclass(frozen=True, eq=False)
class RemoveImportIfUnused:
    """Drop ``from module import name`` once nothing uses the name any more."""

    module: str
    name: str

    def identity(self) -> tuple[object, ...]:
        return ("remove-import", self.module, self.name)

    def content(self) -> str:
        return ""


Edit = Replace | RemoveItem | InsertItem | RemoveStatement | InsertStatementAfter | AddImport | RemoveImportIfUnused
