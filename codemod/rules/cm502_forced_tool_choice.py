"""CM502 forced-tool-choice: `tool_choice` `{"type": "any"}` / `{"type": "tool", ...}`, on a model that rejects forced tool use, is reported.

## What it does
Reports a `tool_choice` whose literal `type` is `"any"` or `"tool"` in a request (`count_tokens`
included) to a model that rejects forced tool use, as the model catalogue records it (Opus 5.5, Sonnet
5.5, the Fable and Mythos models), taking the model the request sends once the model IDs are migrated.
Framework calls and retired models (CM302 moves them) are not checked. When the request's model is one
apply moves (a retired Haiku moved by CM302 to its family's replacement, say), the finding says that the
move causes it.

## Why
Opus 5.5, Sonnet 5.5 and Fable 5.1 answer a forced tool choice with a 400 error: `tool_choice: type "tool"
and "any" are not supported for this model.`, on `count_tokens` too.

## Fix safety
Report only: the migration guides name no replacement. The message suggests `{"type": "auto"}` with the
instruction to use the tool in the system prompt or in the tool's description, or structured outputs
(`output_config={"format": ...}`) where the forced tool only shaped a JSON answer; which fits depends on
the code.

## Source
- https://platform.claude.com/docs/en/models/opus-5-5/migration-guide
- https://platform.claude.com/docs/en/models/sonnet-5-5/migration-guide
- https://platform.claude.com/docs/en/models/opus-5-5/overview
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.analysis.literals import literal_str
from codemod.context import RuleContext
from codemod.edits import code_of
from codemod.facts import RequestFacts
from codemod.findings import Finding, Rule

RULE = Rule(
    "CM502",
    "forced-tool-choice",
    'tool_choice {"type": "any"} / {"type": "tool", ...} on a model that rejects forced tool use: reported.',
    tokens=(b"tool_choice",),
)

FORCED_ERROR = 'tool_choice: type "tool" and "any" are not supported for this model.'
FORCED_TYPES = ("any", "tool")


def check(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    request = facts.request
    if request.operation == "framework":
        return
    model = facts.model
    if model.is_retired or model.capabilities.forced_tool_choice:
        return
    for item in request.items("tool_choice"):
        mapping = item.value.mapping
        type_item = mapping.get("type") if mapping is not None else None
        kind = literal_str(type_item.value.expr) if type_item is not None else None
        if kind not in FORCED_TYPES:
            continue
        name_item = mapping.get("name") if mapping is not None else None
        tool = f" {code_of(name_item.value.site)}" if kind == "tool" and name_item is not None else ""
        message = (
            f'tool_choice {{"type": "{kind}"}} forces a tool call{tool and " to" + tool}, which {model.id} rejects '
            f'with a 400 ("{FORCED_ERROR}"): use {{"type": "auto"}} and say in the system prompt or the tool '
            "description when the tool must be used; where the forced tool only shaped a JSON answer, use "
            'structured outputs (output_config={"format": ...}) instead'
        )
        yield Finding(RULE, item.value.expr, message + facts.caused_by_move(ctx, lambda caps: caps.forced_tool_choice))
