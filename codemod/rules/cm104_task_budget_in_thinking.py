"""CM104 task-budget-in-thinking: thinking.task_budget moves to output_config.task_budget.

## What it does
Finds `task_budget` written inside `thinking` and, on `client.beta.messages.*` calls, moves it to
`output_config={"task_budget": {"type": "tokens", "total": N}}` and adds the `task-budgets-2026-03-13`
beta header to `betas=[...]`. Elsewhere (non-beta calls, batches) it is reported with the documented form.
A total below the documented minimum of 20,000 tokens is reported, not moved.

## Why
Task budgets are a key of `output_config` on the beta Messages API, with their own beta header; they are
not a thinking key, and a bare integer is not their shape.

## Fix safety
Safe on beta calls: the request fails as written and the same total is sent in the documented place. Only
reported where the task budget needs a beta call, a total the API would refuse, or an `output_config`
that cannot be edited statically.

## Source
- https://platform.claude.com/docs/zh-CN/build-with-claude/task-budgets
- https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/types/beta/beta_output_config_param.py
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.context import RuleContext
from codemod.facts import RequestFacts
from codemod.findings import SAFE, Finding, Rule

RULE = Rule(
    "CM104",
    "task-budget-in-thinking",
    "thinking.task_budget moved to output_config.task_budget with its beta header (beta calls).",
    fixes=(SAFE,),
    tokens=(b"task_budget",),
    fix_note="safe on beta calls, else report",
)


def check(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    for change in facts.thinking.of(RULE.code):
        yield Finding(RULE, change.node, change.message, change.fix)
