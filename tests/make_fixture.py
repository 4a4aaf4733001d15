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


def main() -> None:
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
