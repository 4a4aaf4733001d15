"""CM106 effort-level-unsupported: an effort level the model does not accept.

## What it does
Finds literal `output_config.effort` values (and effort written inside `thinking`) that the request's model
does not accept, and changes them to the nearest level it does accept (the catalogue lists each model's
levels; `xhigh` on Opus 4.5 becomes `high`). On a model with no effort parameter the effort is removed. A value that is not an effort level at all is reported.

## Why
Effort levels differ by model: Opus 4.5 takes low/medium/high, the 4.6 models add max, Opus 4.7 and the
5.x models take all five (low, medium, high, xhigh, max); Sonnet 4.5 and Haiku 4.5 have no effort. Another
value is a 400 error.

## Fix safety
Unsafe: the model then works at a different effort than the code asked for.

## Source
- https://platform.claude.com/docs/en/build-with-claude/effort
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.context import RuleContext
from codemod.facts import RequestFacts
from codemod.findings import UNSAFE, Finding, Rule

RULE = Rule(
    "CM106",
    "effort-level-unsupported",
    "An effort level the model does not accept: lowered to the nearest level it does.",
    fixes=(UNSAFE,),
    tokens=(b"effort",),
)


def check(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    for change in facts.thinking.of(RULE.code):
        yield Finding(RULE, change.node, change.message, change.fix)
