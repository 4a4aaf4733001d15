"""CM301-CM303: model IDs that moved, retired or are about to retire.

- CM301 model-superseded: an ID of the target's family and an older generation is moved to the
  target, in the same platform form (Bedrock, Vertex). Safe: the target is the documented successor
  line of that family (api-facts.md §1.1, D-MODELS).
- CM302 model-retired: a retired model returns errors on every request; it is moved to the target
  when of the same family, else to its documented replacement (api-facts.md §1.2, D-DEPR). Safe.
- CM303 model-deprecated: a model of another family with an announced retirement date is reported
  with its successor (Sonnet 4.5 -> Sonnet 5.5, D-S45); moving families changes behaviour: unsafe.

Other rules reason about the model a request will send after these fixes (``effective_model``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from codemod.analysis.literals import literal_str, quote_like
from codemod.analysis.model import Item, Request
from codemod.catalog import Model
from codemod.catalog.model_ids import ModelRef, parse_model_id, render_in_form
from codemod.edits import Replace, code_of
from codemod.findings import SAFE, UNSAFE, Finding, Fix, Rule
from codemod.rules import RuleFamily
from codemod.rules.context import RuleContext

SUPERSEDED = Rule(
    "CM301",
    "model-superseded",
    "An older model of the target's family: moved to the target, keeping the platform form.",
    SAFE,
)
RETIRED = Rule(
    "CM302",
    "model-retired",
    "A retired model: moved to the target (same family) or its documented replacement.",
    SAFE,
)
DEPRECATED = Rule(
    "CM303",
    "model-deprecated",
    "A deprecated model of another family with an announced retirement: moved to its successor.",
    UNSAFE,
)


@dataclass(frozen=True)
class ModelPlan:
    item: Item
    ref: ModelRef
    rule: Rule
    new: Model
    new_text: str | None  # None: the successor has no documented ID in this platform form
    note: str
    fix: Fix | None


def _documented_replacement(model: Model, ctx: RuleContext) -> Model | None:
    """The replacement of a retired model, followed until it is a model the target would not move.

    ``claude-2.1`` -> Opus 4.8 (D-DEPR); with a newer Opus as the target, straight to the target, so
    that one pass reaches the fixed point.
    """
    new = ctx.catalog.get(model.successor)
    seen = {model.id}
    while new is not None and new.is_retired and new.id not in seen:
        seen.add(new.id)
        new = ctx.catalog.get(new.successor)
    if new is not None and new.family == ctx.target.family and new.generation < ctx.target.generation:
        return ctx.target
    return new


def successor_of(model: Model, ctx: RuleContext) -> tuple[Rule, Model] | None:
    """The rule that moves ``model`` and the model it moves to, or None if it stays."""
    target = ctx.target
    if model.is_retired:
        rule = RETIRED
        new = target if model.family == target.family else _documented_replacement(model, ctx)
    elif model.family == target.family and model.generation < target.generation:
        rule, new = SUPERSEDED, target
    elif model.status == "deprecated" and model.retires and model.successor:
        rule, new = DEPRECATED, ctx.catalog.get(model.successor)
    else:
        return None
    return (rule, new) if new is not None else None


def _ref(item: Item, ctx: RuleContext) -> ModelRef | None:
    """The catalogue model a model value's literal names, in its platform form."""
    text = literal_str(item.value.expr)
    return parse_model_id(text, ctx.catalog) if text is not None else None


def _plan(item: Item, ref: ModelRef, ctx: RuleContext) -> ModelPlan | None:
    found = successor_of(ref.model, ctx)
    if found is None:
        return None
    rule, new = found
    rendered = render_in_form(ref, new)
    fix = None
    expr = item.value.expr
    if rendered.text is not None and isinstance(expr, cst.SimpleString) and item.value.editable:
        fix = Fix(rule.fix, (Replace(expr, quote_like(expr, rendered.text)),))
    return ModelPlan(item, ref, rule, new, rendered.text, rendered.note, fix)


def plan_item(item: Item, ctx: RuleContext) -> ModelPlan | None:
    """What CM301-CM303 would do with one model value, if anything."""
    ref = _ref(item, ctx)
    return _plan(item, ref, ctx) if ref is not None else None


def plan_model(request: Request, ctx: RuleContext) -> list[ModelPlan]:
    return [plan for item in request.items("model") if (plan := plan_item(item, ctx)) is not None]


def _model_after(item: Item, ctx: RuleContext) -> Model | None:
    ref = _ref(item, ctx)
    if ref is None:
        return None
    plan = _plan(item, ref, ctx)
    if plan and plan.fix and ctx.will_fix(plan.rule.code, plan.fix.applicability, plan.item.value.expr):
        return plan.new
    return ref.model


