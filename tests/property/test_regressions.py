"""Example-based regressions for what the property tests found in ``codemod/transform.py``.

The rule-level findings are fixture cases (see the report in ``test_properties.py``'s module docstring);
these pin the two transform behaviours directly.
"""

from __future__ import annotations

import libcst as cst

from codemod.edits import InsertItem, RemoveItem, RemoveStatement
from codemod.transform import apply_edits


def _call(module: cst.Module) -> cst.Call:
    return module.body[0].body[0].value  # type: ignore[attr-defined]


def test_an_argument_emptied_by_one_fix_and_filled_by_another_is_kept() -> None:
    """CM402 empties ``betas`` (and removes the argument) while CM505 adds a header to the same list."""
    module = cst.parse_module('f(speed="fast", betas=["old-beta"])\n')
    call = _call(module)
    betas = call.args[1]
    listed = betas.value
    assert isinstance(listed, cst.List)
    edits = [
        RemoveItem(listed, listed.elements[0]),
        RemoveItem(call, betas),  # the list is emptied: the argument goes with it
        InsertItem(listed, None, cst.SimpleString('"fast-mode-2026-02-01"'), listed.elements[0]),
    ]
    assert apply_edits(module, edits).code == 'f(speed="fast", betas=["fast-mode-2026-02-01"])\n'


def test_an_argument_removed_without_an_insertion_inside_still_goes() -> None:
    module = cst.parse_module('f(a=1, betas=["old-beta"], c={"k": 1})\n')
    call = _call(module)
    other = call.args[2].value
    assert isinstance(other, cst.Dict)
    edits = [RemoveItem(call, call.args[1]), InsertItem(other, "j", cst.Integer("2"), other.elements[0])]
    assert apply_edits(module, edits).code == 'f(a=1, c={"k": 1, "j": 2})\n'


def _statements(module: cst.Module) -> dict[str, cst.BaseSmallStatement]:
    found: dict[str, cst.BaseSmallStatement] = {}

    class Collect(cst.CSTVisitor):
        def visit_Assign(self, node: cst.Assign) -> None:
            found[cst.Module([]).code_for_node(node.targets[0].target)] = node

    module.visit(Collect())
    return found


def test_comment_lines_above_a_removed_statement_stay() -> None:
    source = (
        "kw = {}\n"
        "# sampling, tuned in March\n"
        'kw["t"] = 1  # goes with it\n'
        "# stop early\n"
        'kw["s"] = 2\n'
        "def f(flag):\n"
        "    kw2 = {}\n"
        "    if flag:\n"
        "        # inside the emptied if: goes\n"
        '        kw2["p"] = 3\n'
        "    # the last one\n"
        '    kw2["k"] = 4\n'
    )
    module = cst.parse_module(source)
    found = _statements(module)
    edits = [RemoveStatement(found['kw["t"]']), RemoveStatement(found['kw2["p"]']), RemoveStatement(found['kw2["k"]'])]
    assert apply_edits(module, edits).code == (
        "kw = {}\n"
        "# sampling, tuned in March\n"
        "# stop early\n"
        'kw["s"] = 2\n'
        "def f(flag):\n"
        "    kw2 = {}\n"
        "    # the last one\n"
    )
