"""Thinking configs imported from another module of the project: reported at the call that sends them.

``thinking=THINKING`` with ``THINKING = {"type": "enabled", "budget_tokens": 8000}`` in ``app/config.py``:
the value is known (``analysis`` reads the literal there), but the literal is written in another file, so
the finding at the call says what to write there and what to add here. The other module is not edited
from here: whether every use of the constant is a request only the whole project can tell.
"""

from __future__ import annotations

import libcst as cst

from codemod.analysis.literals import quote_like
from codemod.analysis.request import Item, Request
from codemod.catalog import Model, clamp_effort
from codemod.context import RuleContext
from codemod.edits import code_of
from codemod.facts.exported_thinking import adaptive_everywhere
from codemod.facts.thinking_off import Change
from codemod.findings import SAFE, Fix
from codemod.request_edits import OutputConfigWriter


def imported_budget(request: Request, thinking: Item, model: Model, ctx: RuleContext) -> Change | None:
    """The CM101/CM102 finding for an imported ``{"type": "enabled", "budget_tokens": N}`` the model rejects:
    the effort added here when the defining module rewrites the dict (``exported_thinking.py``), else a report."""
    constant = thinking.value.imported
    if constant is None or not isinstance(constant.value, dict):
        return None
    config = constant.value
    caps = model.capabilities
    uses = thinking.value.imported_uses
    budget = config.get("budget_tokens")
    if uses and isinstance(budget, int) and config.get("type") == "enabled" and adaptive_everywhere(uses, ctx) is not None:
        return _effort_here(request, thinking, budget, model, ctx)
    if config.get("type") != "enabled" or caps.thinking_enabled not in ("rejected", "deprecated") or not caps.thinking_adaptive:
        return None
    status = "deprecated on" if caps.thinking_enabled == "deprecated" else "rejected by"
    site: cst.BaseExpression = thinking.value.site
    where = f"{constant.where}, another module: claude-migrate does not edit it from here"
    if not isinstance(budget, int) or isinstance(budget, bool):
        message = (
            f'thinking type "enabled" ({where}) is {status} {model.id}: write {{"type": "adaptive"}} there and '
            f"send output_config.effort with this request (effort map: {ctx.effort_map.describe()})"
        )
        return Change("CM102", site, message, None)
    mapped = ctx.effort_map.level_for(budget)
    effort = clamp_effort(mapped, caps.effort_levels)
    level = f'output_config={{"effort": "{effort}"}} with this request' if effort else f"no effort ({model.id} has no levels)"
    message = (
        f'thinking type "enabled" with budget_tokens={budget} ({where}) is {status} {model.id}: write '
        f'{{"type": "adaptive"}} there and send {level} (budget {ctx.effort_map.range_for(mapped)} -> {mapped} by '
        "the effort map; no official mapping exists)"
    )
    return Change("CM101", site, message, None)


def _effort_here(request: Request, thinking: Item, budget: int, model: Model, ctx: RuleContext) -> Change:
    constant = thinking.value.imported
    assert constant is not None
    mapped = ctx.effort_map.level_for(budget)
    effort = clamp_effort(mapped, model.capabilities.effort_levels)
    out = OutputConfigWriter(request, thinking)
    head = (
        f'thinking={code_of(thinking.value.site)} ({constant.where}) becomes {{"type": "adaptive"}} there, where it is '
        f"rewritten (budget_tokens={budget})"
    )
    if effort is None or out.existing("effort") is not None:
        return Change("CM101", thinking.value.site, f"{head}; no effort to add here", None)
    blocker = out.blocker(("effort",))
    if blocker is not None:
        return Change("CM101", thinking.value.site, f'{head}; add output_config={{"effort": "{effort}"}} here by hand: {blocker}', None)
    message = (
        f'{head}; {out.effort_label} "{effort}" added here (budget {ctx.effort_map.range_for(mapped)} -> {mapped} '
        "by the effort map; no official mapping exists)"
    )
    return Change("CM101", thinking.value.site, message, Fix(SAFE, tuple(out.edits([("effort", quote_like(None, effort))]))))
