"""``codemod/analysis/walk.py`` against libcst's own ``visit``: the same nodes, in the same order."""

from __future__ import annotations

import sysconfig
from pathlib import Path

import libcst as cst
import pytest

from codemod.analysis import scopes
from codemod.analysis import walk as walk_module
from codemod.analysis.collect import ModuleCollector
from codemod.analysis.walk import TRIVIA, walk

ROOT = Path(__file__).resolve().parent.parent
OWN = sorted([*ROOT.glob("fixtures/*/*/input.py"), *ROOT.glob("examples/**/*.py"), *ROOT.glob("codemod/**/*.py")])
# Standard-library modules for syntax the fixtures do not use (match, type parameters, async
# comprehensions, decorators, star expressions): every 25th, small enough to keep the test quick.
STDLIB = [p for p in sorted(Path(sysconfig.get_paths()["stdlib"]).glob("*.py")) if p.stat().st_size < 60_000][::25]
EXTRA = {
    "match_and_walrus": (
        "match point:\n    case Point(x=0, y=(1 | 2) as y) if (z := y):\n        pass\n"
        "    case {'k': [*rest]}:\n        pass\n    case _:\n        pass\n"
    ),
    "type_params": "def f[T: int, *Ts, **P](x: T) -> T:\n    return x\ntype Alias[T] = list[T]\n",
    "async_and_lambdas": (
        "async def g():\n    async with a as (b, c):\n        return [x async for x in y if await x]\n"
        "h = lambda a, /, b=1, *c, d, **e: (a, b)\n@dec\n@other(1)\nclass K(Base, metaclass=M):\n    x: int = 1\n"
    ),
    "strings": "x = f'{a!r:>{width}}' 'b'\nz = rb'c'\ny = t'{name}'\n",
    # the same node type met first without, then with, a field libcst visits only when it is set
    "format_spec_after_none": "a = f'{x}'\nb = f'{y:>{width}}'\nc = t'{z}'\nd = t'{w:{spec}}'\n",
    "comments_and_semicolons": "a = 1; b = 2  # c\n\n# d\nif a:  # e\n    pass\nelse:\n    del a, b\n",
}


def _cases() -> list[tuple[str, str]]:
    files = [*OWN, *STDLIB]
    return [*EXTRA.items(), *((str(p), p.read_text(encoding="utf-8")) for p in files)]


class _Events(cst.CSTVisitor):
    def __init__(self, stop_at: type | None = None) -> None:
        super().__init__()
        self.events: list[tuple[str, int]] = []
        self.stop_at = stop_at

    def on_visit(self, node: cst.CSTNode) -> bool:
        if type(node) not in TRIVIA:
            self.events.append(("visit", id(node)))
        return type(node) is not self.stop_at

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if type(original_node) not in TRIVIA:
            self.events.append(("leave", id(original_node)))


@pytest.fixture(autouse=True)
def _fresh_field_orders(monkeypatch: pytest.MonkeyPatch) -> None:
    # Field orders are learnt from the first node of each type: every case starts from nothing, so that
    # a case is not passed by what an earlier one taught.
    monkeypatch.setattr(walk_module, "_child_fields", {})


def _parse(source: str) -> cst.Module:
    try:
        return cst.parse_module(source)
    except cst.ParserSyntaxError as error:  # e.g. t-strings before libcst supported them
        pytest.skip(f"libcst cannot parse this: {error.message}")


@pytest.mark.parametrize(("name", "source"), _cases(), ids=[name for name, _ in _cases()])
def test_walk_visits_what_libcst_visits(name: str, source: str) -> None:
    module = _parse(source)
    expected, walked = _Events(), _Events()
    module.visit(expected)
    walk(module, walked)
    assert walked.events == expected.events
    assert len(walked.events) > 2 or not module.body


@pytest.mark.parametrize("stop_at", [cst.FunctionDef, cst.Call, cst.Attribute])
def test_on_visit_false_skips_the_children(stop_at: type) -> None:
    module = _parse((ROOT / "examples" / "legacy_app" / "client.py").read_text(encoding="utf-8"))
    expected, walked = _Events(stop_at), _Events(stop_at)
    module.visit(expected)
    walk(module, walked)
    assert walked.events == expected.events


def test_no_analysis_hook_looks_at_trivia() -> None:
    # walk() leaves trivia out: a hook on one of these types would silently never run.
    for kind in TRIVIA:
        for hook in (f"visit_{kind.__name__}", f"leave_{kind.__name__}"):
            # CSTVisitor defines a do-nothing hook for every type: only an override would matter.
            assert getattr(ModuleCollector, hook, None) is getattr(cst.CSTVisitor, hook, None), hook
        assert kind not in scopes._HANDLERS, kind
    overridden = [name for name in vars(ModuleCollector) if name.startswith(("visit_", "leave_"))]
    assert overridden and all(name.count("_") == 1 for name in overridden)  # no per-attribute hooks


def test_trivia_hold_no_names() -> None:
    # Leaving a trivia node out must not leave out a Name, a call or a literal below it.
    source = "x = (  # c\n    a[ (b) ]  +  {c: d}\n)\nif not a and b <= c: e += 1\n"
    module = _parse(source)

    class Below(cst.CSTVisitor):
        def __init__(self) -> None:
            super().__init__()
            self.depth = 0
            self.found: list[str] = []

        def on_visit(self, node: cst.CSTNode) -> bool:
            if self.depth and type(node) not in TRIVIA:
                self.found.append(type(node).__name__)
            self.depth += type(node) in TRIVIA
            return True

        def on_leave(self, original_node: cst.CSTNode) -> None:
            self.depth -= type(original_node) in TRIVIA

    below = Below()
    module.visit(below)
    assert below.found == []
