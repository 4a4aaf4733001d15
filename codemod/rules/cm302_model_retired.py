"""CM302 model-retired: a retired model moves to the target or to its documented replacement.

## What it does
Finds model IDs of retired models in `model=` values and rewrites them: to the target when the model is of
the target's family, else to its documented replacement (followed until a model that is not retired), in
the same platform form. A retired model that a run-time choice falls back to
(`os.environ.get("MODEL", "claude-3-opus-20240229")`, `value or "claude-..."`) is reported with its
replacement, not rewritten.

## Why
A retired model answers every request with an error; the deprecations page names each replacement.

## Fix safety
Safe: the request cannot succeed as written, and the replacement is the documented one. Fallbacks in
run-time choices are only reported: the expression around them is the user's.

## Source
- https://platform.claude.com/docs/en/about-claude/model-deprecations
- https://platform.claude.com/docs/en/models/overview
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.analysis.literals import literal_str
from codemod.catalog.model_ids import parse_model_id, render_in_form
from codemod.context import RuleContext
from codemod.edits import code_of
from codemod.facts import RequestFacts
from codemod.facts.models import fallback_literals, successor_of
from codemod.findings import SAFE, Finding, Rule
from codemod.rules._model_moves import describe, fix_of

RULE = Rule(
    "CM302",
    "model-retired",
    "A retired model: moved to the target (same family) or its documented replacement.",
    fixes=(SAFE,),
)


def _since(retires: str | None) -> str:
    return f" (since {retires})" if retires else ""


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
                f"{text} is retired{_since(ref.model.retires)}; the model is chosen at run time "
                f"({code_of(item.value.expr)}) and falls back to it: {use} as the fallback (not rewritten: change it by hand)",
                None,
            )


def check(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    for move in facts.moves.values():
        if move.kind == "retired":
            why = f"{move.ref.text} is retired{_since(move.ref.model.retires)}"
            yield Finding(RULE, move.item.value.expr, describe(move, why), fix_of(move))
    yield from _retired_fallbacks(facts, ctx)
