"""``--format sarif``: one SARIF 2.1.0 log with one run (OASIS standard; GitHub code scanning reads it).

- ``tool.driver.rules``: every rule, with its summary, its documentation page as ``help`` (text and
  Markdown, so a viewer shows it without a link), and a ``helpUri`` to ``<base>/<CODE>.md`` when a base is
  given (``--rules-url``; the GitHub Action passes the page in its own repository at its own ref). The
  pages live in the repository as ``docs/rules/<CODE>.md``; there is no public site to point at by default.
- ``results``: the findings (``apply``: those left), level ``error``; the location is the file relative
  to ``%SRCROOT%`` (the working directory, in ``originalUriBaseIds``) with a region whose columns count
  Unicode code points (``columnKind``), end column exclusive. A notebook finding's region is where its
  code is written in the ``.ipynb`` JSON; its cell, line and column in the cell are in ``properties``.
- ``fixes``: a finding whose fix is known carries it as ``artifactChanges`` with ``replacements`` on the
  file as read: the fix's own edits, as ``apply`` would make them if it were the only fix. Notebook
  findings carry none (an edit to a cell is an edit inside a JSON string).
- ``partialFingerprints``: the baseline's fingerprint (rule and code pointed at, not the line).
- Files that could not be read or parsed are ``toolExecutionNotifications`` of the invocation.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import quote

from codemod import __version__
from codemod.edit_ranges import TextEdit
from codemod.report.files import Region, Sources
from codemod.results import Diagnostic
from codemod.runner import FileResult

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "claudeMigrate/v1"


def _artifact(path: str) -> dict[str, str]:
    """A URI relative to %SRCROOT% for paths under the working directory, else an absolute file URI."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    if not os.path.isabs(path) and not relative.startswith(os.pardir):
        return {"uri": quote(Path(relative).as_posix()), "uriBaseId": SRCROOT}
    return {"uri": Path(absolute).as_uri()}


def _region(region: Region) -> dict[str, int]:
    start_line, start_column, end_line, end_column = region
    return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}


def _replacement(edit: TextEdit) -> dict[str, object]:
    return {
        "deletedRegion": _region((edit.start_line, edit.start_column, edit.end_line, edit.end_column)),
        "insertedContent": {"text": edit.after},
    }


def _section(page: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", page, re.DOTALL | re.MULTILINE)
    return match.group(1).strip() if match else ""


def _rules(rules_url: str | None) -> tuple[list[dict[str, object]], dict[str, int]]:
    from codemod.report import rule_page
    from codemod.rules import all_rules

    descriptors: list[dict[str, object]] = []
    for rule in all_rules():
        page = "\n".join(line for line in (rule_page.page_text(rule.code) or "").splitlines() if line != rule_page.GENERATED)
        descriptor: dict[str, object] = {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": _section(page, "What it does") or rule.summary},
            "help": {"text": page.strip() or rule.summary, "markdown": page.strip() or rule.summary},
            "defaultConfiguration": {"level": "error"},
            "properties": {"fix": rule.fix, "tags": ["migration", "claude"]},
        }
        if rules_url:
            descriptor["helpUri"] = rules_url.rstrip("/") + f"/{rule.code}.md"
        descriptors.append(descriptor)
    return descriptors, {rule["id"]: index for index, rule in enumerate(descriptors)}  # type: ignore[misc]


def _fix(diagnostic: Diagnostic, location: dict[str, str]) -> dict[str, object]:
    safety = {"safe": "safe fix", "unsafe": "unsafe fix (apply --unsafe-fixes)"}.get(str(diagnostic.fix), f"{diagnostic.fix} fix")
    return {
        "description": {"text": f"{safety}: {diagnostic.message}"},
        "artifactChanges": [{"artifactLocation": location, "replacements": [_replacement(e) for e in diagnostic.edits]}],
    }


def _result(result: FileResult, diagnostic: Diagnostic, sources: Sources, index: dict[str, int]) -> dict[str, object]:
    location = _artifact(result.path)
    entry: dict[str, object] = {
        "ruleId": diagnostic.code,
        "level": "error",
        "message": {"text": diagnostic.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": _region(sources.region(result.path, diagnostic))}}],
        "partialFingerprints": {FINGERPRINT: sources.fingerprint(result.path, diagnostic)},
        "properties": {"fix": diagnostic.fix or "none", "name": diagnostic.name},
    }
    if diagnostic.code in index:
        entry["ruleIndex"] = index[diagnostic.code]
    if diagnostic.cell is not None:
        entry["properties"].update(  # type: ignore[union-attr]
            {"cell": diagnostic.cell, "cellLine": diagnostic.line, "cellColumn": diagnostic.column}
        )
        entry["message"] = {"text": f"cell {diagnostic.cell}, line {diagnostic.line}: {diagnostic.message}"}
    elif diagnostic.edits:
        entry["fixes"] = [_fix(diagnostic, location)]
    return entry


def render(
    results: list[FileResult], path_errors: list[str], mode: str, sources: Sources, rules_url: str | None = None
) -> str:
    rules, index = _rules(rules_url)
    entries = []
    notifications = []
    for result in results:
        shown = result.remaining if mode == "apply" else result.diagnostics
        entries += [_result(result, d, sources, index) for d in shown]
        if result.error:
            notifications.append((result.path, result.error))
    for error in path_errors:
        path, _, message = error.partition(": error: ")
        notifications.append((path, message))
    driver: dict[str, object] = {"name": "claude-migrate", "version": __version__, "semanticVersion": __version__, "rules": rules}
    if rules_url:
        driver["informationUri"] = rules_url.rstrip("/") + "/README.md"
    run = {
        "tool": {"driver": driver},
        "invocations": [
            {
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": [
                    {
                        "level": "error",
                        "message": {"text": message},
                        "locations": [{"physicalLocation": {"artifactLocation": _artifact(path)}}],
                    }
                    for path, message in notifications
                ],
            }
        ],
        "originalUriBaseIds": {SRCROOT: {"uri": Path(os.getcwd()).as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": entries,
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2)
