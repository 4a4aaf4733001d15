"""CM501-CM502: request shapes newer models reject, where no fix can be chosen for the user.

- CM501 assistant-prefill: a request whose ``messages`` end with an assistant turn ("prefill", used to
  force the start of an answer, say ``{"role": "assistant", "content": "{"}``) is a 400 on models that do
  not accept prefill: "This model does not support assistant message prefill. The conversation must end
  with a user message." Accepted on Sonnet 4.5, Haiku 4.5 and older; rejected on the 4.6 models and later
  (Opus 4.6, Sonnet 4.6, Opus 4.7/4.8, Sonnet 5/5.5, Opus 5/5.5, Haiku 5.5 "even with thinking off", Fable)
  (api-facts.md §2.1 matrix and notes; D-S55-MIG, D-H55-MIG, SKILL-0701, SKILL-REF). The documented
  alternatives are structured outputs (``output_config={"format": {...}}``), instructions in the system
  prompt, and moving the continuation text into the last user turn (D-S55-MIG, D-H55-MIG). Which one fits
  depends on why the prefill was there: reported only. Only a ``messages`` value that is statically known
  is checked: a list literal (or a name bound once to one that nothing else uses, so no ``.append`` can
  change its end), or ``history + [...]`` whose last list is a literal; its last element must be a dict
  literal (or ``dict(...)``) with ``"role": "assistant"``. ``count_tokens`` is not checked (the docs
  state the rule for Messages requests).
- CM502 forced-tool-choice: ``tool_choice={"type": "any"}`` or ``{"type": "tool", "name": ...}`` is a 400 on
  Opus 5.5, Sonnet 5.5 and Fable 5.1 ("tool_choice: type "tool" and "any" are not supported for this
  model.", also on ``count_tokens``) (api-facts.md §2.1; D-O55-MIG, D-S55-MIG, D-O55). api-facts names no
  replacement; the suggestion is ``{"type": "auto"}`` with the instruction to use the tool in the system
  prompt or the tool description, or structured outputs where the forced tool only shaped JSON. Reported.

Both read the catalogue (``capabilities.prefill``, ``capabilities.forced_tool_choice``) for the model the
request sends after the model fixes (``effective_model``); retired models are left to CM302.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.analysis.literals import literal_str
from codemod.analysis.model import Request, Value
from codemod.edits import code_of
from codemod.findings import Finding, Rule
from codemod.rules import RuleFamily
from codemod.rules.context import RuleContext
from codemod.rules.model_ids import effective_model

ASSISTANT_PREFILL = Rule(
    "CM501",
    "assistant-prefill",
    "messages that end with an assistant turn (prefill) on a model that rejects prefill: reported with the "
    "alternatives (structured outputs, system-prompt instructions, the continuation in the user turn).",
    "report",
)
FORCED_TOOL_CHOICE = Rule(
    "CM502",
    "forced-tool-choice",
    'tool_choice {"type": "any"} / {"type": "tool", ...} on a model that rejects forced tool use: reported.',
    "report",
)

PREFILL_ERROR = "This model does not support assistant message prefill. The conversation must end with a user message."
FORCED_ERROR = 'tool_choice: type "tool" and "any" are not supported for this model.'
FORCED_TYPES = ("any", "tool")


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


def _prefill(request: Request, ctx: RuleContext) -> Iterator[Finding]:
    if request.operation in ("count_tokens", "framework"):
        return
    model = effective_model(request, ctx)
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
        yield Finding(ASSISTANT_PREFILL, turn, message)


def _forced_tool_choice(request: Request, ctx: RuleContext) -> Iterator[Finding]:
    if request.operation == "framework":
        return
    model = effective_model(request, ctx)
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
        yield Finding(FORCED_TOOL_CHOICE, item.value.expr, message)


def check(request: Request, ctx: RuleContext) -> Iterator[Finding]:
    yield from _prefill(request, ctx)
    yield from _forced_tool_choice(request, ctx)


FAMILY = RuleFamily((ASSISTANT_PREFILL, FORCED_TOOL_CHOICE), check)
