"""CM105 thinking-type-none: thinking {"type": "none"} is not a thinking type.

## What it does
Finds `thinking={"type": "none"}` (a shape some migration articles show). Where the model accepts
`{"type": "disabled"}` at the request's effort, the type becomes `"disabled"`. Where it does not, the
documented substitute is used, as CM107 does for `"disabled"`: `{"type": "between_tools"}` on Sonnet 5.5,
a lower effort where disabled is accepted only up to one, or thinking removed with the lowest effort.

## Why
The thinking types are `enabled`, `disabled`, `adaptive` and `between_tools`; `"none"` is a 400 error.

## Fix safety
Safe where `disabled` is accepted: the code meant to turn thinking off, and that is what it then does.
Unsafe where a substitute is needed: the model then thinks where the code said it should not, or runs at
a lower effort than written.

## Source
- https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/types/thinking_config_param.py
- https://platform.claude.com/docs/en/build-with-claude/thinking-troubleshooting
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.context import RuleContext
from codemod.facts import RequestFacts
from codemod.findings import SAFE, UNSAFE, Finding, Rule

RULE = Rule(
    "CM105",
    "thinking-type-none",
    'thinking {"type": "none"} (not a valid type) -> {"type": "disabled"} where the model allows it; '
    "elsewhere the CM107 substitute.",
    fixes=(SAFE, UNSAFE),
    tokens=(b"thinking",),
    fix_note="safe where disabled is accepted, else unsafe",
)


def check(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    for change in facts.thinking.of(RULE.code):
        yield Finding(RULE, change.node, change.message, change.fix)
