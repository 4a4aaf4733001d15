"""check - / diff - / apply - with --stdin-filename, as editor integrations call the tool."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import SCRIPT
from tests.test_cli import CLEAN, LEGACY, MIGRATED, write
from tests.test_output_formats import NOTEBOOK_CELL


def _run(*args: str, stdin: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], input=stdin, cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
                          env={"NO_COLOR": "1", "COLUMNS": "200", "PATH": "/usr/bin:/bin"})


def test_check_stdin(tmp_path: Path) -> None:
    result = _run("check", "-", "--stdin-filename", "src/app.py", stdin=LEGACY, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("src/app.py:8:15: CM301 ")
    plain = _run("check", "-", stdin=CLEAN, cwd=tmp_path)
    assert plain.returncode == 0 and "Nothing to migrate in 1 file." in plain.stdout
    assert not (tmp_path / "src").exists()  # nothing written


def test_apply_stdin_writes_the_source_to_stdout(tmp_path: Path) -> None:
    result = _run("apply", "-", "--stdin-filename", "app.py", stdin=LEGACY, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == MIGRATED
    assert "Fixed 3 of 3 findings" in result.stderr
    unchanged = _run("apply", "-", "--stdin-filename", "app.py", stdin="print('hi')\n", cwd=tmp_path)
    assert unchanged.returncode == 0 and unchanged.stdout == "print('hi')\n"
    as_json = _run("apply", "-", "--format", "json", stdin=LEGACY, cwd=tmp_path)
    assert as_json.stdout == MIGRATED and json.loads(as_json.stderr)["summary"]["fixed"] == 3
    assert _run("diff", "-", stdin=LEGACY, cwd=tmp_path).stdout.startswith("--- a/-\n+++ b/-\n")


def test_stdin_filename_resolves_config_and_excludes(tmp_path: Path) -> None:
    write(tmp_path, "project/pyproject.toml", '[tool.claude-migrate]\nignore = ["CM201"]\nexclude = ["legacy/"]\n')
    project = tmp_path / "project"
    configured = _run("check", "-", "--stdin-filename", str(project / "src" / "app.py"), stdin=LEGACY, cwd=tmp_path)
    assert configured.returncode == 1
    assert "CM201" not in configured.stdout and "CM301" in configured.stdout
    excluded = _run("apply", "-", "--stdin-filename", str(project / "legacy" / "old.py"), stdin=LEGACY, cwd=tmp_path)
    assert excluded.returncode == 0 and excluded.stdout == LEGACY
    venv = _run("check", "-", "--stdin-filename", ".venv/lib/x.py", stdin=LEGACY, cwd=tmp_path)
    assert venv.returncode == 0


def test_stdin_notebook(tmp_path: Path) -> None:
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": NOTEBOOK_CELL}]
    text = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"
    result = _run("apply", "-", "--stdin-filename", "demo.ipynb", stdin=text, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    migrated = json.loads(result.stdout)["cells"][0]["source"]
    assert migrated[-1] == 'r = client.messages.create(model="claude-opus-4-8", max_tokens=10, messages=[])'
    as_python = _run("check", "-", "--stdin-filename", "demo.py", stdin=text, cwd=tmp_path)
    assert as_python.returncode == 0  # the same text named .py is not a notebook (and holds no call)


def test_stdin_filename_needs_dash(tmp_path: Path) -> None:
    write(tmp_path, "app.py", LEGACY)
    result = _run("check", "app.py", "--stdin-filename", "app.py", stdin="", cwd=tmp_path)
    assert result.returncode == 2 and "--stdin-filename goes with '-'" in result.stderr
