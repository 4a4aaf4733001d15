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
from codemod.edits import Replace
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


def plan_model(request: Request, ctx: RuleContext) -> ModelPlan | None:
    """What CM301-CM303 would do with the request's model literal, if anything."""
    item = request.item("model")
    text = literal_str(item.value.expr) if item else None
    ref = parse_model_id(text, ctx.catalog) if text is not None else None
    if item is None or ref is None:
        return None
    model, target = ref.model, ctx.target
    if model.is_retired:
        rule = RETIRED
        new = target if model.family == target.family else ctx.catalog.get(model.successor)
    elif model.family == target.family and model.generation < target.generation:
        rule, new = SUPERSEDED, target
    elif model.status == "deprecated" and model.retires and model.successor:
        rule, new = DEPRECATED, ctx.catalog.get(model.successor)
    else:
        return None
    if new is None:
        return None
    rendered = render_in_form(ref, new)
    fix = None
    expr = item.value.expr
    if rendered.text is not None and isinstance(expr, cst.SimpleString) and item.value.editable:
        fix = Fix(rule.fix, (Replace(expr, quote_like(expr, rendered.text)),))
    return ModelPlan(item, ref, rule, new, rendered.text, rendered.note, fix)


def effective_model(request: Request, ctx: RuleContext) -> Model:
    """The model the request sends once the model fixes that ``apply`` would make are made.

    An unresolved or unknown model is taken to be the target.
    """
    item = request.item("model")
    text = literal_str(item.value.expr) if item else None
    ref = parse_model_id(text, ctx.catalog) if text is not None else None
    if ref is None:
        return ctx.target
    plan = plan_model(request, ctx)
    if plan and plan.fix and ctx.will_fix(plan.rule.code, plan.fix.applicability, plan.item.value.expr):
        return plan.new
    return ref.model


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
        binding = plan.item.value.binding
        if binding is not None:
            return f"{why}; {action} (constant {binding.name} is also used outside model= arguments: change it by hand)"
        return f"{why}; {action}"
    if plan.rule is DEPRECATED:
        return f"{why}; {action} (unsafe: the newer model accepts different requests and answers differently; test before shipping)"
    return f"{why}; {action}"


def check(request: Request, ctx: RuleContext) -> Iterator[Finding]:
    plan = plan_model(request, ctx)
    if plan is not None:
        yield Finding(plan.rule, plan.item.value.expr, _message(plan), plan.fix)


FAMILY = RuleFamily((SUPERSEDED, RETIRED, DEPRECATED), check)
