"""Every fixture output checked against the real anthropic SDK (signatures, TypedDict keys, literals).

A migration never introduces an SDK violation, and when every finding of a case is fixed, the
migrated requests have none at all. Model IDs that a fix wrote are IDs the SDK knows.
"""

from __future__ import annotations

import pytest

from codemod.engine import migrate_source
from tests.fixture_cases import Case, all_cases
from tests.sdk_contract import SDK_MODEL_IDS, model_ids, source_violations

CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_migration_introduces_no_sdk_violation(case: Case) -> None:
    before = source_violations(case.input)
    after = source_violations(case.output)
    assert after - before == {}, "the migration introduced problems the SDK rejects"
    result = migrate_source(case.input, case.settings(), project=case.project())
    suppressed = b"claude-migrate: ignore" in case.input  # a silenced finding leaves its violation
    if all(d.applied for d in result.diagnostics) and not suppressed:
        assert after == {}, "every finding was fixed, yet the result still violates the SDK"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_written_model_ids_are_known_to_the_sdk(case: Case) -> None:
    written = model_ids(case.output) - model_ids(case.input)
    assert written <= SDK_MODEL_IDS


def test_the_checker_catches_what_the_sdk_rejects() -> None:
    source = b'''
import anthropic
client = anthropic.Anthropic()
client.messages.create(model="claude-opus-4-8", max_tokens=1, messages=[], temperature=0.5,
    thinking={"type": "adaptive", "effort": "high"}, output_config={"effort": "extreme"})
'''
    problems = source_violations(source)
    assert any("temperature" in p for p in problems)
    assert "thinking: unknown key 'effort'" in problems
    assert any(p.startswith("output_config.effort") for p in problems)
