"""Findings of a script as the run reports them: suppression comments, positions in characters, rule names."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from codemod.results import Diagnostic

if TYPE_CHECKING:
    from codemod.script.migrate import Finding

SUPPRESSION = re.compile(r"//\s*claude-migrate:\s*ignore(?:\[(?P<codes>[A-Za-z0-9_,\s]*)\])?")


def suppressions(source: bytes) -> dict[int, frozenset[str] | None]:
    """0-based line -> the codes its ``// claude-migrate: ignore[...]`` comment silences (None: all)."""
    found: dict[int, frozenset[str] | None] = {}
    if b"claude-migrate:" not in source:
        return found
    for index, line in enumerate(source.decode("utf-8", errors="replace").split("\n")):
        match = SUPPRESSION.search(line)
        if match:
            codes = match.group("codes")
            found[index] = None if codes is None else frozenset(c.strip() for c in codes.split(",") if c.strip())
    return found


def silenced(finding: Finding, silenced: dict[int, frozenset[str] | None]) -> bool:
    row = finding.node.start_point[0]
    if row not in silenced:
        return False
    codes = silenced[row]
    return codes is None or finding.code in codes


def _column(lines: list[bytes], row: int, byte_column: int) -> int:
    """A 1-based column in characters, as the Python side reports them."""
    line = lines[row] if row < len(lines) else b""
    return len(line[:byte_column].decode("utf-8", errors="replace")) + 1


def diagnostic(finding: Finding, names: dict[str, str], lines: list[bytes], applied: bool) -> Diagnostic:
    (row, column), (end_row, end_column) = finding.node.start_point, finding.node.end_point
    return Diagnostic(
        finding.code, names.get(finding.code, ""), row + 1, _column(lines, row, column), end_row + 1,
        _column(lines, end_row, end_column), finding.message, finding.applicability if finding.edits else None, applied,
    )


def rule_names() -> dict[str, str]:
    from codemod.rules import rule_by_code

    return {code: rule.name for code, rule in rule_by_code().items()}
