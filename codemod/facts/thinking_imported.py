"""Thinking configs imported from another module of the project: reported at the call that sends them.

``thinking=THINKING`` with ``THINKING = {"type": "enabled", "budget_tokens": 8000}`` in ``app/config.py``:
the value is known (``analysis`` reads the literal there), but the literal is written in another file, so
the finding at the call says what to write there and what to add here. The other module is not edited
from here: whether every use of the constant is a request only the whole project can tell.
"""

from __future__ import annotations

import libcst as cst

from codemod.analysis.request import Item
from codemod.catalog import Model, clamp_effort
from codemod.context import RuleContext
from codemod.facts.thinking_off import Change


def imported_budget(thinking: Item, model: Model, ctx: RuleContext) -> Change | None:
    """The CM101/CM102 report for an imported ``{"type": "enabled", "budget_tokens": N}`` the model rejects."""
    constant = thinking.value.imported
    if constant is None or not isinstance(constant.value, dict):
        return None
    config = constant.value
    caps = model.capabilities
    if config.get("type") != "enabled" or caps.thinking_enabled not in ("rejected", "deprecated") or not caps.thinking_adaptive:
        return None
    status = "deprecated on" if caps.thinking_enabled == "deprecated" else "rejected by"
    budget = config.get("budget_tokens")
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
