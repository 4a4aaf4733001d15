"""Per-rule documentation: docs/rules/<CODE>.md generated from each rule's docstring and fixtures, and
``claude-migrate rule CODE`` printing it."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from codemod.report import rule_example, rule_page
from codemod.report.rule_page import REGENERATE, RuleEntry, entries
from tests.conftest import Cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
RULES = entries()
CODES = [entry.code for entry in RULES]


def test_there_are_rules() -> None:
    assert RULES, "codemod.rules.registry() found no rule modules"


def test_docs_pages_are_up_to_date() -> None:
    stale = rule_page.stale_pages()
    assert not stale, f"docs/rules/ is stale; run `{REGENERATE}`:\n" + "\n".join(stale)


@pytest.mark.parametrize("entry", RULES, ids=CODES)
def test_rule_docstring_has_every_section_and_a_public_source(entry: RuleEntry) -> None:
    problems = rule_page.docstring_problems(entry)
    assert not problems, "\n".join(problems) + (
        "\nexpected shape:\n"
        f'"""{entry.code} {entry.rule.name}: one-line summary.\n\n## What it does\n...\n\n## Why\n...\n\n'
        '## Fix safety\n...\n\n## Source\n- https://...\n"""'
    )


@pytest.mark.parametrize("code", CODES)
def test_every_rule_has_a_fixture(code: str) -> None:
    assert sorted(FIXTURES.glob(f"{code}/*/input.py")) or sorted(FIXTURES.glob(f"{code}/*/input/")), (
        f"{code} has no fixture: add fixtures/{code}/<case>/input.py, output.py and findings.txt"
    )


# --- the generator, on a stub rule (independent of the real rules) -------------------------------------------

STUB_DOC = '''CM409 example-rename: old_name= was renamed new_name=.

## What it does
Renames `old_name=` to `new_name=`.

## Why
anthropic X.Y renamed it; the old name is a `TypeError`.

## Fix safety
Safe: the same value is sent under its new name.

## Source
- https://example.com/changelog
'''


def _stub(monkeypatch: pytest.MonkeyPatch, doc: str = STUB_DOC, fix: str = "safe") -> RuleEntry:
    module = types.ModuleType("stub_rules.cm409_example_rename", doc)
    monkeypatch.setitem(sys.modules, module.__name__, module)
    rule = types.SimpleNamespace(code="CM409", name="example-rename", summary="old_name= -> new_name=.", fix=fix)
    return RuleEntry(rule, module.__name__)  # type: ignore[arg-type]


def _case(fixtures: Path, name: str, before: str, after: str | None = None, findings: str = "3:1 CM409") -> Path:
    directory = fixtures / "CM409" / name
    directory.mkdir(parents=True)
    (directory / "input.py").write_text(before, encoding="utf-8")
    (directory / "output.py").write_text(before if after is None else after, encoding="utf-8")
    (directory / "findings.txt").write_text(findings + "\n", encoding="utf-8")
    return directory


def test_docstring_sections_are_parsed_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = _stub(monkeypatch)
    assert rule_page.docstring_problems(entry) == []
    doc = rule_page.parse_docstring(STUB_DOC)
    assert list(doc.sections) == ["What it does", "Why", "Fix safety", "Source"]
    assert doc.sections["Why"] == "anthropic X.Y renamed it; the old name is a `TypeError`."

    broken = _stub(monkeypatch, STUB_DOC.replace("## Why\n", "").replace("https://example.com/changelog", "the changelog"))
    problems = rule_page.docstring_problems(broken)
    assert any("CM409" in p and "'## Why'" in p for p in problems), problems
    assert any("CM409" in p and "https://" in p for p in problems), problems
    assert rule_page.docstring_problems(_stub(monkeypatch, "CM409 example-rename: free text.\n\nNo sections."))


def test_example_prefers_docs_example_then_the_shortest_changed_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = _stub(monkeypatch)
    _case(tmp_path, "long_changed", "import anthropic\n\nf(old_name=1)  # a longer input\n", "import anthropic\n\nf(new_name=1)  # a longer input\n")
    _case(tmp_path, "short_changed", "import anthropic\n\nf(old_name=1)\n", "import anthropic\n\nf(new_name=1)\n")
    _case(tmp_path, "tiny_unchanged", "f(old_name=x)\n")
    _case(tmp_path, "decoy", "f()\n", findings="")
    assert rule_example.example_case(entry, tmp_path).directory.name == "short_changed"
    _case(tmp_path, "docs_example", "import anthropic\n\nf(old_name=2)  # chosen by name\n", "import anthropic\n\nf(new_name=2)  # chosen by name\n")
    assert rule_example.example_case(entry, tmp_path).directory.name == "docs_example"

    report_only = _stub(monkeypatch, fix="report")
    (tmp_path / "CM409" / "docs_example").rename(tmp_path / "other")
    assert rule_example.example_case(report_only, tmp_path).directory.name == "tiny_unchanged"


