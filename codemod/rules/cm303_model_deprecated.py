"""CM303 model-deprecated: a deprecated model of another family, with an announced retirement, moves to its family's replacement.

## What it does
Finds model IDs whose model is deprecated on the day of the run (today, or the day `--as-of` names), with
an announced retirement date, and belongs to another family than the target (a Sonnet or Haiku model
when the target is an Opus), and rewrites them, in the same platform form, to their family's replacement:
the model set in `[tool.claude-migrate.replacements]`, else the end of the model's successor chain (Opus
4.5 -> Opus 5.5). Once the retirement date has passed, the model is retired and CM302 moves it, as a safe
fix. A deprecated model of the target's family is moved to the target by CM301.

## Why
A deprecated model keeps working until its retirement date, then every request fails. The deprecation
page names the replacement.

## Fix safety
Unsafe: moving to another generation changes what the requests accept and how the model answers; test
before shipping. With `--unsafe-fixes` the ID is rewritten; otherwise it is reported with its successor.

## Source
- https://platform.claude.com/docs/en/about-claude/model-deprecations
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.context import RuleContext
from codemod.facts import FileFacts, RequestFacts
from codemod.findings import UNSAFE, Finding, Rule
from codemod.rules._model_moves import describe, exported_moves, fix_of, request_moves

RULE = Rule(
    "CM303",
    "model-deprecated",
    "A deprecated model of another family with an announced retirement: moved to its family's replacement.",
    fixes=(UNSAFE,),
)

UNSAFE_NOTE = " (unsafe: the newer model accepts different requests and answers differently; test before shipping)"


def check(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    for move in request_moves(facts, "deprecated"):
        why = f"{move.ref.text} is deprecated and retires on {move.ref.model.retires}"
        yield Finding(RULE, move.item.value.expr, describe(move, why, UNSAFE_NOTE), fix_of(move))


def check_file(facts: FileFacts, ctx: RuleContext) -> Iterator[Finding]:
    for move, sent_by in exported_moves(facts, "deprecated"):
        why = f"{move.ref.text} is deprecated and retires on {move.ref.model.retires} ({sent_by})"
        yield Finding(RULE, move.item.value.expr, describe(move, why, UNSAFE_NOTE), fix_of(move))
