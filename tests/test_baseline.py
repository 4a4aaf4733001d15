"""check --write-baseline / --baseline through the installed console script: a ratchet for large trees."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli
from tests.test_cli import LEGACY, write

NEW_CALL = '''

def plan(question: str) -> str:
    response = client.messages.create(
        model="claude-opus-4-8",
        max_tokens=16000,
        thinking={"type": "enabled", "budget_tokens": 3000},
        messages=[{"role": "user", "content": question}],
    )
    return response.content[0].text
'''


def test_edits_above_findings_keep_them_known_and_a_new_one_fails(cli: Cli, tmp_path: Path) -> None:
    app = write(tmp_path, "src/app.py", LEGACY)
    write(tmp_path, "src/other.py", LEGACY.replace("ask", "other"))
    written = cli("check", "--write-baseline", "claude-migrate-baseline.json", "src")
    assert written.returncode == 0, written.stdout + written.stderr
    assert "Wrote 6 findings to the baseline" in written.stdout
    document = json.loads((tmp_path / "claude-migrate-baseline.json").read_text(encoding="utf-8"))
    assert [(e["path"], e["code"], e["line"]) for e in document["findings"][:3]] == [
        ("src/app.py", "CM301", 8), ("src/app.py", "CM201", 10), ("src/app.py", "CM101", 11),
    ]
    # Lines inserted above the findings (and the code re-indented) change no fingerprint.
    app.write_text('"""Docs."""\n\nimport os\nimport sys\n' + LEGACY, encoding="utf-8")
    quiet = cli("check", "--baseline", "claude-migrate-baseline.json", "src")
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    assert "6 findings in the baseline not shown." in quiet.stderr
    # Run from elsewhere: paths are relative to the baseline file.
    inside = cli("check", "--baseline", "../claude-migrate-baseline.json", ".", cwd=tmp_path / "src")
    assert inside.returncode == 0, inside.stdout + inside.stderr
    # A new budget_tokens: exit 1, and only it is reported.
    app.write_text(app.read_text(encoding="utf-8") + NEW_CALL, encoding="utf-8")
    new = cli("check", "--baseline", "claude-migrate-baseline.json", "src")
    assert new.returncode == 1
    findings = [line for line in new.stdout.splitlines() if ": CM" in line]
    assert len(findings) == 1 and findings[0].startswith("src/app.py:25:18: CM101 ") and "budget_tokens=3000" in findings[0]
    as_json = json.loads(cli("check", "--baseline", "claude-migrate-baseline.json", "--format", "json", "src").stdout)
    assert [f["code"] for entry in as_json["files"] for f in entry["findings"]] == ["CM101"]
    assert as_json["baseline"]["matched"] == 6 and as_json["baseline"]["stale"] == []


def test_a_copy_of_a_known_line_is_new_and_fixed_findings_are_stale(cli: Cli, tmp_path: Path) -> None:
    app = write(tmp_path, "app.py", LEGACY)
    assert cli("check", "--write-baseline", "base.json").returncode == 0
    # The same call twice: the baseline knows one of each finding, so the second copy is new.
    app.write_text(LEGACY + LEGACY.split("\n\n\n", 1)[1].replace("def ask", "def ask_again"), encoding="utf-8")
    twice = cli("check", "--baseline", "base.json")
    assert twice.returncode == 1
    assert sorted(line.split()[1] for line in twice.stdout.splitlines() if ": CM" in line) == ["CM101", "CM201", "CM301"]
    # Fixed since: its entries are stale, reported, and do not fail the run.
    app.write_text(LEGACY.replace("        temperature=0.2,\n", ""), encoding="utf-8")
    fixed = cli("check", "--baseline", "base.json")
    assert fixed.returncode == 0, fixed.stdout
    assert "1 baseline entry no longer matches" in fixed.stderr and "app.py:10: CM201" in fixed.stderr


def test_a_bad_baseline_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "app.py", LEGACY)
    write(tmp_path, "base.json", "{}")
    result = cli("check", "--baseline", "base.json")
    assert result.returncode == 2 and "not a claude-migrate baseline" in result.stderr
    assert cli("apply", "--baseline", "base.json").returncode == 2  # a check option
