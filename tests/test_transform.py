"""Removing and inserting items keeps commas, comments and layout tidy."""

from __future__ import annotations

import libcst as cst
import pytest

from codemod.edits import (
    AddImport,
    InsertItem,
    InsertStatementAfter,
    RemoveImportIfUnused,
    RemoveItem,
    RemoveStatement,
    Replace,
)
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


def _statements(source: str) -> tuple[cst.Module, list[cst.BaseSmallStatement]]:
    module = cst.parse_module(source)
    found: list[cst.BaseSmallStatement] = []

    class Collect(cst.CSTVisitor):
        def visit_Assign(self, node: cst.Assign) -> None:
            found.append(node)

        def visit_Expr(self, node: cst.Expr) -> None:
            found.append(node)

    module.visit(Collect())
    return module, found


@pytest.mark.parametrize(
    ("source", "index", "expected"),
    [
        ('kw = {}\nkw["top_p"] = p\nsend(**kw)\n', 1, "kw = {}\nsend(**kw)\n"),
        # An ``if`` left empty goes with its only statement (its test has no side effects).
        ('kw = {}\nif top_p:\n    kw["top_p"] = top_p\nsend(**kw)\n', 1, "kw = {}\nsend(**kw)\n"),
        ('kw = {}\nif top_p: kw["top_p"] = top_p\nsend(**kw)\n', 1, "kw = {}\nsend(**kw)\n"),
        # An ``else`` keeps the ``if``: the emptied branch becomes ``pass``.
        ('if x:\n    kw["t"] = 1\nelse:\n    kw["u"] = 2\n', 0, 'if x:\n    pass\nelse:\n    kw["u"] = 2\n'),
        # An emptied ``else`` goes: no ``else: pass`` is left behind.
        ('if x:\n    kw["t"] = 1\nelse:\n    kw["u"] = 2\n', 1, 'if x:\n    kw["t"] = 1\n'),
        # A test with side effects stays.
        ('if check():\n    kw["t"] = 1\n', 0, "if check():\n    pass\n"),
    ],
)
def test_remove_statement(source: str, index: int, expected: str) -> None:
    module, statements = _statements(source)
    assert apply_edits(module, [RemoveStatement(statements[index])]).code == expected


def test_insert_statement_after_keeps_indentation() -> None:
    source = 'def f(deep):\n    kw = {}\n    if deep:\n        kw["thinking"] = {"type": "adaptive"}  # deep\n    return kw\n'
    module, statements = _statements(source)
    new = cst.parse_statement('kw["output_config"] = {"effort": "high"}\n').body[0]  # type: ignore[attr-defined]
    result = apply_edits(module, [InsertStatementAfter(statements[1], new)]).code
    assert result == (
        'def f(deep):\n    kw = {}\n    if deep:\n        kw["thinking"] = {"type": "adaptive"}  # deep\n'
        '        kw["output_config"] = {"effort": "high"}\n    return kw\n'
    )


def test_import_edits_merge_and_drop_unused() -> None:
    source = (
        "from anthropic.types import MessageParam, ThinkingConfigEnabledParam\n"
        "x = ThinkingConfigEnabledParam(type='enabled', budget_tokens=2000)\n"
    )
    module = cst.parse_module(source)
    call = module.body[1].body[0].value  # type: ignore[attr-defined]
    edits = [
        Replace(call.func, cst.Name("ThinkingConfigAdaptiveParam")),
        AddImport("anthropic.types", "ThinkingConfigAdaptiveParam"),
        RemoveImportIfUnused("anthropic.types", "ThinkingConfigEnabledParam"),
    ]
    assert apply_edits(module, edits).code == (
        "from anthropic.types import MessageParam, ThinkingConfigAdaptiveParam\n"
        "x = ThinkingConfigAdaptiveParam(type='enabled', budget_tokens=2000)\n"
    )


def test_import_from_a_private_module_is_replaced_by_the_public_one() -> None:
    source = (
        "from anthropic.types.thinking_config_enabled_param import ThinkingConfigEnabledParam\n"
        "x = ThinkingConfigEnabledParam(type='enabled', budget_tokens=2000)\n"
    )
    module = cst.parse_module(source)
    call = module.body[1].body[0].value  # type: ignore[attr-defined]
    edits = [
        Replace(call.func, cst.Name("ThinkingConfigAdaptiveParam")),
        AddImport("anthropic.types", "ThinkingConfigAdaptiveParam"),
        RemoveImportIfUnused("anthropic.types.thinking_config_enabled_param", "ThinkingConfigEnabledParam"),
    ]
    # libcst's AddImportsVisitor separates the import block from the code with a blank line.
    assert apply_edits(module, edits).code == (
        "from anthropic.types import ThinkingConfigAdaptiveParam\n\n"
        "x = ThinkingConfigAdaptiveParam(type='enabled', budget_tokens=2000)\n"
    )


def test_added_import_joins_a_sorted_import_in_place() -> None:
    source = "from anthropic.types import MessageParam, ThinkingConfigEnabledParam\nx = ThinkingConfigEnabledParam\n"
    module = cst.parse_module(source)
    result = apply_edits(module, [AddImport("anthropic.types", "ThinkingConfigAdaptiveParam")]).code
    assert result.splitlines()[0] == (
        "from anthropic.types import MessageParam, ThinkingConfigAdaptiveParam, ThinkingConfigEnabledParam"
    )


def test_statement_inserted_after_a_removed_one_takes_its_place() -> None:
    source = 'if deep:\n    kw["output_format"] = SCHEMA\n'
    module, statements = _statements(source)
    new = cst.parse_statement('kw["output_config"] = {"format": SCHEMA}\n').body[0]  # type: ignore[attr-defined]
    result = apply_edits(module, [RemoveStatement(statements[0]), InsertStatementAfter(statements[0], new)]).code
    assert result == 'if deep:\n    kw["output_config"] = {"format": SCHEMA}\n'


def test_insert_after_keeps_comments_on_their_lines() -> None:
    source = "f(\n    a=1,  # about a\n    b=2,  # about b\n)\n"
    module = cst.parse_module(source)
    call = module.body[0].body[0].value  # type: ignore[attr-defined]
    result = apply_edits(module, [InsertItem(call, "c", cst.Integer("3"), after=call.args[1])]).code
    assert result == "f(\n    a=1,  # about a\n    b=2,  # about b\n    c=3,\n)\n"
