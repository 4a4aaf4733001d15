"""CM001: parts of an Anthropic request that cannot be seen statically.

The tool never guesses (design.md, "Precision first"): a ``**kwargs`` of unknown origin may carry
``temperature`` or a ``budget_tokens`` thinking config, and a ``thinking`` value computed at run time
may be ``{"type": "enabled", ...}``, which the target rejects. Each is reported with what to check.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.analysis.literals import literal_str
from codemod.analysis.model import Item, Request
from codemod.edits import code_of
from codemod.findings import Finding, Rule
from codemod.rules import RuleFamily
from codemod.rules.context import RuleContext

UNRESOLVED = Rule(
    "CM001",
    "unresolved-request",
    "Request parts built at run time (**kwargs, a computed thinking config): reported for review.",
    "report",
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


def check(request: Request, ctx: RuleContext) -> Iterator[Finding]:
    target = ctx.target.id
    for node in request.opaque:
        message = (
            f"{_describe(node)}: make sure it holds no temperature/top_p/top_k and no "
            f'thinking={{"type": "enabled", ...}} (rejected by {target}), or build it as a literal in this '
            "function so claude-migrate can fix it"
        )
        yield Finding(UNRESOLVED, node, message)
    for thinking in request.items("thinking"):
        yield from _thinking(thinking, ctx)


def _thinking(thinking: Item, ctx: RuleContext) -> Iterator[Finding]:
    target = ctx.target.id
    mapping = thinking.value.mapping
    if mapping is None:
        if isinstance(thinking.value.expr, cst.Name) and thinking.value.expr.value == "None":
            return
        message = (
            f"thinking={code_of(thinking.value.site)} is computed at run time: if it can be "
            f'{{"type": "enabled", "budget_tokens": N}}, use {{"type": "adaptive"}} with '
            f"output_config.effort ({ctx.effort_map.describe()})"
        )
        yield Finding(UNRESOLVED, thinking.value.site, message)
        return
    for node in mapping.opaque:
        message = (
            f"thinking: {_describe(node)}: if it can hold \"type\": \"enabled\" or budget_tokens, use "
            f'{{"type": "adaptive"}} with output_config.effort ({ctx.effort_map.describe()})'
        )
        yield Finding(UNRESOLVED, node, message)
    type_item = mapping.get("type")
    if type_item is not None and literal_str(type_item.value.expr) is None:
        message = (
            f"thinking type {code_of(type_item.value.site)} is chosen at run time: "
            f'"enabled" is rejected by {target}; use "adaptive" with output_config.effort'
        )
        yield Finding(UNRESOLVED, type_item.value.site, message)


FAMILY = RuleFamily((UNRESOLVED,), check)