def test_page_has_ruffs_headings_a_diff_and_the_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = _stub(monkeypatch)
    case = _case(tmp_path, "keyword", "import anthropic\n\nf(old_name=1)\n", "import anthropic\n\nf(new_name=1)\n")
    (case / "case.toml").write_text('target = "claude-opus-5"\nunsafe-fixes = true\n', encoding="utf-8")
    page = rule_page.render_page(entry, tmp_path)
    headings = [line for line in page.splitlines() if line.startswith("#")]
    assert headings == ["# CM409 example-rename", "## What it does", "## Why", "## Example", "## Fix safety", "## Source"]
    assert "`fixtures/CM409/keyword`, as `claude-migrate diff --target claude-opus-5 --unsafe-fixes` shows it:" in page
    assert "--- input.py\n+++ output.py\n" in page
    assert "-f(old_name=1)\n+f(new_name=1)\n" in page
    assert "```text\n3:1 CM409\n```" in page
    assert "- https://example.com/changelog" in page


def test_page_of_a_case_without_change_shows_the_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = _stub(monkeypatch, fix="report")
    _case(tmp_path, "reported", "import anthropic\n\nf(old_name=x)\n")
    page = rule_page.render_page(entry, tmp_path)
    assert "`fixtures/CM409/reported` (reported, not rewritten):\n\n```python\nimport anthropic\n" in page
    assert "```diff" not in page
    assert "```text\n3:1 CM409\n```" in page
    (tmp_path / "none").mkdir()
    assert "No fixture yet: add one under `fixtures/CM409/`." in rule_page.render_page(entry, tmp_path / "none")
    wheel = rule_page.render_page(entry, tmp_path / "absent")  # an installed wheel has no fixtures/
    assert "See the fixtures under `fixtures/CM409/` in the source repository." in wheel


def test_write_then_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = _stub(monkeypatch)
    monkeypatch.setattr(rule_page, "entries", lambda: [entry])
    _case(tmp_path / "fixtures", "keyword", "f(old_name=1)\n", "f(new_name=1)\n")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "CM999.md").write_text("a rule that is gone\n", encoding="utf-8")
    assert rule_page.stale_pages(docs, tmp_path / "fixtures")
    assert sorted(rule_page.write(docs, tmp_path / "fixtures")) == ["CM409.md", "CM999.md (removed)", "README.md"]
    assert rule_page.stale_pages(docs, tmp_path / "fixtures") == []
    index = (docs / "README.md").read_text(encoding="utf-8")
    assert "| CM409 | example-rename | old_name= -> new_name=. | safe | [CM409.md](CM409.md) |" in index
    (docs / "CM409.md").write_text("edited by hand\n", encoding="utf-8")
    assert rule_page.stale_pages(docs, tmp_path / "fixtures") == [f"{docs / 'CM409.md'}: out of date"]


def test_shipped_pages_are_read_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "CM409.md").write_text("# CM409 shipped\n", encoding="utf-8")
    monkeypatch.setattr(rule_page, "SHIPPED_DIR", tmp_path)
    assert rule_page.page_text("cm409") == "# CM409 shipped\n"
    assert rule_page.page_text("../CM409") is None


# --- claude-migrate rule CODE ----------------------------------------------------------------------------------


def test_rule_command_prints_the_page(cli: Cli) -> None:
    code = CODES[0]
    result = cli("rule", code.lower())
    assert result.returncode == 0, result.stderr
    page = (ROOT / "docs" / "rules" / f"{code}.md").read_text(encoding="utf-8")
    assert result.stdout.rstrip("\n") == page.replace(rule_page.GENERATED, "").rstrip("\n")
    assert result.stdout.startswith(f"# {code} ")
    assert "## Example" in result.stdout and "\x1b[" not in result.stdout


def test_rule_command_unknown_code(cli: Cli) -> None:
    result = cli("rule", "CM999")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == "error: unknown rule code: CM999 (claude-migrate rules lists them)"
