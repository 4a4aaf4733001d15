"""Every fixture case through the real engine: exact output, exact findings, idempotence."""

from __future__ import annotations

import pytest

from codemod.engine import migrate_source
from tests.fixture_cases import Case, all_cases

CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_output(case: Case) -> None:
    result = migrate_source(case.input, case.settings(), project=case.project())
    produced = result.new_source if result.new_source is not None else case.input
    assert produced.decode("utf-8", "replace") == case.output.decode("utf-8", "replace")
    assert produced == case.output


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_findings(case: Case) -> None:
    result = migrate_source(case.input, case.settings(), project=case.project())
    assert [f"{d.line}:{d.column} {d.code}" for d in result.diagnostics] == case.findings


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_output_is_a_fixed_point(case: Case) -> None:
    """A second apply changes nothing and has no fix left to make."""
    result = migrate_source(case.output, case.settings(), project=case.project())
    assert result.new_source is None
    settings = case.settings()
    leftover = [d for d in result.diagnostics if d.fix == "safe" or (d.fix == "unsafe" and settings.unsafe_fixes)]
    assert leftover == []


def test_every_rule_has_four_cases() -> None:
    from codemod.rules import all_rules

    by_code: dict[str, int] = {}
    for case in CASES:
        by_code[case.directory.parent.name] = by_code.get(case.directory.parent.name, 0) + 1
    missing = {rule.code: by_code.get(rule.code, 0) for rule in all_rules() if by_code.get(rule.code, 0) < 4}
    assert missing == {}
