"""The Vercel AI SDK's Anthropic provider (``@ai-sdk/anthropic`` 3.x): where its thinking options take an effort,
and the model they go with. Its ``providerOptions.anthropic`` takes ``thinking: { type: "adaptive" }`` and an
``effort`` beside it (not ``output_config``); its sampling options are dropped by the provider itself for models
that reject them."""

from __future__ import annotations

from codemod.catalog import Catalog, Model
from codemod.catalog.model_ids import parse_model_id
from codemod.catalog.replacements import move_in_form
from codemod.script.edits import Edit, insert_after
from codemod.script.syntax import Node, key_of, string_value


def effort_beside(thinking: Node, options: Node, effort: str, quote: str, source: bytes) -> tuple[Edit | None, str | None]:
    """``effort: "high"`` next to the thinking in the AI SDK's provider options (None when one is written)."""
    if any(c.type == "spread_element" for c in options.named_children):
        return None, "the provider options spread an object built elsewhere"
    if any(c.type == "pair" and key_of(c) == "effort" for c in options.named_children):
        return None, None
    return insert_after(thinking, f"effort: {quote}{effort}{quote}", source), None


def model_beside(provider_options: Node, catalog: Catalog, target: Model, replacements: tuple[tuple[str, str], ...]) -> Model:
    """The model of ``model: anthropic("claude-...")`` next to the provider options, once moved; else the target."""
    parent = provider_options.parent
    pair = next((c for c in parent.named_children if c.type == "pair" and key_of(c) == "model"), None) if parent is not None else None
    call = pair.child_by_field_name("value") if pair is not None else None
    arguments = call.child_by_field_name("arguments") if call is not None and call.type == "call_expression" else None
    written = string_value(arguments.named_children[0]) if arguments is not None and arguments.named_children else None
    ref = parse_model_id(written, catalog) if written is not None else None
    if ref is None:
        return target
    move = move_in_form(ref, catalog, target, replacements)
    return move.model if move is not None else ref.model
