"""CM101 budget-tokens: thinking {"type": "enabled", "budget_tokens": N} becomes {"type": "adaptive"} plus an effort level.

## What it does
Finds thinking configurations of type `"enabled"` with a literal `budget_tokens` sent to a model that
rejects them (Opus 4.7 and later, the 5.x models) or deprecates them (the 4.6 models), in any shape the
request is written: a `thinking=` keyword, a dict literal or `dict(...)` held in a name, `**kwargs` built
with `kw["thinking"] = ...`, a `ThinkingConfigEnabledParam(...)` (renamed to its adaptive twin), a batch
entry, a framework call. The type becomes `"adaptive"`, `budget_tokens` goes, and
`output_config={"effort": ...}` is added next to it (or merged into the `output_config` the request already
sends) with the level the effort map gives for the budget, clamped to the levels the model accepts. An
effort the code already writes is kept. A framework call gets the effort where the framework takes it
(`effort_key` in `codemod/catalog/frameworks.toml`: pydantic-ai's `anthropic_effort`, LlamaIndex's
`additional_kwargs`); one with no effort setting (crewAI, DSPy) is reported instead. TypeScript and
JavaScript requests get the same fix as object literals (`thinking: { type: "adaptive" }`, `output_config:
{ effort }`; the Vercel AI SDK's `effort` provider option).

## Why
On Opus 4.7 and later, `thinking={"type": "enabled", "budget_tokens": N}` is a 400 error; adaptive
thinking with an effort level is the replacement, and effort lives in `output_config`, not in `thinking`.

## Fix safety
Safe: the request cannot succeed as written on the model it goes to, and the message states the chosen
level and why. There is no official budget-to-effort mapping ("run your evaluations at two or three
levels"), so the level comes from the effort map (`[tool.claude-migrate.effort-map]`), which you can set.
No fix is made when the thinking dict is shared with requests to models that accept different settings,
when the model is chosen at run time with a fallback that thinks differently, or when `output_config`
cannot be edited statically: then the finding says why.

## Source
- https://platform.claude.com/docs/en/build-with-claude/thinking-troubleshooting
- https://platform.claude.com/docs/en/build-with-claude/effort
- https://platform.claude.com/docs/en/models/sonnet-5-5/migration-guide
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.context import RuleContext
from codemod.facts import FileFacts, RequestFacts
from codemod.findings import SAFE, Finding, Rule

RULE = Rule(
    "CM101",
    "budget-tokens",
    'thinking {"type": "enabled", "budget_tokens": N} -> {"type": "adaptive"} + output_config.effort.',
    fixes=(SAFE,),
    tokens=(b"budget_tokens", b"thinking"),  # thinking=THINKING imported from another module
    alone=(b"budget_tokens",),  # a settings module holding a thinking constant other modules send
)


def check(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    for change in facts.thinking.of(RULE.code):
        yield Finding(RULE, change.node, change.message, change.fix)


def check_file(facts: FileFacts, ctx: RuleContext) -> Iterator[Finding]:
    """A thinking constant of this module that other modules' requests send: rewritten here."""
    for exported in facts.exported_thinking:
        change = exported.change
        yield Finding(RULE, change.node, change.message, change.fix)
