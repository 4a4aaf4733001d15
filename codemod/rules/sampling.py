"""CM201: ``temperature``, ``top_p`` and ``top_k`` are rejected everywhere.

The SDK removed them in 1.0.0 (passing one raises ``TypeError`` before any request is sent; MIG-v1)
and API version 2026-10-21, the default from SDK 2.0, returns a 400 for them on every model, even at
their default values and even when smuggled in through ``extra_body`` (api-facts.md §5.1, §5.2,
D-API2610). Removing them is therefore safe: the call could not have succeeded with them. They are
removed wherever the request is built: a keyword argument, a dict spread into the call, a
``kwargs["temperature"] = t`` statement (an ``if`` left empty goes too), ``kwargs.update(...)``,
``extra_body``. A value that may have side effects (a function call) is reported instead, so that
dropping it cannot drop the effect; so is a dict that other code also uses.
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.analysis.literals import is_side_effect_free
from codemod.analysis.model import Item, Request
from codemod.edits import code_of
from codemod.findings import SAFE, Finding, Fix, Rule
from codemod.rules import RuleFamily
from codemod.rules._edits import removals
from codemod.rules.context import RuleContext

SAMPLING_PARAMETER = Rule(
    "CM201",
    "sampling-parameter",
    "temperature / top_p / top_k sent by an Anthropic call (however the request is built): removed.",
    SAFE,
)
SAMPLING_KEYS = ("temperature", "top_p", "top_k")
REASON = "the SDK (>= 1.0) raises TypeError for it and the API (2026-10-21) rejects it on every model"
FRAMEWORK_REASON = "the API (2026-10-21) rejects it on every model, and the framework sends it as given"


def _shown(item: Item) -> str:
    if item.mutation is not None:
        return code_of(item.mutation.statement)
    owner = item.container.owner if item.container is not None else None
    where = f" in {owner.key}" if owner is not None and owner.key in ("extra_body", "model_kwargs") else ""
    return f"{item.key}={code_of(item.value.site)}{where}"


PASSED_THROUGH_REASON = "the API (2026-10-21) rejects it on every model, even when passed through extra_body"


def _reason(request: Request, item: Item) -> str:
    if request.operation == "framework":
        return FRAMEWORK_REASON
    owner = item.container.owner if item.container is not None else None
    if owner is not None and owner.key == "extra_body":
        return PASSED_THROUGH_REASON
    return REASON


def check(request: Request, ctx: RuleContext) -> Iterator[Finding]:
    items = [item for key in SAMPLING_KEYS for item in request.items(key)]
    removable = [item for item in items if is_side_effect_free(item.value.site) and item.editable]
    edits = removals(removable)
    for item in items:
        shown = _shown(item)
        reason = _reason(request, item)
        edit = edits.get(id(item))
        if not is_side_effect_free(item.value.site):
            message = f"{shown} must go: {reason}; remove it by hand (the value may have side effects)"
            yield Finding(SAMPLING_PARAMETER, item.node, message)
        elif edit is None:
            message = f"{shown} must go: {reason}; the dict it is in is also used by other code, remove it by hand"
            yield Finding(SAMPLING_PARAMETER, item.node, message)
        else:
            yield Finding(SAMPLING_PARAMETER, item.node, f"{shown} removed: {reason}", Fix(SAFE, (edit,)))


FAMILY = RuleFamily((SAMPLING_PARAMETER,), check)
