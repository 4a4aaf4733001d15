"""Removing and inserting items keeps commas, comments and layout tidy."""

from __future__ import annotations

import libcst as cst
import pytest

from codemod.edits import InsertItem, RemoveItem
from codemod.transform import apply_edits


def _remove(source: str, index: int) -> str:
    module = cst.parse_module(source)
    container = module.body[0].body[0].value  # type: ignore[attr-defined]
    items = container.args if isinstance(container, cst.Call) else container.elements
    return apply_edits(module, [RemoveItem(container, items[index])]).code


def _insert(source: str, after: int | None, key: str | None, value: str) -> str:
    module = cst.parse_module(source)
    container = module.body[0].body[0].value  # type: ignore[attr-defined]
    items = container.args if isinstance(container, cst.Call) else container.elements
    anchor = items[after] if after is not None else None
    return apply_edits(module, [InsertItem(container, key, cst.parse_expression(value), anchor)]).code


@pytest.mark.parametrize(
    ("source", "index", "expected"),
    [
        ('{"a": 1, "b": 2}\n', 1, '{"a": 1}\n'),
        ('{"a": 1, "b": 2,}\n', 1, '{"a": 1,}\n'),
        ('{\n  "a": 1,\n  "b": 2,\n}\n', 1, '{\n  "a": 1,\n}\n'),
        ('{\n  "a": 1,\n  "b": 2\n}\n', 1, '{\n  "a": 1\n}\n'),
        # The comment on the removed entry's line goes with it; the comment line above it stays.
        ('{\n  "a": 1,  # ca\n  # above b\n  "b": 2,  # cb\n}\n', 1, '{\n  "a": 1,  # ca\n  # above b\n}\n'),
        ('{\n  "a": 1,\n  "b": 2,  # cb\n  "c": 3,\n}\n', 1, '{\n  "a": 1,\n  "c": 3,\n}\n'),
        ('{"a": 1}\n', 0, "{}\n"),
        ("f(a=1, b=2)\n", 1, "f(a=1)\n"),
        ("f(a=1, b=2)\n", 0, "f(b=2)\n"),
        ("f(a=1, b=2, c=3)\n", 1, "f(a=1, c=3)\n"),
        ("f(\n    a=1,\n    b=2,\n)\n", 1, "f(\n    a=1,\n)\n"),
        ("f(\n    a=1,\n    b=2\n)\n", 1, "f(\n    a=1\n)\n"),
        ("f(\n    a=1,\n    # about b\n    b=2\n)\n", 1, "f(\n    a=1,\n    # about b\n)\n"),
        ("f(\n    a=1,  # a\n    b=2,  # b\n    c=3,\n)\n", 1, "f(\n    a=1,  # a\n    c=3,\n)\n"),
        ("f(\n    a=1,\n    b=2,\n)\n", 0, "f(\n    b=2,\n)\n"),
        ("f(\n    a=1,\n    # above b\n    b=2,\n    # above c\n    c=3,\n)\n", 1,
         "f(\n    a=1,\n    # above b\n    # above c\n    c=3,\n)\n"),
        ("f(a=1, b=2,\n  c=3)\n", 1, "f(a=1,\n  c=3)\n"),
        ("f(b=2)\n", 0, "f()\n"),
        ("f(a=1, b=2,)\n", 1, "f(a=1,)\n"),
    ],
)
def test_remove(source: str, index: int, expected: str) -> None:
    assert _remove(source, index) == expected


@pytest.mark.parametrize(
    ("source", "after", "key", "value", "expected"),
    [
        ('f(a=1, b=2)\n', 0, "c", "3", "f(a=1, c=3, b=2)\n"),
        ('f(a=1, b=2)\n', 1, "c", "3", "f(a=1, b=2, c=3)\n"),
        ("f(\n    a=1,\n    b=2,\n)\n", 0, "c", "3", "f(\n    a=1,\n    c=3,\n    b=2,\n)\n"),
        ("f(\n    a=1,\n    b=2\n)\n", 1, "c", "3", "f(\n    a=1,\n    b=2,\n    c=3\n)\n"),
        ('{"type": "adaptive"}\n', 0, "effort", '"high"', '{"type": "adaptive", "effort": "high"}\n'),
        ("{'a': 1}\n", None, "b", "2", "{'a': 1, 'b': 2}\n"),
        ('{\n    "a": 1,\n}\n', 0, "b", "2", '{\n    "a": 1,\n    "b": 2,\n}\n'),
        ('["x"]\n', 0, None, '"y"', '["x", "y"]\n'),
        ("{}\n", None, "a", "1", '{"a": 1}\n'),
    ],
)
def test_insert(source: str, after: int | None, key: str | None, value: str, expected: str) -> None:
    assert _insert(source, after, key, value) == expected
