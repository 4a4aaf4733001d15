"""CM504 thinking-on-by-default: a small max_tokens on a model that thinks when thinking is omitted.

## What it does
Reports a request with no `thinking` (and no part built at run time that could hold one) and a literal
`max_tokens` below 4,096, sent to a model that thinks by default (Sonnet 5, Opus 5 and the 5.5 models;
catalogue `thinking_default_on`). A request whose every `thinking` the migration removes (CM107 on a model
that cannot turn thinking off) counts as one without. The message names what the model allows:
`{"type": "disabled"}` (at its accepted efforts), `{"type": "between_tools"}` (Sonnet 5.5), or, where
thinking is always on, a larger `max_tokens` or a lower effort.

## Why
Thinking tokens count toward `max_tokens`, so such a request may stop with `stop_reason: "max_tokens"`
before any text. The 4,096 threshold is a heuristic, not a documented limit: the default efforts of these
models correspond to thinking budgets of 2,000-11,999 tokens in the default effort map, and the smallest
budget the API ever took was 1,024 tokens, so below 4,096 a default thinking pass can use most of the room
the answer needs.

## Fix safety
Report only: whether the call needs reasoning is yours to decide.

## Source
- https://platform.claude.com/docs/en/models/haiku-5-5/migration-guide
- https://platform.claude.com/docs/en/models/sonnet-5-5/migration-guide
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.analysis.literals import literal_str
from codemod.analysis.request import Request
from codemod.catalog import EFFORT_ORDER, effort_rank
from codemod.context import RuleContext
from codemod.facts import RequestFacts
from codemod.findings import Finding, Rule
from codemod.rules._max_tokens import literal_max_tokens

RULE = Rule(
    "CM504",
    "thinking-on-by-default",
    "No thinking and a small literal max_tokens (< 4,096) on a model that thinks by default: reported "
    "(thinking tokens count toward max_tokens).",
    tokens=(b"max_tokens",),
)

SMALL_MAX_TOKENS = 4096  # see the docstring


def _suggestion(facts: RequestFacts) -> str:
    request, model = facts.request, facts.model
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


def check(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    request = facts.request
    if request.operation == "count_tokens" or request.opaque:
        return
    if request.items("thinking") and not facts.thinking.removes_every_thinking(request, ctx):
        return
    model = facts.model
    if model.is_retired or not model.capabilities.thinking_default_on:
        return
    found = literal_max_tokens(request)
    if found is None or found[1] >= SMALL_MAX_TOKENS:
        return
    item, value = found
    message = (
        f"{model.id} thinks when thinking is omitted, and thinking tokens count toward max_tokens={value:,}: "
        'the answer can be cut off (stop_reason "max_tokens") before any text; '
        + _suggestion(facts)
        + facts.caused_by_move(ctx, lambda caps: not caps.thinking_default_on)
    )
    yield Finding(RULE, item.node, message)
