"""CM102 budget-tokens-dynamic: a thinking budget held in a variable, on a model that rejects budgets.

## What it does
Reports thinking configurations of type `"enabled"` whose `budget_tokens` is not a literal (a parameter,
a setting, an expression) on a model that rejects or deprecates them. The unsafe fix changes the type to
`"adaptive"` and removes the budget, without adding an effort level: the level cannot be chosen without
knowing the budget, so the message shows the effort map to choose it by.

## Why
Opus 4.7 and later answer `{"type": "enabled", "budget_tokens": N}` with a 400 error; the replacement is
`{"type": "adaptive"}` plus `output_config.effort`.

## Fix safety
Unsafe: the request then runs at the model's default effort whatever the budget was, which may think more
or less than before. Set `output_config.effort` by the budget your code computes.

## Source
- https://platform.claude.com/docs/en/build-with-claude/thinking-troubleshooting
- https://platform.claude.com/docs/en/build-with-claude/effort
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.context import RuleContext
from codemod.facts import RequestFacts
from codemod.findings import UNSAFE, Finding, Rule

RULE = Rule(
    "CM102",
    "budget-tokens-dynamic",
    "Same as CM101 with a budget that is not a literal: reported; the fix drops the budget, no effort.",
    fixes=(UNSAFE,),
    tokens=(b"budget_tokens", b"thinking"),  # thinking=THINKING imported from another module
)


def check(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    for change in facts.thinking.of(RULE.code):
        yield Finding(RULE, change.node, change.message, change.fix)
