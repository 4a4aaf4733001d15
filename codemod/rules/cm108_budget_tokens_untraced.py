"""CM108 budget-tokens-untraced: a thinking budget the tool cannot follow to an Anthropic request.

## What it does
Reports every thinking configuration with `budget_tokens` that no request the analysis recognises sends:
a dict display whose `"type"` is `"enabled"` (or not a literal, or absent) with a `"budget_tokens"` key, a
`dict(type="enabled", budget_tokens=...)` call, or a `ThinkingConfigEnabledParam(...)` /
`BetaThinkingConfigEnabledParam(...)` (or another `...Thinking...(budget_tokens=...)` construction). The
finding sits on the configuration and says why it could not be traced: assigned to an attribute or an
item the tool does not follow (`self.extra_params["thinking"] = {...}`), passed to a call it does not
recognise as Anthropic's (a client made in another module, a framework it does not know), returned from a
helper, compared in a test. It names the replacement, with the effort level the effort map gives for a
literal budget. Files that never mention `anthropic` or `claude` are read too: `budget_tokens` alone lets
a file through the pre-filter.

This is the backstop that makes a CI check built on `claude-migrate check` fail while any thinking budget
remains: where the other thinking rules (CM101, CM102) act on the requests the tool can prove, this rule
covers the rest. Code that deliberately keeps budgets (it still serves models that accept them) marks the
line with `# claude-migrate: ignore[CM108]`.

## Why
Opus 4.7 and later answer `thinking={"type": "enabled", "budget_tokens": N}` with a 400 error, and the
4.6 models deprecate it; the replacement is `{"type": "adaptive"}` plus `output_config={"effort": ...}`.
A static tool cannot follow every value to the call that sends it; when it cannot, it must say so rather
than let a check pass.

## Fix safety
Report only: the tool cannot prove where the configuration is sent, so it cannot know that changing it is
right (the same dict may serve an older model on purpose).

## Source
- https://platform.claude.com/docs/en/build-with-claude/thinking-troubleshooting
- https://platform.claude.com/docs/en/build-with-claude/effort
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.analysis.literals import literal_int, literal_str
from codemod.analysis.parents import parent_map
from codemod.catalog import clamp_effort
from codemod.context import RuleContext
from codemod.edits import code_of
from codemod.facts import FileFacts
from codemod.findings import Finding, Rule

RULE = Rule(
    "CM108",
    "budget-tokens-untraced",
    "A thinking config with budget_tokens that no recognised Anthropic request sends: reported with the reason "
    "and the replacement (the backstop for CI checks).",
    tokens=(b"budget_tokens",),
    alone=(b"budget_tokens",),
)

# Nodes a value passes through on its way to where it is used (a dict inside a dict, a list element...).
_CONTAINERS = (cst.Dict, cst.DictElement, cst.List, cst.Tuple, cst.Set, cst.Element, cst.StarredElement,
               cst.StarredDictElement, cst.Index, cst.SubscriptElement)


def _is_thinking_config(config: cst.Dict | cst.Call) -> bool:
    """A dict or construction that writes budget_tokens with a type that may be "enabled"."""
    if isinstance(config, cst.Dict):
        kinds = [e.value for e in config.elements if isinstance(e, cst.DictElement) and literal_str(e.key) == "type"]
    else:
        name = code_of(config.func).rsplit(".", 1)[-1]
        if name != "dict" and "Thinking" not in name:
            return False
        kinds = [arg.value for arg in config.args if arg.keyword is not None and arg.keyword.value == "type"]
    return all(literal_str(kind) in (None, "enabled") for kind in kinds)


def _budget(config: cst.Dict | cst.Call) -> cst.BaseExpression | None:
    if isinstance(config, cst.Dict):
        return next((e.value for e in config.elements if isinstance(e, cst.DictElement) and literal_str(e.key) == "budget_tokens"), None)
    return next((a.value for a in config.args if a.keyword is not None and a.keyword.value == "budget_tokens"), None)


def _function_of(node: cst.CSTNode, parents: dict[int, cst.CSTNode]) -> str | None:
    while node is not None and not isinstance(node, cst.FunctionDef):
        node = parents.get(id(node))  # type: ignore[assignment]
    return node.name.value if isinstance(node, cst.FunctionDef) else None


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def _short(node: cst.CSTNode) -> str:
    return _clip(code_of(node))


def _reason(config: cst.CSTNode, parents: dict[int, cst.CSTNode], frameworks: dict[int, str]) -> str:
    """Where the configuration goes, said as the reason the tool could not follow it."""
    node = config
    while True:
        parent = parents.get(id(node))
        if parent is None:
            return "it is not sent by any call in this file"
        if isinstance(parent, _CONTAINERS) or (isinstance(parent, cst.Call) and code_of(parent.func) == "dict"):
            node = parent
            continue
        if isinstance(parent, cst.Arg):
            call = parents.get(id(parent))
            if isinstance(call, cst.Call) and code_of(call.func) == "dict":
                node = call
                continue
            where = f"{parent.keyword.value}= of " if parent.keyword is not None else ""
            func = _short(call.func) if isinstance(call, cst.Call) else "a call"
            framework = frameworks.get(id(call))
            if framework is not None:  # a framework call whose table entry does not forward this argument
                return f"passed as {where}{func}(...), a {framework} argument the tool does not rewrite"
            return f"passed as {where}{func}(...), which is not a call the tool can prove is an Anthropic request"
        if isinstance(parent, (cst.Assign, cst.AnnAssign, cst.AugAssign)):
            targets = [t.target for t in parent.targets] if isinstance(parent, cst.Assign) else [parent.target]
            shown = ", ".join(_short(target) for target in targets)
            if all(isinstance(target, cst.Name) for target in targets):
                return (
                    f"assigned to {shown}, which no request of this module that the tool can prove is Anthropic's "
                    "sends; a request of another module that imports it is reported there"
                )
            return f"assigned to {shown}, which the tool does not follow to a request"
        if isinstance(parent, cst.Return):
            function = _function_of(parent, parents)
            return f"returned by {function}(), whose callers the tool does not follow" if function else "returned"
        if isinstance(parent, (cst.Comparison, cst.ComparisonTarget)):
            holder = parents.get(id(parent) if isinstance(parent, cst.Comparison) else id(parents.get(id(parent))))
            return "compared in an assert" if isinstance(holder, cst.Assert) else "compared with another value"
        if isinstance(parent, (cst.Yield, cst.Lambda, cst.Await, cst.IfExp, cst.BooleanOperation, cst.Subscript,
                               cst.Attribute, cst.Expr, cst.Parameters, cst.Param)):
            return f"used in `{_short(parent)}`, which the tool does not follow to a request"
        node = parent


def _replacement(budget: cst.BaseExpression | None, ctx: RuleContext) -> str:
    value = literal_int(budget) if budget is not None else None
    levels = ctx.target.capabilities.effort_levels
    if value is None or not levels:
        return 'output_config={"effort": ...} chosen by the budget (effort map: ' + ctx.effort_map.describe() + ")"
    mapped = ctx.effort_map.level_for(value)
    level = clamp_effort(mapped, levels) or mapped
    return f'output_config={{"effort": "{level}"}} (budget {value} -> "{mapped}" by the effort map)'


def check_file(facts: FileFacts, ctx: RuleContext) -> Iterator[Finding]:
    analysis = facts.analysis
    untraced = [
        config
        for config in analysis.budget_configs
        if id(config) not in facts.traced_thinking and _is_thinking_config(config)
    ]
    if not untraced or analysis.module is None:
        return
    parents = parent_map(analysis.module)
    frameworks = {id(r.call): r.method for r in analysis.requests if r.operation == "framework"}
    for config in untraced:
        budget = _budget(config)
        shown = _short(budget) if budget is not None else "..."
        message = (
            f"thinking budget_tokens={shown} that the tool cannot trace to an Anthropic request "
            f"({_reason(config, parents, frameworks)}): Opus 4.7 and later models reject "
            f'{{"type": "enabled", "budget_tokens": N}}; where this is sent to Claude, use '
            f'{{"type": "adaptive"}} with {_replacement(budget, ctx)}, or mark the line '
            "# claude-migrate: ignore[CM108] if this code still serves models that accept budgets"
        )
        yield Finding(RULE, config, message)
