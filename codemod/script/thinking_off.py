"""CM105 and CM107 for scripts: ``thinking: { type: "none" }`` (no thinking type) and ``{ type: "disabled" }`` on
a model that rejects it at the request's effort. ``"none"`` becomes ``"disabled"`` where the model accepts that;
the substitutes the Python rules write elsewhere (removing thinking, a lower effort) depend on the model and
are reported with the reason."""

from __future__ import annotations

from codemod.catalog import Model
from codemod.script.edits import Edit
from codemod.script.syntax import Node, key_of, quote_of, string_value


def _effort(output_config: Node | None) -> tuple[str | None, bool]:
    """The effort the request writes, and whether it is known (no output_config, or a literal one)."""
    if output_config is None:
        return None, True
    value = output_config.child_by_field_name("value")
    if value is None or value.type != "object":
        return None, False
    pair = next((c for c in value.named_children if c.type == "pair" and key_of(c) == "effort"), None)
    if pair is None:
        return None, not any(c.type == "spread_element" for c in value.named_children)
    level = string_value(pair.child_by_field_name("value"))
    return level, level is not None


def thinking_off(type_value: Node, output_config: Node | None, model: Model) -> tuple[str, str, Edit | None] | None:
    """(code, message, fix) for a thinking type of ``none`` or ``disabled``, or None when it is fine."""
    effort, known = _effort(output_config)
    caps = model.capabilities
    accepted = known and caps.accepts_disabled_at(effort)
    if not caps.thinking_disabled:
        why = f"{model.id} cannot turn thinking off: remove thinking and set the lowest output_config.effort"
    else:
        shown = f'effort "{effort}"' if effort else f'its default effort "{caps.default_effort}"'
        why = f"{model.id} accepts disabled only at effort <= {caps.disabled_max_effort}, not at {shown}: lower output_config.effort"
    if string_value(type_value) == "none":
        if accepted:
            quote = quote_of(type_value)
            edit = Edit(type_value.start_byte, type_value.end_byte, f"{quote}disabled{quote}".encode())
            return "CM105", f'"none" is not a thinking type: use {{ type: "disabled" }} to turn thinking off on {model.id}', edit
        return "CM105", f'"none" is not a thinking type, and {why}', None
    if known and not accepted:
        return "CM107", f'thinking {{ type: "disabled" }} is rejected: {why}', None
    return None
