"""CM302 model-retired: a retired model moves to its replacement: the target's family to the target, others along their successors.

## What it does
Finds model IDs of models that are retired on the day of the run (today, or the day `--as-of` names: a
model retires on the date the catalogue records, without a release of this tool) in `model=` values and
rewrites them, in the same platform form, to their replacement:

- a model of the target's family goes to the target;
- another model goes to its family's replacement: the model set in `[tool.claude-migrate.replacements]`
  (`sonnet = "claude-sonnet-5-5"`), else the end of its successor chain, the documented replacement of
  each model followed until a model that is neither deprecated nor retired (`claude-3-5-sonnet-20241022`
  -> `claude-sonnet-4-6` -> `claude-sonnet-5-5`). `claude-migrate models --all` shows every chain.

A retired model that a run-time choice falls back to (`os.environ.get("MODEL", "claude-3-opus-20240229")`,
`value or "claude-..."`) is reported with its replacement, not rewritten.

## Why
A retired model answers every request with an error; the deprecations page names each replacement, and
the newer model pages name the newest generation as the upgrade (Sonnet 4.5 -> Sonnet 5.5, Opus <= 5 ->
Opus 5.5). Following the chain to its end lands every retired model of a family on the same model in
service, whenever its deprecation notice was written.

## Fix safety
Safe: the request cannot succeed as written, and the replacement is documented (or chosen by the user).
The new model may reject parts of the request that the old one accepted (an assistant prefill, a forced
`tool_choice`): those findings (CM501, CM502) say that the move caused them. Fallbacks in run-time choices
are only reported: the expression around them is the user's.

## Source
- https://platform.claude.com/docs/en/about-claude/model-deprecations
- https://platform.claude.com/docs/en/models/overview
- https://github.com/anthropics/anthropic-sdk-python/blob/main/CHANGELOG.md (2.15.0: "remove retired Claude Sonnet 4.5 models")
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.analysis.literals import literal_str
from codemod.catalog.model_ids import parse_model_id, render_in_form
from codemod.context import RuleContext
from codemod.edits import code_of
from codemod.facts import FileFacts, RequestFacts
from codemod.facts.models import fallback_literals, successor_of
from codemod.findings import SAFE, Finding, Rule
from codemod.rules._model_moves import describe, exported_moves, fix_of, request_moves

RULE = Rule(
    "CM302",
    "model-retired",
    "A retired model (on the day of the run): moved to the target (same family) or its family's replacement.",
    fixes=(SAFE,),
)


def _retired(model_retires: str) -> str:
    return f"retired on {model_retires}" if model_retires else "retired"


def _retired_fallbacks(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    """Reports for a retired model a run-time choice falls back to (never rewritten).

    ``os.environ.get("MODEL", "claude-3-opus-20240229")`` sends the retired model whenever the variable
    is unset, and every such request fails; the fallback is not a ``model=`` literal, so it is reported
    with its replacement rather than rewritten.
    """
    for item in facts.request.items("model"):
        if literal_str(item.value.expr) is not None:
            continue
        for node, text in fallback_literals(item.value.expr):
            ref = parse_model_id(text, ctx.catalog)
            found = successor_of(ref.model, ctx) if ref is not None and ref.model.is_retired else None
            if ref is None or found is None:
                continue
            rendered = render_in_form(ref, found[1])
            use = f'use "{rendered.text}"' if rendered.text is not None else f"no automatic rewrite: {rendered.note}"
            yield Finding(
                RULE,
                node,
                f"{text} {_retired(ref.model.retires)}; the model is chosen at run time "
                f"({code_of(item.value.expr)}) and falls back to it: {use} as the fallback (not rewritten: change it by hand)",
                None,
            )


def check(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    for move in request_moves(facts, "retired"):
        why = f"{move.ref.text} {_retired(move.ref.model.retires)}"
        yield Finding(RULE, move.item.value.expr, describe(move, why), fix_of(move))
    yield from _retired_fallbacks(facts, ctx)


def check_file(facts: FileFacts, ctx: RuleContext) -> Iterator[Finding]:
    for move, sent_by in exported_moves(facts, "retired"):
        why = f"{move.ref.text} {_retired(move.ref.model.retires)} ({sent_by})"
        yield Finding(RULE, move.item.value.expr, describe(move, why), fix_of(move))
