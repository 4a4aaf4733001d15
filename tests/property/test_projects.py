"""Properties of whole-project migration on generated multi-module programs (``tests/property/projects.py``).

Each program is written to a temporary project and migrated through the runner, as the CLI runs it on ``.``:

- ``test_project_output_compiles_and_is_a_fixed_point``: every written file compiles; a second ``apply`` writes
  nothing and leaves no finding a fix would apply.
- ``test_lookalike_programs_are_untouched``: when the client is an in-house look-alike (and the model is not
  Claude's), no file changes and no finding points into ``app/main.py``.
- ``test_no_budget_tokens_survives_without_a_finding``: after ``apply``, every line that still writes
  ``budget_tokens`` carries a finding of ``check`` in its file.
- ``test_only_the_named_file_changes``: run on ``app/main.py`` alone (pre-commit), no other file is written.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given

from codemod.catalog import load_catalog
from codemod.config import Settings
from codemod.runner import APPLY, CHECK, FileResult, run
from tests.property.profiles import property_settings
from tests.property.projects import Program, programs

SETTINGS = Settings(target=load_catalog().default_target, jobs=1)


def _write(root: Path, program: Program) -> list[str]:
    for name, text in program.files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(str(root / name) for name in program.files if name.endswith(".py"))


def _snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.py"))}


def _describe(results: list[FileResult], root: Path) -> str:
    return "\n".join(f"{Path(r.path).relative_to(root)}:{d.line}:{d.column} {d.code} [{d.fix}] {d.message}"
                     for r in results for d in r.diagnostics)


@property_settings(60, expensive=True)
@given(program=programs())
def test_project_output_compiles_and_is_a_fixed_point(program: Program) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        files = _write(root, program)
        first = run(files, SETTINGS, APPLY)
        assert not [r for r in first if r.status == "error"], _describe(first, root)
        for name, text in _snapshot(root).items():
            compile(text, name, "exec", dont_inherit=True)
        written = _snapshot(root)
        second = run(files, SETTINGS, APPLY)
        assert _snapshot(root) == written, _describe(second, root)
        assert not [d for r in second for d in r.diagnostics if d.fix == "safe"], _describe(second, root)


@property_settings(60, expensive=True)
@given(program=programs())
def test_lookalike_programs_are_untouched(program: Program) -> None:
    if not program.lookalike:
        return
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        files = _write(root, program)
        before = _snapshot(root)
        results = run(files, SETTINGS, APPLY)
        assert _snapshot(root) == before
        main = [d for r in results if r.path.endswith("main.py") for d in r.diagnostics if d.code != "CM108"]
        assert not main, _describe(results, root)


@property_settings(60, expensive=True)
@given(program=programs())
def test_no_budget_tokens_survives_without_a_finding(program: Program) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        files = _write(root, program)
        run(files, SETTINGS, APPLY)
        reported = {(r.path, d.line) for r in run(files, SETTINGS, CHECK) for d in r.diagnostics}
        for path in files:
            for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
                if "budget_tokens" in line:
                    assert (path, number) in reported, f"{Path(path).relative_to(root)}:{number} {line!r} has no finding"


@property_settings(60, expensive=True)
@given(program=programs())
def test_only_the_named_file_changes(program: Program) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        _write(root, program)
        before = _snapshot(root)
        run([str(root / "app" / "main.py")], SETTINGS, APPLY)
        after = _snapshot(root)
        assert {k: v for k, v in after.items() if k != "app/main.py"} == {k: v for k, v in before.items() if k != "app/main.py"}
