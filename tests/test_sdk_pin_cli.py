"""CM601 through the command line: dependency files are found like source files, reported at their exact
positions against the floor the code under them sets, fixed only with --unsafe-fixes, lock files never."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli

FAST = '''import anthropic

client = anthropic.Anthropic()


def complete(prefix: str) -> str:
    response = client.messages.create(
        model="claude-opus-5-5",
        max_tokens=8192,
        speed="fast",
        messages=[{"role": "user", "content": prefix}],
    )
    return response.content[0].text
'''


def _tree(root: Path) -> None:
    (root / "app.py").write_text(FAST, encoding="utf-8")
    (root / "requirements.txt").write_text("requests\nanthropic<1  # old API\n", encoding="utf-8")
    (root / "poetry.lock").write_text('[[package]]\nname = "anthropic"\nversion = "0.40.0"\n', encoding="utf-8")


def test_check_reports_the_pin_and_the_lock_at_their_positions(cli: Cli, tmp_path: Path) -> None:
    _tree(tmp_path)
    result = cli("check", "--format", "json")
    assert result.returncode == 1
    found = {(f["path"], d["line"], d["column"], d["fix"]) for f in json.loads(result.stdout)["files"] for d in f["findings"]}
    assert found == {("requirements.txt", 2, 1, "unsafe"), ("poetry.lock", 3, 11, None)}
    text = cli("check").stdout
    assert "requirements.txt:2:1: CM601 anthropic<1 excludes every anthropic release the migrated code can run on: " in text
    assert "it needs anthropic>=1.15.0 for speed= on client.messages (fast mode), used in app.py" in text


def test_apply_rewrites_the_specifier_only_with_unsafe_fixes_and_never_the_lock(cli: Cli, tmp_path: Path) -> None:
    _tree(tmp_path)
    lock = (tmp_path / "poetry.lock").read_bytes()
    assert cli("apply").returncode == 1
    assert (tmp_path / "requirements.txt").read_text(encoding="utf-8") == "requests\nanthropic<1  # old API\n"
    assert cli("apply", "--unsafe-fixes").returncode == 1  # the lock file is left to the user
    assert (tmp_path / "requirements.txt").read_text(encoding="utf-8") == "requests\nanthropic>=1.15.0,<3  # old API\n"
    assert (tmp_path / "poetry.lock").read_bytes() == lock
    diff = cli("diff", "--unsafe-fixes")
    assert "requirements.txt" not in diff.stdout  # nothing left to change there


def test_dependency_files_follow_excludes_and_gitignore(cli: Cli, tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "requirements.txt").write_text("anthropic==0.3.0\n", encoding="utf-8")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "requirements.txt").write_text("anthropic==0.3.0\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("vendor/\n", encoding="utf-8")
    paths = {f["path"] for f in json.loads(cli("check", "--format", "json", "--exclude", "old/").stdout)["files"]}
    assert paths == {"requirements.txt", "poetry.lock"}


def test_select_and_ignore(cli: Cli, tmp_path: Path) -> None:
    _tree(tmp_path)
    only = json.loads(cli("check", "--format", "json", "--select", "CM601").stdout)
    assert {d["code"] for f in only["files"] for d in f["findings"]} == {"CM601"}
    assert only["summary"]["files"] == 3  # app.py is analysed for what it needs, and both dependency files
    without = json.loads(cli("check", "--format", "json", "--ignore", "CM601").stdout)
    assert "CM601" not in {d["code"] for f in without["files"] for d in f["findings"]}
    assert without["summary"]["files"] == 1


def test_no_code_needing_the_sdk_means_no_report(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("anthropic==0.3.0\n", encoding="utf-8")
    (tmp_path / "tool.py").write_text("print('no SDK here')\n", encoding="utf-8")
    assert cli("check").returncode == 0


def test_suppression_comment_in_a_requirements_file(cli: Cli, tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "requirements.txt").write_text("anthropic<1  # claude-migrate: ignore[CM601]\n", encoding="utf-8")
    (tmp_path / "poetry.lock").unlink()
    assert cli("check").returncode == 0
