"""CM103 effort-in-thinking: an effort level written inside thinking moves to output_config.effort.

## What it does
Finds `thinking={"type": "adaptive", "effort": "high"}` (a shape some migration articles show) and moves the
effort to `output_config={"effort": ...}`, merged into an existing `output_config` dict when there is one.
When `output_config` already sets an effort, the one inside `thinking` is removed. A level the model does
not accept is reported by CM106 and moved at the level CM106 chooses when that fix applies.

## Why
The thinking configuration takes `type` and `display` only; effort is a key of `output_config`. The API
rejects unknown keys in `thinking`.

## Fix safety
Safe: the request fails as written, and the level is kept as the code wrote it. Not fixed when the value
may have side effects, or when `output_config` cannot be edited statically.

## Source
- https://platform.claude.com/docs/en/build-with-claude/effort
- https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/types/thinking_config_adaptive_param.py
- https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/types/output_config_param.py
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.context import RuleContext
from codemod.facts import RequestFacts
from codemod.findings import SAFE, Finding, Rule

RULE = Rule(
    "CM103",
    "effort-in-thinking",
    "thinking.effort (a shape from migration articles) moved to output_config.effort.",
    fixes=(SAFE,),
    tokens=(b"effort",),
)


def check(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    for change in facts.thinking.of(RULE.code):
        yield Finding(RULE, change.node, change.message, change.fix)
