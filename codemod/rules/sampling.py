"""CM201: ``temperature``, ``top_p`` and ``top_k`` are rejected everywhere.

The SDK removed them in 1.0.0 (passing one raises ``TypeError`` before any request is sent; MIG-v1)
and API version 2026-10-21, the default from SDK 2.0, returns a 400 for them on every model, even at
their default values (api-facts.md §5.1, §5.2, D-API2610). Removing them is therefore safe: the call
could not have succeeded with them. A value that may have side effects (a function call) is reported
instead, so that dropping it cannot drop the effect.
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.analysis.literals import is_side_effect_free
from codemod.analysis.model import Request
from codemod.edits import RemoveItem, code_of
from codemod.findings import SAFE, Finding, Fix, Rule
from codemod.rules import RuleFamily
from codemod.rules.context import RuleContext

SAMPLING_PARAMETER = Rule(
    "CM201",
    "sampling-parameter",
    "temperature / top_p / top_k passed to an Anthropic call: removed (TypeError in SDK >= 1.0, 400 from the API).",
    SAFE,
)
SAMPLING_KEYS = ("temperature", "top_p", "top_k")


def check(request: Request, ctx: RuleContext) -> Iterator[Finding]:
    for key in SAMPLING_KEYS:
        item = request.item(key)
        if item is None:
            continue
        shown = f"{key}={code_of(item.value.site)}"
        reason = "the SDK (>= 1.0) raises TypeError for it and the API (2026-10-21) rejects it on every model"
        if not is_side_effect_free(item.value.site):
            message = f"{shown} must go: {reason}; remove it by hand (the value may have side effects)"
            yield Finding(SAMPLING_PARAMETER, item.node, message)
        elif not request.params.editable:
            message = f"{shown} must go: {reason}; the request dict is shared with other code, remove it by hand"
            yield Finding(SAMPLING_PARAMETER, item.node, message)
        else:
            message = f"{shown} removed: {reason}"
            yield Finding(SAMPLING_PARAMETER, item.node, message, Fix(SAFE, (RemoveItem(request.params.node, item.node),)))


FAMILY = RuleFamily((SAMPLING_PARAMETER,), check)
