"""CM001 unresolved-request: parts of an Anthropic request that cannot be seen statically are reported.

## What it does
Reports the parts of a proven Anthropic request that claude-migrate cannot read, so that no rule can
check or fix them: a `**kwargs` (or `*args`) of unknown origin spread into the call, a `**mapping` merged
into a request dict, a `dict(mapping, ...)` built from a mapping made elsewhere, a dict key computed at
run time, and a `thinking` value computed at run time (a function result, a name bound elsewhere), or a
thinking dict whose `type` is chosen at run time or that merges in such a part. `thinking=None` is not
reported. Each finding says what to check, and how to write the part as a literal in the same function
so that the other rules can fix it.

## Why
Such a part may hold `temperature`, `top_p` or `top_k`, which the API rejects on every model under API
version 2026-10-21, or a thinking configuration `{"type": "enabled", "budget_tokens": N}`, which Claude
4.7 and later models reject with a 400 error. The tool never guesses what a run-time value holds; a
part it cannot prove clean is reported rather than silently passed over.

## Fix safety
Report only: what the part holds is known only when the code runs.

## Source
- https://platform.claude.com/docs/en/api/migration-2026-10-21
- https://platform.claude.com/docs/en/build-with-claude/thinking-troubleshooting
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.analysis.literals import literal_str
from codemod.analysis.request import Item
from codemod.context import RuleContext
from codemod.edits import code_of
from codemod.facts import RequestFacts
from codemod.findings import Finding, Rule

RULE = Rule(
    "CM001",
    "unresolved-request",
    "Request parts built at run time (**kwargs, a computed thinking config): reported for review.",
)


def _describe(node: cst.CSTNode) -> str:
    if isinstance(node, cst.Arg) and node.star == "**":
        return f"**{code_of(node.value)} is built at run time"
    if isinstance(node, cst.StarredDictElement):
        return f"**{code_of(node.value)} is merged in at run time"
    if isinstance(node, cst.Arg) and node.star == "*":
        return f"*{code_of(node.value)} is built at run time"
    if isinstance(node, cst.Arg):
        return f"dict({code_of(node.value)}, ...) merges a mapping built at run time"
    if isinstance(node, cst.DictElement):
        return f"the key {code_of(node.key)} is computed at run time"
    return f"{code_of(node)} is built at run time"


def check(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    request = facts.request
    target = ctx.target.id
    for node in request.opaque:
        message = (
            f"{_describe(node)}: make sure it holds no temperature/top_p/top_k and no "
            f'thinking={{"type": "enabled", ...}} (rejected by {target}), or build it as a literal in this '
            "function so claude-migrate can fix it"
        )
        yield Finding(RULE, node, message)
    for thinking in request.items("thinking"):
        yield from _thinking(thinking, ctx)


def _thinking(thinking: Item, ctx: RuleContext) -> Iterator[Finding]:
    target = ctx.target.id
    mapping = thinking.value.mapping
    if mapping is None:
        if isinstance(thinking.value.expr, cst.Name) and thinking.value.expr.value == "None":
            return
        if thinking.value.imported is not None:
            return  # a literal in another module of the project: the thinking rules read it
        message = (
            f"thinking={code_of(thinking.value.site)} is computed at run time: if it can be "
            f'{{"type": "enabled", "budget_tokens": N}}, use {{"type": "adaptive"}} with '
            f"output_config.effort ({ctx.effort_map.describe()})"
        )
        yield Finding(RULE, thinking.value.site, message)
        return
    for node in mapping.opaque:
        message = (
            f"thinking: {_describe(node)}: if it can hold \"type\": \"enabled\" or budget_tokens, use "
            f'{{"type": "adaptive"}} with output_config.effort ({ctx.effort_map.describe()})'
        )
        yield Finding(RULE, node, message)
    type_item = mapping.get("type")
    if type_item is not None and literal_str(type_item.value.expr) is None:
        message = (
            f"thinking type {code_of(type_item.value.site)} is chosen at run time: "
            f'"enabled" is rejected by {target}; use "adaptive" with output_config.effort'
        )
        yield Finding(RULE, type_item.value.site, message)
