"""CM505 fast-mode: ``speed=...`` on a model without fast mode, or without the beta header it needs.

Sources (api-facts.md §2.4, D-FAST; SDK ``types/message_create_params.py``): ``speed: "standard" | "fast"``
is a top-level parameter of ``messages.create/stream/parse/count_tokens`` and their beta forms. Fast mode
exists only on some models ("not on Sonnet, Haiku, or other models", code.claude.com fast-mode): Opus 5.5
has it; Opus 5 has it as a research preview that needs the ``fast-mode-2026-02-01`` beta header ("Some
models require the `fast-mode-2026-02-01` beta header for any `speed` value", SDK docstring). Fast mode
is also withdrawn: Opus 4.7's preview was removed on 2026-07-24 and Opus 4.8's on 2026-11-30, after
which "the API rejects your requests" (code.claude.com fast-mode). The catalogue says which:
``capabilities.fast_mode`` is ``""`` (none), ``"available"``, ``"beta"`` (needs the header) or
``"removed"`` (with the date in ``fast_mode_removed``).

- ``speed="fast"`` on a model without fast mode, or whose fast mode was removed: reported (drop ``speed``
  or move the call to a model that has fast mode; the models are listed from the catalogue). Not fixed:
  dropping it silently trades the latency the code asked for.
- ``speed`` (any value, as the SDK docstring says) on a ``"beta"`` model whose request does not send the
  header (neither in ``betas=[...]`` nor in ``extra_headers={"anthropic-beta": ...}``): on a
  ``client.beta.messages.*`` call the header is added to the ``betas`` list literal, or a new
  ``betas=[...]`` argument is added (safe: the header only enables what the request already asks for,
  and a model that does not need it ignores it, api-facts §7 conflict 8). ``betas`` exists only on beta
  calls (§5.3), so elsewhere it is reported with both ways to send the header.
- A header that may come from parts the tool cannot see (a ``betas`` variable, ``**kwargs``) is not
  reported: nothing can be proven. A client's ``default_headers`` are not seen either.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.analysis.literals import literal_str
from codemod.analysis.model import Item, Request
from codemod.findings import SAFE, Finding, Fix, Rule
from codemod.rules import RuleFamily
from codemod.rules._edits import add_beta_header, beta_list_blocker, sends_beta_header
from codemod.rules.context import RuleContext
from codemod.rules.model_ids import effective_model

FAST_MODE = Rule(
    "CM505",
    "fast-mode",
    'speed="fast" on a model without fast mode (or whose fast mode was removed): reported; speed on a model that needs the '
    "fast-mode-2026-02-01 beta header: the header added to betas on client.beta.messages calls, reported elsewhere.",
    "safe on beta calls, else report",
)

FAST_MODE_BETA = "fast-mode-2026-02-01"  # api-facts §2.4 / §2.6 (D-FAST)


def _fast_models(ctx: RuleContext) -> str:
    models = [m.id for m in ctx.catalog.models if not m.is_retired and m.capabilities.fast_mode in ("available", "beta")]
    return ", ".join(models) or "none"


def _finding(request: Request, item: Item, speed: str, ctx: RuleContext) -> Finding | None:
    model = effective_model(request, ctx)
    mode = model.capabilities.fast_mode
    if model.is_retired or mode == "available":
        return None
    if mode in ("", "removed"):
        if speed != "fast":
            return None
        if mode == "removed":
            why = f"is rejected on {model.id}: its fast mode was removed on {model.capabilities.fast_mode_removed}"
        else:
            why = f"is not available on {model.id}, which has no fast mode"
        message = f'speed="fast" {why}: remove speed, or send these calls to a model with fast mode ({_fast_models(ctx)})'
        return Finding(FAST_MODE, item.node, message)
    sent = sends_beta_header(request, FAST_MODE_BETA)
    if sent is not False:
        return None  # sent, or it may be sent by parts that cannot be seen
    needs = f'{model.id} needs the "{FAST_MODE_BETA}" beta header for speed="{speed}"'
    if request.operation == "batch":
        call = "client.beta.messages.batches.create" if request.beta else "client.messages.batches.create (as client.beta.messages.batches.create)"
        return Finding(FAST_MODE, item.node, f'{needs}: add betas=["{FAST_MODE_BETA}"] to {call}')
    blocker = beta_list_blocker(request)
    if blocker is None:
        style = item.value.expr if isinstance(item.value.expr, cst.SimpleString) else None
        edits = add_beta_header(request, FAST_MODE_BETA, style)
        return Finding(FAST_MODE, item.node, f'{needs}: added to betas', Fix(SAFE, tuple(edits)))
    if not request.beta:
        how = (
            f'call client.beta.{request.method.removeprefix("beta.")}(..., betas=["{FAST_MODE_BETA}"]), '
            f'or pass extra_headers={{"anthropic-beta": "{FAST_MODE_BETA}"}}'
        )
        return Finding(FAST_MODE, item.node, f"{needs}: {how}")
    return Finding(FAST_MODE, item.node, f'{needs}: add "{FAST_MODE_BETA}" to betas; no automatic fix: {blocker}')


def check(request: Request, ctx: RuleContext) -> Iterator[Finding]:
    if request.operation == "framework":
        return
    for item in request.items("speed"):
        speed = literal_str(item.value.expr)
        if speed is None:
            continue
        finding = _finding(request, item, speed, ctx)
        if finding is not None:
            yield finding


FAMILY = RuleFamily((FAST_MODE,), check)
