"""CM505 fast-mode: `speed=...` on a model without fast mode, or without the beta header it needs.

## What it does
Checks the `speed` parameter (`"standard"` or `"fast"`) of `messages.create`, `stream`, `parse`,
`count_tokens`, their beta forms and batch entries, against the model the request sends once the model
IDs are migrated; the model catalogue says which models have fast mode (`available`), need the
`fast-mode-2026-02-01` beta header for it (`beta`), had it removed (with the date), or never had it.

- `speed="fast"` on a model without fast mode, or whose fast mode was removed, is reported: drop `speed`,
  or send the call to a model that has fast mode (listed from the catalogue).
- `speed="fast"` on a model that needs the header, in a request that does not send it (neither in
  `betas=[...]` nor in `extra_headers={"anthropic-beta": ...}`): on a `client.beta.messages.*` call the
  header is added to the `betas` list literal, or a new `betas=[...]` argument is added. Elsewhere (a
  non-beta call, a batch, a `betas` list that cannot be edited) it is reported with the ways to send it.
  `speed="standard"` needs no header.
- Fast mode is dated: a model's fast mode is "removed" from the day the catalogue records (Opus 4.8's on
  2026-11-30), so the same code gets the header before that day and a report from it on (`--as-of`).
- A header that may come from parts the tool cannot see (a `betas` variable, `**kwargs`) is not
  reported: nothing can be proven. A client's `default_headers` are not seen either.

## Why
`speed: "standard" | "fast"` is a top-level request parameter, but fast mode exists only on some models
("not on Sonnet, Haiku, or other models"): Opus 5.5 has it, and Opus 5 has it as a research preview that
needs the `fast-mode-2026-02-01` beta header ("Some models require the `fast-mode-2026-02-01` beta header
when `speed` is `"fast"`", the SDK's docstring since anthropic 2.15.0, which said "for any `speed` value"
before). Fable 5.2 and Mythos 5.2 have fast mode too, with no header. Fast mode is also withdrawn from
models: Opus 4.7's preview was removed on 2026-07-24 and Opus 4.8's on 2026-11-30, after which the API
rejects the requests.

## Fix safety
Adding the header is safe: it only enables what the request already asks for, and a model that does not
need it ignores it. The header can only be sent as `betas` on beta calls, so other calls are reported.
`speed="fast"` on a model without fast mode is reported, not removed: dropping it silently trades away the
latency the code asked for.

## Source
- https://code.claude.com/docs/en/fast-mode
- https://platform.claude.com/docs/build-with-claude/fast-mode
- https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/types/message_create_params.py
- https://platform.claude.com/docs/en/build-with-claude/fast-mode
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.analysis.literals import literal_str
from codemod.analysis.request import Item, Request
from codemod.catalog import Model
from codemod.context import RuleContext
from codemod.facts import RequestFacts
from codemod.findings import SAFE, Finding, Fix, Rule
from codemod.request_edits import add_beta_header, beta_list_blocker, sends_beta_header

RULE = Rule(
    "CM505",
    "fast-mode",
    'speed="fast" on a model without fast mode (or whose fast mode was removed): reported; speed="fast" on a model that needs '
    "the fast-mode-2026-02-01 beta header: the header added to betas on client.beta.messages calls, reported elsewhere.",
    fixes=(SAFE,),
    tokens=(b"speed", b"fast-mode"),
    fix_note="safe on beta calls, else report",
)

FAST_MODE_BETA = "fast-mode-2026-02-01"


def _fast_models(ctx: RuleContext) -> str:
    models = [m.id for m in ctx.catalog.models if not m.is_retired and m.capabilities.fast_mode in ("available", "beta")]
    return ", ".join(models) or "none"


def _finding(request: Request, model: Model, item: Item, speed: str, ctx: RuleContext) -> Finding | None:
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
        return Finding(RULE, item.node, message)
    if speed != "fast":
        return None  # the header is needed "when speed is "fast"" (anthropic 2.15.0): standard needs nothing
    sent = sends_beta_header(request, FAST_MODE_BETA)
    if sent is not False:
        return None  # sent, or it may be sent by parts that cannot be seen
    needs = f'{model.id} needs the "{FAST_MODE_BETA}" beta header for speed="fast"'
    if model.capabilities.fast_mode_removed:
        needs += f" (its fast mode is removed on {model.capabilities.fast_mode_removed})"
    if request.operation == "batch":
        call = "client.beta.messages.batches.create" if request.beta else "client.messages.batches.create (as client.beta.messages.batches.create)"
        return Finding(RULE, item.node, f'{needs}: add betas=["{FAST_MODE_BETA}"] to {call}')
    blocker = beta_list_blocker(request)
    if blocker is None:
        style = item.value.expr if isinstance(item.value.expr, cst.SimpleString) else None
        edits = add_beta_header(request, FAST_MODE_BETA, style)
        return Finding(RULE, item.node, f'{needs}: added to betas', Fix(SAFE, tuple(edits)))
    if not request.beta:
        how = (
            f'call client.beta.{request.method.removeprefix("beta.")}(..., betas=["{FAST_MODE_BETA}"]), '
            f'or pass extra_headers={{"anthropic-beta": "{FAST_MODE_BETA}"}}'
        )
        return Finding(RULE, item.node, f"{needs}: {how}")
    return Finding(RULE, item.node, f'{needs}: add "{FAST_MODE_BETA}" to betas; no automatic fix: {blocker}')


def check(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    request = facts.request
    if request.operation == "framework":
        return
    for item in request.items("speed"):
        speed = literal_str(item.value.expr)
        if speed is None:
            continue
        finding = _finding(request, facts.model, item, speed, ctx)
        if finding is not None:
            yield finding
