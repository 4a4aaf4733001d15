"""CM503-CM504: ``max_tokens`` values that break once the code runs on a newer SDK or model.

- CM503 nonstreaming-max-tokens: for a non-streaming ``messages.create`` / ``messages.parse`` (and their beta
  forms) without an explicit ``timeout``, the SDK computes the time the request may take,
  ``3600 * max_tokens / 128000`` seconds, and raises ``ValueError("Streaming is required for operations that
  may take longer than 10 minutes...")`` before sending when that exceeds 600 s, i.e. for ``max_tokens`` above
  21,333 (api-facts.md §2.7; SDK ``_base_client.py`` ``_calculate_nonstreaming_timeout``, called from
  ``resources/messages/messages.py`` when ``not stream`` and no ``timeout`` is given and the client keeps the
  default timeout). Code that asks for the 64K/128K outputs of newer models (§2.1 "Max output") hits it on
  the first call. Reported with the streaming alternative (``client.messages.stream(...)`` and
  ``get_final_message()``), which keeps the same result type; ``stream=True``, ``messages.stream``, batches
  and ``count_tokens`` are not affected, and a call with ``timeout=`` (or on ``client.with_options(timeout=...)``)
  is left alone. The SDK's per-model lower caps (``MODEL_NONSTREAMING_TOKENS``, 8,192) name only retired
  Opus 4 / 4.1 IDs, which CM302 moves; the catalogue has no field for them, so they are not checked. A client
  constructed with ``timeout=`` also skips the check; that is not visible at the call, so the message says so.
- CM504 thinking-on-by-default: on models that think when ``thinking`` is omitted (Sonnet 5, Opus 5 and the
  5.5 models; catalogue ``thinking_default_on``), thinking tokens count toward ``max_tokens``, so a request
  that sets a small ``max_tokens`` and no ``thinking`` may stop with ``stop_reason: "max_tokens"`` before any
  text (api-facts.md §2.7; D-H55-MIG, D-S55-MIG). Reported when the request has no ``thinking`` (and no part
  built at run time that could hold one) and a literal ``max_tokens`` below 4,096. The threshold is a
  heuristic, not a documented limit: the default efforts of these models (``medium``/``high``) correspond to
  thinking budgets of 2,000-11,999 tokens in the default effort map (README, "About the effort map"), and the
  smallest budget the API ever took was 1,024 tokens (§2.1 notes), so below 4,096 a default thinking pass can
  use most of the room the answer needs; the settings used for short answers (256, 512, 1024, 2048) all sit
  below it. The message names the fix the model allows: ``{"type": "disabled"}`` (at its accepted efforts),
  ``{"type": "between_tools"}`` (Sonnet 5.5), or, where thinking is always on, a larger ``max_tokens`` or a
  lower effort.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.analysis.literals import literal_int, literal_str
from codemod.analysis.model import Item, Request
from codemod.catalog import EFFORT_ORDER, effort_rank
from codemod.edits import RemoveItem, RemoveStatement, Replace
from codemod.findings import Finding, Rule
from codemod.rules import RuleFamily
from codemod.rules.context import RuleContext
from codemod.rules.model_ids import effective_model
from codemod.rules.thinking import THINKING_CANNOT_BE_DISABLED
from codemod.rules.thinking import check as thinking_findings

NONSTREAMING_MAX_TOKENS = Rule(
    "CM503",
    "nonstreaming-max-tokens",
    "A non-streaming create/parse with a literal max_tokens above 21,333 and no timeout (the SDK raises before "
    "sending): reported with the streaming alternative.",
    "report",
)
THINKING_ON_BY_DEFAULT = Rule(
    "CM504",
    "thinking-on-by-default",
    "No thinking and a small literal max_tokens (< 4,096) on a model that thinks by default: reported "
    "(thinking tokens count toward max_tokens).",
    "report",
)

# SDK _base_client.py _calculate_nonstreaming_timeout: maximum_time * max_tokens / 128_000 > default_time.
SDK_MAXIMUM_TIME = 60 * 60
SDK_DEFAULT_TIME = 60 * 10
SDK_TOKENS_PER_MAXIMUM_TIME = 128_000
SMALL_MAX_TOKENS = 4096  # CM504 threshold (see the module docstring)


def needs_streaming(max_tokens: int) -> bool:
    """Whether the SDK refuses this ``max_tokens`` without streaming (the general rule, no model cap)."""
    return SDK_MAXIMUM_TIME * max_tokens / SDK_TOKENS_PER_MAXIMUM_TIME > SDK_DEFAULT_TIME


def _literal_max_tokens(request: Request) -> tuple[Item, int] | None:
    items = request.items("max_tokens")
    if len(items) != 1:
        return None
    value = literal_int(items[0].value.expr)
    return (items[0], value) if value is not None else None


def _timeout_on_receiver(call: cst.Call) -> bool:
    """``client.with_options(timeout=...).messages.create(...)``."""
    node: cst.BaseExpression = call.func
    while isinstance(node, (cst.Attribute, cst.Call)):
        if isinstance(node, cst.Call):
            func = node.func
            if isinstance(func, cst.Attribute) and func.attr.value == "with_options":
                if any(arg.keyword is not None and arg.keyword.value == "timeout" for arg in node.args):
                    return True
            node = func
        else:
            node = node.value
    return False


def _nonstreaming(request: Request, ctx: RuleContext) -> Iterator[Finding]:
    if request.operation not in ("create", "parse") or request.opaque:
        return  # streams, batches, count_tokens; or parts that may hold stream/timeout
    if request.items("timeout") or _timeout_on_receiver(request.call):
        return
    for stream in request.items("stream"):
        if not (isinstance(stream.value.expr, cst.Name) and stream.value.expr.value == "False"):
            return  # stream=True, or a flag known only at run time
    found = _literal_max_tokens(request)
    if found is None or not needs_streaming(found[1]):
        return
    item, value = found
    prefix = "await " if request.client is not None and request.client.is_async else ""
    beta = "beta." if request.beta else ""
    scope = "async with" if prefix else "with"
    if request.operation == "parse":
        alternative = " with the same output_format= (parse() cannot stream)"
    else:
        alternative = " (or stream=True to handle the events yourself)"
    message = (
        f"max_tokens={value:,} on a non-streaming {request.method}: the SDK raises ValueError "
        '("Streaming is required for operations that may take longer than 10 minutes") before sending when '
        f"max_tokens > 21,333 and no timeout is given: use `{scope} client.{beta}messages.stream(...) as stream: "
        f"message = {prefix}stream.get_final_message()`{alternative}; a timeout= on the call or the client also "
        "skips the check"
    )
    yield Finding(NONSTREAMING_MAX_TOKENS, item.node, message)


def _suggestion(request: Request, ctx: RuleContext) -> str:
    model = effective_model(request, ctx)
    caps = model.capabilities
    effort = _written_effort(request)
    level = effort or caps.default_effort
    if caps.thinking_disabled and caps.accepts_disabled_at(effort):
        return 'if the call needs no reasoning, send thinking={"type": "disabled"}; otherwise raise max_tokens'
    if caps.thinking_between_tools and (
        not caps.between_tools_max_effort
        or (level in EFFORT_ORDER and effort_rank(level) <= effort_rank(caps.between_tools_max_effort))
    ):
        return (
            'if the call needs no reasoning, send thinking={"type": "between_tools"} (thinking only between tool '
            "calls); otherwise raise max_tokens"
        )
    lowest = caps.effort_levels[0] if caps.effort_levels else None
    lower = f' or set output_config.effort "{lowest}"' if lowest and effort != lowest else ""
    return f"{model.id} cannot turn thinking off: raise max_tokens{lower}"


def _written_effort(request: Request) -> str | None:
    items = request.items("output_config")
    mapping = items[0].value.mapping if len(items) == 1 else None
    effort = mapping.get("effort") if mapping is not None else None
    return literal_str(effort.value.expr) if effort is not None else None


def _thinking_removed(request: Request, ctx: RuleContext) -> bool:
    """Whether ``apply`` removes every ``thinking`` the request sends (CM107 on a model that cannot turn
    thinking off): then the request thinks by default once migrated, as if it had none."""
    items = request.items("thinking")
    removed: set[int] = set()
    for finding in thinking_findings(request, ctx):
        fix = finding.fix
        if finding.rule is not THINKING_CANNOT_BE_DISABLED or fix is None:
            continue
        if not ctx.will_fix(finding.rule.code, fix.applicability, finding.node):
            continue
        removed.update(id(e.item) for e in fix.edits if isinstance(e, RemoveItem))
        removed.update(id(e.statement) for e in fix.edits if isinstance(e, RemoveStatement))
        # ``kw["thinking"] = {"type": "disabled"}`` rewritten whole as ``kw["output_config"] = {...}``
        removed.update(id(e.node) for e in fix.edits if isinstance(e, Replace))
    return bool(items) and all(
        id(item.node) in removed or (item.mutation is not None and id(item.mutation.statement) in removed)
        for item in items
    )


def _default_thinking(request: Request, ctx: RuleContext) -> Iterator[Finding]:
    if request.operation == "count_tokens" or request.opaque:
        return
    if request.items("thinking") and not _thinking_removed(request, ctx):
        return
    model = effective_model(request, ctx)
    if model.is_retired or not model.capabilities.thinking_default_on:
        return
    found = _literal_max_tokens(request)
    if found is None or found[1] >= SMALL_MAX_TOKENS:
        return
    item, value = found
    message = (
        f"{model.id} thinks when thinking is omitted, and thinking tokens count toward max_tokens={value:,}: "
        'the answer can be cut off (stop_reason "max_tokens") before any text; '
        + _suggestion(request, ctx)
    )
    yield Finding(THINKING_ON_BY_DEFAULT, item.node, message)


def check(request: Request, ctx: RuleContext) -> Iterator[Finding]:
    yield from _nonstreaming(request, ctx)
    yield from _default_thinking(request, ctx)


FAMILY = RuleFamily((NONSTREAMING_MAX_TOKENS, THINKING_ON_BY_DEFAULT), check)
