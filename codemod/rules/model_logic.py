"""CM304: an old model ID tested in code (``if MODEL == "claude-opus-4-6": ...``).

Code that branches on a model ID (to enable thinking, pick a price, pick a prompt) changes behaviour
when the model it tests is migrated and the test is not. The tool never rewrites such tests (a model
ID outside a request may be a dict key, a log or a capability check) and never rewrites a constant
that such a test reads (the CM301-CM303 finding on it has no fix); this rule reports the test so that
the constant and the comparison are moved together, by hand. Only files that send Anthropic
requests are checked, and only IDs that CM301-CM303 would move.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.analysis.requests import FileAnalysis
from codemod.catalog.model_ids import parse_model_id
from codemod.edits import code_of
from codemod.findings import Finding, Rule
from codemod.rules import RuleFamily
from codemod.rules.context import RuleContext
from codemod.rules.model_ids import successor_of

MODEL_ID_IN_LOGIC = Rule(
    "CM304",
    "model-id-in-logic",
    "An old model ID compared or tested in code that sends requests: reported; what it gates is not rewritten.",
    "report",
)


def check_file(analysis: FileAnalysis, ctx: RuleContext) -> Iterator[Finding]:
    for test in analysis.model_tests:
        ref = parse_model_id(test.text, ctx.catalog)
        moved = successor_of(ref.model, ctx) if ref is not None else None
        if moved is None:
            continue
        _, new = moved
        subject = code_of(test.subject)
        what = f"constant {subject}" if isinstance(test.subject, cst.Name) and subject.isupper() else subject
        message = (
            f"{code_of(test.node)} tests the old model ID {test.text} ({new.id} replaces it): if {what} moves "
            f"to {new.id}, this test silently takes the other branch; update the test and {what} together"
        )
        yield Finding(MODEL_ID_IN_LOGIC, test.node, message)


FAMILY = RuleFamily((MODEL_ID_IN_LOGIC,), check_file=check_file)
