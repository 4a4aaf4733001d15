"""check --add-ignore: a suppression comment on the line of every finding (as ruff --add-noqa)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli
from tests.test_cli import DYNAMIC, LEGACY, write
from tests.test_output_formats import _notebook

AWKWARD = '''import anthropic

client = anthropic.Anthropic()
PROMPT = """Summarise this."""
r1 = client.messages.create(model="claude-opus-4-6", max_tokens=10, messages=[{"role": "user", "content": """
hello"""}], temperature=0.1)
r2 = client.messages.create(model="claude-3-opus-20240229", max_tokens=10, \\
    messages=[], top_k=3)  # type: ignore[call-arg]
r3 = client.messages.create(model="claude-opus-4-8", max_tokens=10, messages=[], top_p=0.1)  # claude-migrate: ignore[CM201]
'''


def test_add_ignore_silences_every_finding(cli: Cli, tmp_path: Path) -> None:
    app = write(tmp_path, "app.py", LEGACY)
    write(tmp_path, "dynamic.py", DYNAMIC)
    result = cli("check", "--add-ignore")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "Added 4 suppression comments in 2 files."
    text = app.read_text(encoding="utf-8")
    assert '        model="claude-opus-4-6",  # claude-migrate: ignore[CM301]\n' in text
    assert '        thinking={"type": "enabled", "budget_tokens": 8000},  # claude-migrate: ignore[CM101]\n' in text
    after = cli("check")
    assert after.returncode == 0, after.stdout  # nothing reported, and no comment is unused (CM002)
    assert cli("check", "--add-ignore").stdout.strip() == "Added 0 suppression comments in 0 files."


def test_add_ignore_merges_codes_and_reports_lines_that_take_no_comment(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, "awkward.py", AWKWARD)
    result = cli("check", "--add-ignore")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "awkward.py:7: no comment can go at the end of this line" in result.stdout  # a backslash continuation
    text = path.read_text(encoding="utf-8")
    # A line that ends inside a string: the comment goes where the finding starts only if that line can take it.
    assert 'r1 = client.messages.create(model="claude-opus-4-6", max_tokens=10, messages=[{"role": "user", "content": """\n' in text
    assert "awkward.py:5: no comment can go" in result.stdout
    assert 'hello"""}], temperature=0.1)  # claude-migrate: ignore[CM201]\n' in text
    assert "    messages=[], top_k=3)  # type: ignore[call-arg]  # claude-migrate: ignore[CM201]\n" in text
    assert "top_p=0.1)  # claude-migrate: ignore[CM201]\n" in text  # already silenced: unchanged
    left = json.loads(cli("check", "--format", "json").stdout)
    assert sorted((f["line"], f["code"]) for e in left["files"] for f in e["findings"]) == [(5, "CM301"), (7, "CM302")]


def test_add_ignore_in_a_notebook(cli: Cli, tmp_path: Path) -> None:
    notebook = _notebook(tmp_path)
    result = cli("check", "--add-ignore")
    assert result.returncode == 0, result.stdout + result.stderr
    source = json.loads(notebook.read_text(encoding="utf-8"))["cells"][1]["source"]
    assert source[-1].endswith("temperature=0.5)  # claude-migrate: ignore[CM201,CM301]")
    assert cli("check").returncode == 0


PREFILL = '''import anthropic

client = anthropic.Anthropic()
MODEL = "claude-3-opus-20240229"
reply = client.messages.create(
    model=MODEL,
    max_tokens=100,
    messages=[{"role": "user", "content": "JSON please"}, {"role": "assistant", "content": "{"}],
)
'''


def test_a_suppression_that_changes_another_rules_verdict_is_not_added(cli: Cli, tmp_path: Path) -> None:
    """Keeping the retired model (ignore[CM302]) keeps a model that accepts the prefill: CM501 needs no comment."""
    path = write(tmp_path, "prefill.py", PREFILL)
    assert {line.split()[1] for line in cli("check").stdout.splitlines() if ": CM" in line} == {"CM302", "CM501"}
    result = cli("check", "--add-ignore")
    assert result.returncode == 0 and "Added 1 suppression comment in 1 file." in result.stdout
    assert 'MODEL = "claude-3-opus-20240229"  # claude-migrate: ignore[CM302]\n' in path.read_text(encoding="utf-8")
    assert cli("check").returncode == 0
