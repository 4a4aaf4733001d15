"""CM304 model-id-in-logic: an old model ID compared or tested in code that sends requests is reported.

## What it does
Reports comparisons and membership tests of a model ID in code (`if MODEL == "claude-opus-4-6": ...`,
`model in ("claude-3-opus-20240229", ...)`, `model.startswith(...)`) when the ID is one that CM301, CM302
or CM303 would move, naming the model that replaces it. Only files that send Anthropic requests are
checked.

## Why
Code that branches on a model ID (to enable thinking, pick a price, pick a prompt) silently takes the
other branch once the model it tests is migrated and the test is not. The tool never rewrites such tests
(a model ID outside a request may be a dict key, a log line or a capability check) and never rewrites a
constant that such a test reads (the CM301-CM303 finding on it then has no fix), so the constant and the
comparison must be moved together, by hand.

## Fix safety
Report only: what the test gates is the program's own logic.

## Source
- https://platform.claude.com/docs/en/models/overview
- https://platform.claude.com/docs/en/about-claude/model-deprecations
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.catalog.model_ids import parse_model_id
from codemod.context import RuleContext
from codemod.edits import code_of
from codemod.facts import FileFacts
from codemod.facts.models import successor_of
from codemod.findings import Finding, Rule

RULE = Rule(
    "CM304",
    "model-id-in-logic",
    "An old model ID compared or tested in code that sends requests: reported; what it gates is not rewritten.",
)


def check_file(facts: FileFacts, ctx: RuleContext) -> Iterator[Finding]:
    for test in facts.analysis.model_comparisons:
        ref = parse_model_id(test.text, ctx.catalog)
        moved = successor_of(ref.model, ctx) if ref is not None else None
        if moved is None:
            continue
        new = moved[1]
        subject = code_of(test.subject)
        what = f"constant {subject}" if isinstance(test.subject, cst.Name) and subject.isupper() else subject
        message = (
            f"{code_of(test.node)} tests the old model ID {test.text} ({new.id} replaces it): if {what} moves "
            f"to {new.id}, this test silently takes the other branch; update the test and {what} together"
        )
        yield Finding(RULE, test.node, message)
