"""--format sarif | github | gitlab, --statistics, --exit-zero, --output-file and apply's edit record,
through the installed console script."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from codemod.report.github import escape_data, escape_property
from tests.conftest import Cli
from tests.test_cli import DYNAMIC, LEGACY, MIGRATED, write

SCHEMA = json.loads((Path(__file__).parent / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

# CM001's message quotes the spread expression: here it holds a colon, a comma, a percent sign and a newline.
AWKWARD = '''import anthropic

client = anthropic.Anthropic()
client.messages.create(model="claude-opus-4-8", max_tokens=10, messages=[], **options("a:b, 50%",
    2))
'''

NOTEBOOK_CELL = [
    "import anthropic\n",
    "client = anthropic.Anthropic()\n",
    'r = client.messages.create(model="claude-opus-4-6", max_tokens=10, messages=[], temperature=0.5)',
]


def _notebook(tmp_path: Path) -> Path:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Demo \"quoted\"\n"]},
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": NOTEBOOK_CELL},
    ]
    document = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "demo.ipynb"
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _sarif(cli: Cli, *args: str) -> dict:
    result = cli("check", "--format", "sarif", "--no-cache", *args)
    assert result.returncode in (1, 2), result.stderr
    document = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(document)
    return document


def _apply_replacements(text: str, replacements: list[dict]) -> str:
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + column - 1

    spans = sorted(
        (offset(r["deletedRegion"]["startLine"], r["deletedRegion"]["startColumn"]),
         offset(r["deletedRegion"]["endLine"], r["deletedRegion"]["endColumn"]), r["insertedContent"]["text"])
        for r in replacements
    )
    for start, end, inserted in reversed(spans):
        text = text[:start] + inserted + text[end:]
    return text


def test_sarif_is_valid_and_carries_rules_regions_and_fixes(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "app.py", LEGACY)
    write(tmp_path, "dynamic.py", DYNAMIC)
    write(tmp_path, "broken.py", "import anthropic\ndef oops(:\n")
    _notebook(tmp_path)
    document = _sarif(cli, "--rules-url", "https://example.org/claude-migrate/blob/v0.3.0/docs/rules/")
    (run,) = document["runs"]
    rules = run["tool"]["driver"]["rules"]
    by_id = {rule["id"]: rule for rule in rules}
    assert by_id["CM101"]["helpUri"] == "https://example.org/claude-migrate/blob/v0.3.0/docs/rules/CM101.md"
    assert "## Fix safety" in by_id["CM101"]["help"]["markdown"]
    results = run["results"]
    first = next(r for r in results if r["ruleId"] == "CM301" and "app.py" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 8, "startColumn": 15, "endLine": 8, "endColumn": 32}
    assert rules[first["ruleIndex"]]["id"] == "CM301"
    # Each fix alone, applied to the file, gives what apply would write for that fix alone; all three give apply's.
    app = [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app.py"]
    replacements = [rep for r in app for f in r["fixes"] for change in f["artifactChanges"] for rep in change["replacements"]]
    assert _apply_replacements(LEGACY, replacements) == MIGRATED
    unsafe = next(r for r in results if r["ruleId"] == "CM102")
    assert unsafe["fixes"][0]["description"]["text"].startswith("unsafe fix")
    # The notebook finding points into the .ipynb text, at the JSON line that holds the cell's third line.
    notebook = next(r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "demo.ipynb")
    region = notebook["locations"][0]["physicalLocation"]["region"]
    lines = (tmp_path / "demo.ipynb").read_text(encoding="utf-8").splitlines()
    assert lines[region["startLine"] - 1][region["startColumn"] - 1 :].startswith('\\"claude-opus-4-6\\"')
    assert notebook["properties"]["cell"] == 2 and "fixes" not in notebook
    (invocation,) = run["invocations"]
    assert not invocation["executionSuccessful"]
    assert "broken.py" in invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def test_sarif_of_a_clean_tree_is_valid(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "plain.py", "print('hello')\n")
    result = cli("check", "--format", "sarif")
    assert result.returncode == 0
    document = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(document)
    assert document["runs"][0]["results"] == [] and "helpUri" not in document["runs"][0]["tool"]["driver"]["rules"][0]


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("50% done", "50%25 done", "50%25 done"),
        ("a:b, c", "a:b, c", "a%3Ab%2C c"),
        ("one\ntwo\r\n", "one%0Atwo%0D%0A", "one%0Atwo%0D%0A"),
        ("%0A", "%250A", "%250A"),
    ],
)
def test_github_escaping(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_github_annotations_escape_paths_and_messages(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "we,ird:50%/app.py", AWKWARD)
    write(tmp_path, "legacy.py", LEGACY)
    result = cli("check", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "::error file=legacy.py,line=8,endLine=8,col=15,endColumn=32,title=CM301::claude-opus-4-6 is superseded "
        'by claude-opus-4-8; use "claude-opus-4-8" [safe fix: claude-migrate apply]'
    )
    (awkward,) = [line for line in lines if "CM001" in line]
    assert awkward.startswith("::error file=we%2Cird%3A50%25/app.py,line=4,endLine=5,title=CM001::")
    message = awkward.split("::", 2)[2]
    assert message.startswith('**options("a:b, 50%25",%0A    2) is built at run time')
    assert "\n" not in awkward and "col=" not in awkward  # a finding over two lines: no columns


def test_gitlab_code_quality(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "app.py", LEGACY)
    write(tmp_path, "copy.py", LEGACY)
    result = cli("check", "--format", "gitlab")
    assert result.returncode == 1
    issues = json.loads(result.stdout)
    assert len(issues) == 6
    assert {issue["check_name"] for issue in issues} == {"CM101", "CM201", "CM301"}
    assert len({issue["fingerprint"] for issue in issues}) == 6
    first = next(i for i in issues if i["location"]["path"] == "app.py" and i["check_name"] == "CM301")
    assert first["location"]["lines"]["begin"] == 8 and first["severity"] == "minor"
    assert first["description"].startswith("CM301 claude-opus-4-6 is superseded")
    again = json.loads(cli("check", "--format", "gitlab").stdout)
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]  # stable


def test_statistics_exit_zero_and_output_file(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "app.py", LEGACY)
    write(tmp_path, "dynamic.py", DYNAMIC)
    stats = cli("check", "--statistics")
    assert stats.returncode == 1
    assert stats.stdout.splitlines() == [
        "1\tCM101\t[*] budget-tokens",
        "1\tCM102\t[ ] budget-tokens-dynamic",
        "1\tCM201\t[*] sampling-parameter",
        "1\tCM301\t[*] model-superseded",
    ]
    as_json = json.loads(cli("check", "--statistics", "--format", "json").stdout)
    assert as_json[0] == {"code": "CM101", "name": "budget-tokens", "count": 1, "fixed": 0, "remaining": 1, "fixable": 1}
    assert cli("check", "--exit-zero").returncode == 0
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    written = cli("check", "--format", "json", "--output-file", str(report))
    assert written.returncode == 1 and written.stdout == ""
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["findings"] == 4
    applied = cli("apply", "--statistics", "--exit-zero")
    assert applied.returncode == 0
    assert "1\tCM102\tbudget-tokens-dynamic\t(0 fixed, 1 left)" in applied.stdout.splitlines()
    assert cli("check", "--statistics", "--format", "sarif").returncode == 2


def test_apply_json_lists_each_edit(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, "app.py", LEGACY)
    document = json.loads(cli("apply", "--format", "json").stdout)
    assert path.read_text(encoding="utf-8") == MIGRATED
    (entry,) = document["files"]
    assert entry["edits"] == [
        {"rules": ["CM301"], "cell": None, "start": {"line": 8, "column": 16}, "end": {"line": 8, "column": 31},
         "before": "claude-opus-4-6", "after": "claude-opus-4-8"},
        {"rules": ["CM201"], "cell": None, "start": {"line": 10, "column": 1}, "end": {"line": 11, "column": 1},
         "before": "        temperature=0.2,\n", "after": ""},
        {"rules": ["CM101"], "cell": None, "start": {"line": 11, "column": 28}, "end": {"line": 11, "column": 59},
         "before": 'enabled", "budget_tokens": 8000', "after": 'adaptive"},\n        output_config={"effort": "high"'},
    ]
    # The record replays: the edits, made on the file as it was, give the file as written.
    replacements = [
        {"deletedRegion": {"startLine": e["start"]["line"], "startColumn": e["start"]["column"],
                           "endLine": e["end"]["line"], "endColumn": e["end"]["column"]}, "insertedContent": {"text": e["after"]}}
        for e in entry["edits"]
    ]
    assert _apply_replacements(LEGACY, replacements) == MIGRATED


def test_apply_json_edits_in_a_notebook_name_the_cell(cli: Cli, tmp_path: Path) -> None:
    _notebook(tmp_path)
    document = json.loads(cli("apply", "--format", "json").stdout)
    (entry,) = document["files"]
    assert {tuple(edit["rules"]) for edit in entry["edits"]} == {("CM301",), ("CM201",)}
    assert all(edit["cell"] == 2 and edit["start"]["line"] == 3 for edit in entry["edits"])
