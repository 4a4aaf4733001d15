"""The rule layer's shape: one module per rule, rules that do not know each other, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from codemod.rules import RULE_MODULE, registry

PACKAGE = Path(__file__).resolve().parent.parent / "codemod"
RULES = PACKAGE / "rules"
MAX_MODULE_LINES = 400


def _imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, absolute (``from . import x`` resolved against the rules package)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = "codemod.rules".rsplit(".", node.level - 1)[0]
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


RULE_FILES = sorted(path for path in RULES.glob("cm*.py") if RULE_MODULE.match(path.stem))


@pytest.mark.parametrize("path", RULE_FILES, ids=[path.stem for path in RULE_FILES])
def test_no_rule_imports_another_rule(path: Path) -> None:
    others = {
        name
        for name in _imported_modules(path)
        if (last := name.rsplit(".", 1)[-1]) != path.stem and RULE_MODULE.match(last) and name.startswith("codemod.rules")
    }
    assert not others, f"{path.name} imports another rule ({', '.join(sorted(others))}): share a fact or a helper instead"


def test_every_rule_module_is_registered() -> None:
    assert [f"codemod.rules.{path.stem}" for path in RULE_FILES] == [registered.module for registered in registry()]


def test_one_rule_per_code() -> None:
    codes = [registered.rule.code for registered in registry()]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_400_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines: split it by what it does"
