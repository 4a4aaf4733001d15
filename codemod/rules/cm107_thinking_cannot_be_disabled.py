"""CM107 thinking-cannot-be-disabled: thinking {"type": "disabled"} on a model that rejects it.

## What it does
Finds `thinking={"type": "disabled"}` where the model cannot turn thinking off, or not at the effort the
request uses, and writes the documented substitute:
- on Sonnet 5.5, `{"type": "between_tools"}` (thinking only between tool calls), with the effort lowered to
  `high` if it was above;
- on models that accept `disabled` up to an effort (Opus 5, Haiku 5.5), `disabled` is kept and the effort
  lowered to that level;
- elsewhere (Opus 5.5, Fable and Mythos 5.x) `thinking` is removed and `output_config.effort` set to the
  lowest level; an effort already written is kept.
Which model accepts what is catalogue data (`thinking_disabled`, `disabled_max_effort`,
`thinking_between_tools`, `between_tools_max_effort`).

## Why
"thinking.type.disabled is not supported" on the models that always think; Opus 5 and Haiku 5.5 accept it
only at effort high or below; Sonnet 5.5 points to `between_tools`. "Where you disabled thinking to save
tokens, use a lower [effort]."

## Fix safety
Unsafe: the model then thinks where the code said it should not, or works at a lower effort than written.

## Source
- https://platform.claude.com/docs/en/build-with-claude/thinking-troubleshooting
- https://platform.claude.com/docs/en/models/opus-5-5/migration-guide
- https://platform.claude.com/docs/en/models/sonnet-5-5/whats-new-sonnet-5-5
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.context import RuleContext
from codemod.facts import RequestFacts
from codemod.findings import UNSAFE, Finding, Rule

RULE = Rule(
    "CM107",
    "thinking-cannot-be-disabled",
    'thinking {"type": "disabled"} where the model rejects it (cannot turn thinking off, or not at that effort): '
    'the documented substitute ({"type": "between_tools"}, a lower effort, or thinking removed with effort "low").',
    fixes=(UNSAFE,),
    tokens=(b"thinking",),
)


def check(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    for change in facts.thinking.of(RULE.code):
        yield Finding(RULE, change.node, change.message, change.fix)
