"""Module-level constants other modules of the project may import: ``NAME = <value>`` in the module body."""

from __future__ import annotations

from typing import TypeVar

import libcst as cst

Node = TypeVar("Node", bound=cst.BaseExpression)


def single_assignments(module: cst.Module, kind: type[Node], annotated: bool) -> list[tuple[cst.Name, Node]]:
    """``NAME = <kind>`` statements of the module body whose name is assigned there once, and to a ``kind`` node
    (``NAME: str = ...`` too when ``annotated``). A name bound twice has no single value to rewrite."""
    found: dict[str, list[tuple[cst.Name, Node] | None]] = {}
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
                target, value = small.targets[0].target, small.value
            elif annotated and isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name) and small.value is not None:
                target, value = small.target, small.value
            else:
                continue
            found.setdefault(target.value, []).append((target, value) if isinstance(value, kind) else None)
    return [pairs[0] for pairs in found.values() if len(pairs) == 1 and pairs[0] is not None]
