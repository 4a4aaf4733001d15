"""CM501 assistant-prefill: messages that end with an assistant turn, on a model that rejects prefill, are reported.

## What it does
Reports a Messages request whose `messages` end with an assistant turn ("prefill", used to force the start
of an answer, say `{"role": "assistant", "content": "{"}`) when the model it sends to once the model IDs
are migrated does not accept prefill, with the documented alternatives. Only a `messages` value that is
known statically is checked: a list literal (or a name bound once to one that nothing else uses, so that
no `.append` can change its end), or `history + [...]` whose last list is a literal; its last element must
be a dict literal (or `dict(...)`) with `"role": "assistant"`. `count_tokens` and framework calls are not
checked, and neither are retired models (CM302 moves them).

## Why
Claude Sonnet 4.5, Haiku 4.5 and older models accept prefill. The 4.6 models and later (Opus 4.6, Sonnet
4.6, Opus 4.7 and 4.8, Sonnet 5 and 5.5, Opus 5 and 5.5, Haiku 5.5 even with thinking off, Fable) reject it
with a 400 error: "This model does not support assistant message prefill. The conversation must end with
a user message."

When the request's model is one apply moves (a retired model moved by CM302, say, from Sonnet 4.5, which
accepted prefill, to Sonnet 5.5), the finding says that the move causes it.

## Fix safety
Report only: the documented alternatives are structured outputs (`output_config={"format": {...}}`),
instructions in the system prompt, and moving the continuation text into the last user turn; which one
fits depends on why the prefill was there.

## Source
- https://platform.claude.com/docs/en/models/sonnet-5-5/migration-guide
- https://platform.claude.com/docs/en/models/haiku-5-5/migration-guide
- https://github.com/anthropics/skills/blob/11e5f57f4b161d96655b9e49ac0ad62d66d4d6b1/skills/claude-api/references/models.md
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.analysis.literals import literal_str
from codemod.analysis.request import Value
from codemod.context import RuleContext
from codemod.facts import RequestFacts
from codemod.findings import Finding, Rule

RULE = Rule(
    "CM501",
    "assistant-prefill",
    "messages that end with an assistant turn (prefill) on a model that rejects prefill: reported with the "
    "alternatives (structured outputs, system-prompt instructions, the continuation in the user turn).",
    tokens=(b"assistant",),
)

PREFILL_ERROR = "This model does not support assistant message prefill. The conversation must end with a user message."


def _last_element(expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """The last element of a list literal, or of the last list of ``a + [...]``; None if unknown."""
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _last_element(expr.right)
    if not isinstance(expr, (cst.List, cst.Tuple)) or not expr.elements:
        return None
    last = expr.elements[-1]
    return last.value if isinstance(last, cst.Element) else None  # ``*rest``: the end is not known


def _role_and_content(node: cst.BaseExpression) -> tuple[str | None, cst.BaseExpression | None]:
    """The literal ``role`` of a turn written as a dict literal or ``dict(...)``, and its content."""
    role: str | None = None
    content: cst.BaseExpression | None = None
    if isinstance(node, cst.Dict):
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                continue
            key = literal_str(element.key)
            if key == "role":
                role = literal_str(element.value)
            elif key == "content":
                content = element.value
    elif isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "dict":
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value == "role":
                role = literal_str(arg.value)
            elif arg.keyword is not None and arg.keyword.value == "content":
                content = arg.value
    return role, content


def _final_turn(value: Value) -> cst.BaseExpression | None:
    """The last turn of a ``messages`` value, when it is known statically."""
    if value.bindings and not all(binding.editable for binding in value.bindings):
        return None  # the list is also used elsewhere (appended to, passed around): its end may change
    return _last_element(value.expr)


def check(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    request = facts.request
    if request.operation in ("count_tokens", "framework"):
        return
    model = facts.model
    if model.is_retired or model.capabilities.prefill:
        return
    for item in request.items("messages"):
        turn = _final_turn(item.value)
        if turn is None:
            continue
        role, content = _role_and_content(turn)
        if role != "assistant":
            continue
        text = literal_str(content) if content is not None else None
        shown = f" ({text!r})" if text is not None and len(text) <= 40 else ""
        message = (
            f"messages end with an assistant turn{shown}, a prefill {model.id} rejects with a 400 "
            f'("{PREFILL_ERROR}"): to fix the shape of the answer use structured outputs '
            '(output_config={"format": {"type": "json_schema", "schema": ...}}); to steer it, put the '
            "instruction in the system prompt; or move the continuation text into the last user turn"
        )
        yield Finding(RULE, turn, message + facts.caused_by_move(ctx, lambda caps: caps.prefill))