def effective_model(request: Request, ctx: RuleContext) -> Model:
    """The model the request sends once the model fixes that ``apply`` would make are made.

    An unresolved or unknown model is taken to be the target; so is a request whose model differs
    between branches, unless every branch sends models that accept the same requests.
    """
    models = [_model_after(item, ctx) for item in request.items("model")]
    if not models or any(model is None for model in models):
        return ctx.target
    if len({model.capabilities for model in models if model is not None}) == 1:
        return models[0]  # type: ignore[return-value]
    return ctx.target


def _fallback_nodes(expr: cst.BaseExpression) -> list[tuple[cst.BaseExpression, str]]:
    """Model literals (node, text) an expression chosen at run time falls back to.

    ``os.environ.get("MODEL", "claude-haiku-4-5")``, ``os.getenv(..., default=...)``,
    ``settings.get("model", "...")`` and ``value or "claude-..."``.
    """
    if isinstance(expr, cst.Call):
        defaults = [a.value for a in expr.args if a.keyword is not None and a.keyword.value == "default"]
        positional = [a.value for a in expr.args if a.keyword is None and not a.star]
        candidates = defaults or positional[1:2]
        return [(c, text) for c in candidates if (text := literal_str(c)) is not None]
    if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or):
        text = literal_str(expr.right)
        return [(expr.right, text)] if text is not None else []
    return []


def _fallback_literals(expr: cst.BaseExpression) -> list[str]:
    return [text for _, text in _fallback_nodes(expr)]


def _retired_fallbacks(request: Request, ctx: RuleContext) -> Iterator[Finding]:
    """CM302 reports for a retired model a run-time choice falls back to (never rewritten).

    ``os.environ.get("MODEL", "claude-3-opus-20240229")`` sends the retired model whenever the variable
    is unset, and every such request fails; the fallback is not a ``model=`` literal, so it is reported
    with its replacement rather than rewritten.
    """
    for item in request.items("model"):
        if literal_str(item.value.expr) is not None:
            continue
        for node, text in _fallback_nodes(item.value.expr):
            ref = parse_model_id(text, ctx.catalog)
            found = successor_of(ref.model, ctx) if ref is not None and ref.model.is_retired else None
            if ref is None or found is None:
                continue
            rendered = render_in_form(ref, found[1])
            use = f'use "{rendered.text}"' if rendered.text is not None else f"no automatic rewrite: {rendered.note}"
            yield Finding(
                RETIRED,
                node,
                f"{text} is retired" + (f" (since {ref.model.retires})" if ref.model.retires else "")
                + f"; the model is chosen at run time ({code_of(item.value.expr)}) and falls back to it: {use} "
                "as the fallback (not rewritten: change it by hand)",
                None,
            )


def model_uncertainty(request: Request, ctx: RuleContext) -> str | None:
    """Why the model a fix reasons about is a guess, when it is.

    An unresolved model is taken to be the target; but when the code names a fallback model that
    accepts different requests (a deployment default of Haiku 4.5, say), fixing for the target could
    break the fallback, so thinking fixes are reported instead.
    """
    assumed = effective_model(request, ctx)
    for item in request.items("model"):
        if literal_str(item.value.expr) is not None:
            continue
        for text in _fallback_literals(item.value.expr):
            ref = parse_model_id(text, ctx.catalog)
            if ref is None:
                continue
            moved = successor_of(ref.model, ctx)
            fallback = moved[1] if moved is not None else ref.model
            if fallback.capabilities != assumed.capabilities:
                return (
                    f"the model is chosen at run time ({code_of(item.value.expr)}) and may be {fallback.id}, "
                    f"which accepts different thinking settings than {assumed.id}"
                )
    return None


def _message(plan: ModelPlan) -> str:
    model = plan.ref.model
    if plan.rule is RETIRED:
        why = f"{plan.ref.text} is retired" + (f" (since {model.retires})" if model.retires else "")
    elif plan.rule is SUPERSEDED:
        why = f"{plan.ref.text} is superseded by {plan.new.id}"
    else:
        why = f"{plan.ref.text} is deprecated and retires on {model.retires}; successor {plan.new.id}"
    if plan.new_text is None:
        return f"{why}; no automatic rewrite: {plan.note}"
    action = f'use "{plan.new_text}"'
    if plan.fix is None:
        value = plan.item.value
        shared = [b.name for b in (*value.bindings, *value.guards) if not b.editable]
        if shared:
            names = " and ".join(shared)
            verb = "is" if len(shared) == 1 else "are"
            return f"{why}; {action} ({names} {verb} also used outside model= arguments: change it by hand, see CM304 if it is compared)"
        return f"{why}; {action}"
    if plan.rule is DEPRECATED:
        return f"{why}; {action} (unsafe: the newer model accepts different requests and answers differently; test before shipping)"
    return f"{why}; {action}"


def check(request: Request, ctx: RuleContext) -> Iterator[Finding]:
    for plan in plan_model(request, ctx):
        yield Finding(plan.rule, plan.item.value.expr, _message(plan), plan.fix)
    yield from _retired_fallbacks(request, ctx)


FAMILY = RuleFamily((SUPERSEDED, RETIRED, DEPRECATED), check)
