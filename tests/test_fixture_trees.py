"""Tree fixtures (``fixtures/<CODE>/<case>/input/`` -> ``output/``): small projects through the real runner.

Discovery, the source files' phase and the dependency files' phase (CM601) run as the command line runs
them; the findings (``path line:col CODE``) and the files ``apply`` leaves must be exact, and a second
``apply`` must change nothing.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from codemod.discover import discover
from codemod.runner import APPLY, CHECK, run
from tests.fixture_cases import TreeCase, tree_cases

CASES = tree_cases()
FAR_FUTURE = "2099-12-31"


def _run(case: TreeCase, root: Path, mode: str, as_of: str | None = None) -> list[str]:
    shutil.copytree(case.directory / "input", root, dirs_exist_ok=True)
    files, errors = discover([root])
    assert errors == []
    results = run(files, replace(case.settings(as_of), jobs=1), mode)
    assert [r.error for r in results if r.error] == []
    return [
        f"{Path(os.path.relpath(r.path, root)).as_posix()} {d.line}:{d.column} {d.code}"
        for r in results for d in r.diagnostics
    ]


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_tree_fixture(case: TreeCase, tmp_path: Path) -> None:
    root = tmp_path / "project"
    assert _run(case, root, APPLY) == case.findings
    assert _tree(root) == case.files("output")
    # apply is idempotent and leaves nothing it would fix
    again = run(discover([root])[0], replace(case.settings(), jobs=1), APPLY)
    settings = case.settings()
    assert [d for r in again for d in r.diagnostics if d.fix == "safe" or (d.fix == "unsafe" and settings.unsafe_fixes)] == []
    assert _tree(root) == case.files("output")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_tree_fixture_check_reports_the_same_and_writes_nothing(case: TreeCase, tmp_path: Path) -> None:
    root = tmp_path / "project"
    assert _run(case, root, CHECK) == case.findings
    assert _tree(root) == case.files("input")


UNPINNED = [case for case in CASES if "as-of" not in case.options]


@pytest.mark.parametrize("case", UNPINNED, ids=[c.id for c in UNPINNED])
def test_a_tree_without_as_of_means_the_same_on_any_later_day(case: TreeCase, tmp_path: Path) -> None:
    assert _run(case, tmp_path / "project", CHECK, FAR_FUTURE) == case.findings
