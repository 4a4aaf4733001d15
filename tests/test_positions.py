"""``codemod/positions.py`` against libcst's PositionProvider, on every fixture and example module."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from codemod.positions import Positions, node_ranges

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted([*ROOT.glob("fixtures/*/*/input.py"), *ROOT.glob("examples/**/*.py")])
EXTRA = {
    "crlf_and_tabs": "import anthropic\r\nif True:\r\n\tx = anthropic.Anthropic(  # c\r\n\t\tmax_retries=1,\r\n\t)\r\n",
    "lone_cr": "a = 1\rb = '''x\ry'''\rc = 2\r",
    "decorators_and_parens": "@decorator(1)\nclass C((Base)):\n    def f(self, *, x=(1 +\n 2)):\n        return [y for y in (x,)]\n",
}


def _cases() -> list[tuple[str, str]]:
    return [*EXTRA.items(), *((str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in MODULES)]


@pytest.mark.parametrize(("name", "source"), _cases(), ids=[name for name, _ in _cases()])
def test_positions_match_libcst(name: str, source: str) -> None:
    module = cst.parse_module(source)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    everything = node_ranges(module)
    assert {id(node): position for node, position in expected.items()} == everything

    # Only a few nodes asked for: the same ranges for those.
    chosen = [node for index, node in enumerate(expected) if index % 7 == 0]
    positions = Positions(module)
    positions.prepare(chosen)
    assert all(positions[node] == expected[node] for node in chosen)

    # Nodes from the start of the module only (generation stops after the last of them): the same
    # ranges, and none recorded outside the nodes asked for.
    ordered = list(expected)
    early = ordered[: max(1, len(ordered) // 3) : 5]
    ranges = node_ranges(module, early)
    assert all(ranges[id(node)] == expected[node] for node in early)
    inside = {id(node) for top in early for node in _subtree(top)}
    assert set(ranges) <= inside


def _subtree(node: cst.CSTNode) -> list[cst.CSTNode]:
    return [node, *(inner for child in node.children for inner in _subtree(child))]
