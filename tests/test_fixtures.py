"""Every fixture case through the real engine: exact output, exact findings, idempotence."""

from __future__ import annotations

import pytest

from codemod.engine import migrate_source
from tests.fixture_cases import Case, all_cases, tree_cases

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


# A day far enough ahead that every date the catalogue records has passed.
FAR_FUTURE = "2099-12-31"
UNPINNED = [case for case in CASES if "as-of" not in case.options]


@pytest.mark.parametrize("case", UNPINNED, ids=[c.id for c in UNPINNED])
def test_a_case_without_as_of_means_the_same_on_any_later_day(case: Case) -> None:
    """A case that does not pin ``as-of`` must not depend on the day: statuses only move forward (deprecated,
    then retired; fast mode removed), so a result that holds today and in 2099 holds on every day between.
    A case whose meaning depends on the date pins ``as-of = "YYYY-MM-DD"`` in its case.toml."""
    result = migrate_source(case.input, case.settings(FAR_FUTURE), project=case.project())
    produced = result.new_source if result.new_source is not None else case.input
    findings = [f"{d.line}:{d.column} {d.code}" for d in result.diagnostics]
    assert (produced, findings) == (case.output, case.findings), f"{case.id} depends on the day: pin as-of in case.toml"


def test_every_rule_has_four_cases() -> None:
    from codemod.rules import all_rules

    by_code: dict[str, int] = {}
    for case in [*CASES, *tree_cases()]:
        by_code[case.directory.parent.name] = by_code.get(case.directory.parent.name, 0) + 1
    missing = {rule.code: by_code.get(rule.code, 0) for rule in all_rules() if by_code.get(rule.code, 0) < 4}
    assert missing == {}
