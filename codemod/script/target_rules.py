"""The per-target reports for scripts, as the Python rules make them (report only, no fix):

- CM501: ``messages`` ending with an assistant turn (prefill) on a model that rejects prefill;
- CM502: a forced ``tool_choice`` (``{ type: "any" }``, ``{ type: "tool", name }``) on a model that rejects it;
- CM106: a literal ``output_config.effort`` the model does not take (lowered to the nearest, an unsafe fix);
- CM504: no thinking and a literal ``max_tokens`` below 4,096 on a model that thinks by default;
- CM503: a non-streaming ``messages.create`` with a literal ``max_tokens`` above 21,333 and no ``timeout``
  and no request options (the TypeScript SDK throws "Streaming is required for operations that may take longer than 10 minutes",
  checked in @anthropic-ai/sdk 1.16.0's ``calculateNonstreamingTimeout``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from codemod.catalog import EFFORT_ORDER, Model, clamp_effort
from codemod.findings import UNSAFE
from codemod.rules.cm501_assistant_prefill import PREFILL_ERROR
from codemod.rules.cm502_forced_tool_choice import FORCED_ERROR, FORCED_TYPES
from codemod.rules.cm503_nonstreaming_max_tokens import needs_streaming
from codemod.rules.cm504_thinking_on_by_default import SMALL_MAX_TOKENS
from codemod.script.edits import Edit
from codemod.script.syntax import Node, key_of, number_value, string_value, text

if TYPE_CHECKING:
    from codemod.script.migrate import Finding



def _no_reasoning(model: Model) -> str:
    """What the model allows a call that needs no reasoning (at its default effort)."""
    caps = model.capabilities
    if caps.thinking_disabled and caps.accepts_disabled_at(None):
        return 'if the call needs no reasoning, send thinking: { type: "disabled" }; otherwise raise max_tokens'
    if caps.thinking_between_tools:
        return 'if the call needs no reasoning, send thinking: { type: "between_tools" }; otherwise raise max_tokens'
    lowest = caps.effort_levels[0] if caps.effort_levels else None
    return f"{model.id} cannot turn thinking off: raise max_tokens" + (f' or set output_config.effort "{lowest}"' if lowest else "")


def _members(node: Node | None) -> dict[str | None, Node]:
    return {key_of(c): c for c in node.named_children if c.type == "pair"} if node is not None and node.type == "object" else {}


def _value(pairs: dict[str | None, Node], key: str) -> Node | None:
    pair = pairs.get(key)
    return pair.child_by_field_name("value") if pair is not None else None


def target_findings(method: str, pairs: dict[str, Node], model: Model, open_ended: bool, finding: type[Finding]) -> list[Finding]:
    """``open_ended``: the request spreads an object, or the call passes request options (a timeout, maybe)."""
    found: list[Finding] = []
    if model.is_retired:
        return found  # CM302 moves it first
    caps = model.capabilities
    messages = _value(pairs, "messages")  # type: ignore[arg-type]
    if not method.endswith("countTokens") and not caps.prefill and messages is not None and messages.type == "array" and messages.named_children:
        last = messages.named_children[-1]
        turn = _members(last)
        if string_value(_value(turn, "role")) == "assistant":
            content = string_value(_value(turn, "content"))
            shown = f" ({content!r})" if content is not None and len(content) <= 40 else ""
            found.append(finding("CM501", last, (
                f"messages end with an assistant turn{shown}, a prefill {model.id} rejects with a 400 "
                f'("{PREFILL_ERROR}"): to fix the shape of the answer use structured outputs '
                "(output_config: { format: { type: \"json_schema\", schema } }); to steer it, put the instruction in the "
                "system prompt; or move the continuation text into the last user turn"
            )))
    choice = _value(pairs, "tool_choice")  # type: ignore[arg-type]
    kind = string_value(_value(_members(choice), "type"))
    if choice is not None and kind in FORCED_TYPES and not caps.forced_tool_choice:
        found.append(finding("CM502", choice, (
            f'tool_choice {text(choice)} forces a tool call, which {model.id} rejects with a 400 ("{FORCED_ERROR}"): use '
            '{ type: "auto" } and say in the system prompt or the tool description when the tool must be used; where '
            "the forced tool only shaped a JSON answer, use structured outputs (output_config: { format }) instead"
        )))
    max_tokens = number_value(_value(pairs, "max_tokens"))  # type: ignore[arg-type]
    if (
        "thinking" not in pairs and not open_ended and caps.thinking_default_on and not method.endswith("countTokens")
        and max_tokens is not None and max_tokens < SMALL_MAX_TOKENS
    ):
        found.append(finding("CM504", pairs["max_tokens"], (
            f"{model.id} thinks when thinking is omitted, and thinking tokens count toward max_tokens: {max_tokens:,}: "
            'the answer can be cut off (stop_reason "max_tokens") before any text; ' + _no_reasoning(model)
        )))
    streaming = _value(pairs, "stream")  # type: ignore[arg-type]
    if (
        method.endswith((".create", ".parse")) and "batches" not in method and not open_ended and max_tokens is not None
        and "timeout" not in pairs and (streaming is None or text(streaming) == "false")
        and needs_streaming(max_tokens)
    ):
        found.append(finding("CM503", pairs["max_tokens"], (
            f"max_tokens: {max_tokens:,} on a non-streaming {method}: the SDK throws before sending (\"Streaming is "
            "required for operations that may take longer than 10 minutes\") when max_tokens > 21,333 and no timeout "
            f"is given: use client.{method.rsplit('.', 1)[0]}.stream({{...}}) and await .finalMessage(), or pass a "
            "timeout in the request options"
        )))
    return found


def effort_level_findings(pairs: dict[str, Node], model: Model, finding: type[Finding]) -> list[Finding]:
    """CM106: a literal ``output_config.effort`` the model does not accept becomes the nearest level it does;
    unsafe, as for Python: the model then works at another effort. On a model without effort levels, reported."""
    effort = _members(_value(pairs, "output_config")).get("effort")  # type: ignore[arg-type]
    value = effort.child_by_field_name("value") if effort is not None else None
    level = string_value(value)
    if value is None or level is None or model.is_retired or level in model.capabilities.effort_levels:
        return []
    if level not in EFFORT_ORDER:
        return [finding("CM106", value, f'effort "{level}" is not an effort level ({", ".join(EFFORT_ORDER)})')]
    nearest = clamp_effort(level, model.capabilities.effort_levels)
    if nearest is None:
        return [finding("CM106", value, f'{model.id} takes no effort level: remove effort "{level}"')]
    quote = text(value)[:1]
    edit = Edit(value.start_byte, value.end_byte, f"{quote}{nearest}{quote}".encode())
    message = f'effort "{level}" is not accepted by {model.id}: lowered to "{nearest}", the nearest level it accepts'
    return [finding("CM106", value, message, UNSAFE, (edit,))]
