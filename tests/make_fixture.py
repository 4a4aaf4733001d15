"""Developer helper: print what the engine makes of a fixture input (to review by hand).

    python -m tests.make_fixture fixtures/CM101/literal_budget [--write]

With --write, output.py and findings.txt are (re)written from the engine's result: review them
before committing; a fixture is a specification, not a snapshot of whatever the code does.
"""

from __future__ import annotations

import sys
from pathlib import Path

from codemod.engine import migrate_source
from tests.fixture_cases import Case


def tree(directory: Path) -> None:
    """A tree case: run the real runner on a copy of input/; --write writes output/ and findings.txt."""
    import os
    import shutil
    import tempfile

    from codemod.discover import discover
    from codemod.runner import APPLY, run
    from tests.fixture_cases import TreeCase

    case = TreeCase(directory)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "project"
        shutil.copytree(directory / "input", root)
        results = run(discover([root])[0], case.settings(), APPLY)
        lines = []
        for result in results:
            shown = Path(os.path.relpath(result.path, root)).as_posix()
            for d in result.diagnostics:
                lines.append(f"{shown} {d.line}:{d.column} {d.code}")
                print(f"{shown} {d.line}:{d.column} {d.code} [{d.fix}{' applied' if d.applied else ''}] {d.message}")
            if result.error:
                print(f"{shown}: error: {result.error}")
        if "--write" in sys.argv:
            shutil.rmtree(directory / "output", ignore_errors=True)
            shutil.copytree(root, directory / "output")
            (directory / "findings.txt").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def main() -> None:
    if (Path(sys.argv[1]) / "input").is_dir():
        tree(Path(sys.argv[1]).resolve())
        return
    case = Case(Path(sys.argv[1]).resolve())
    result = migrate_source(case.input, case.settings(), project=case.project())
    output = result.new_source if result.new_source is not None else case.input
    findings = "".join(f"{d.line}:{d.column} {d.code}\n" for d in result.diagnostics)
    if "--write" in sys.argv:
        (case.directory / "output.py").write_bytes(output)
        (case.directory / "findings.txt").write_text(findings, encoding="utf-8")
    for d in result.diagnostics:
        print(f"{d.line}:{d.column} {d.code} [{d.fix}{' applied' if d.applied else ''}] {d.message}")
    print("----- output.py -----")
    sys.stdout.write(output.decode("utf-8", "replace"))


if __name__ == "__main__":
    main()
