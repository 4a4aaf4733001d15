"""CM301 model-superseded: an older model of the target's family moves to the target.

## What it does
Finds model IDs of the target's family and an older generation (`claude-opus-4-6` when the target is
`claude-opus-4-8`) in `model=` values of Anthropic requests and framework calls, and rewrites them to the
target in the same platform form: a Claude API ID, a Bedrock ID or inference profile
(`us.anthropic.claude-...`), a Vertex ID (`claude-...@date`), or a framework prefix (`anthropic/`,
`bedrock/`, `anthropic:`). A literal reached through a name is rewritten where it is defined when every
use of the name is a model value; otherwise the finding says so. A module-level constant of another module
of the project (`from app.config import MODEL`) is rewritten in that module when it is part of the run and
every use of the constant in the project is the `model=` value of a `messages` call; the finding is then
reported there, with the calls that send it. Otherwise each call reports it, naming the file and line.

## Why
Each family's newer generation is its documented successor line; moving within the family is the
migration the target was chosen for.

## Fix safety
Safe: the target is the model the run was asked to move to, in the same family and platform form. Where
the target has no documented ID in the platform form used (some Bedrock profiles), it is reported.

## Source
- https://platform.claude.com/docs/en/models/overview
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.context import RuleContext
from codemod.facts import FileFacts, RequestFacts
from codemod.findings import SAFE, Finding, Rule
from codemod.rules._model_moves import describe, exported_moves, fix_of, request_moves

RULE = Rule(
    "CM301",
    "model-superseded",
    "An older model of the target's family: moved to the target, keeping the platform form.",
    fixes=(SAFE,),
)


def check(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    for move in request_moves(facts, "superseded"):
        why = f"{move.ref.text} is superseded by {move.new.id}"
        yield Finding(RULE, move.item.value.expr, describe(move, why), fix_of(move))


def check_file(facts: FileFacts, ctx: RuleContext) -> Iterator[Finding]:
    for move, sent_by in exported_moves(facts, "superseded"):
        why = f"{move.ref.text} is superseded by {move.new.id} ({sent_by})"
        yield Finding(RULE, move.item.value.expr, describe(move, why), fix_of(move))
