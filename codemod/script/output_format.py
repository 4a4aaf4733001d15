"""CM401 for scripts: a top-level ``output_format`` moves to ``output_config.format``.

``@anthropic-ai/sdk`` 1.16.0 marks ``output_format`` "Deprecated: Use `output_config.format` instead" (it is gone
from the Python SDK since 1.0), and its parse helpers take an auto-parseable format (``zodOutputFormat(...)``)
in either field, so the value moves as written: ``output_config: { format: <value> }`` where ``output_format`` was,
or ``format`` added to the ``output_config`` object already there (an existing ``format`` is never overwritten).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from codemod.findings import SAFE
from codemod.script.edits import Edit, insert_after, removal
from codemod.script.syntax import Node, key_of, text

if TYPE_CHECKING:
    from codemod.script.migrate import Finding

MESSAGE = 'output_format is deprecated ("Use `output_config.format` instead", @anthropic-ai/sdk 1.16.0) and gone from the Python SDK'


def output_format_finding(pairs: dict[str, Node], source: bytes, finding: type[Finding]) -> Finding | None:
    """The move of ``output_format``, or the reason it cannot be made; None without one."""
    pair = pairs.get("output_format")
    value = pair.child_by_field_name("value") if pair is not None else None
    key = pair.child_by_field_name("key") if pair is not None else None
    if pair is None or value is None or key is None:
        return None
    config = pairs.get("output_config")
    if config is None:
        quote = '"' if key.type == "string" else ""
        edits = (
            Edit(key.start_byte, key.end_byte, f"{quote}output_config{quote}".encode()),
            Edit(value.start_byte, value.start_byte, b"{ format: "),
            Edit(value.end_byte, value.end_byte, b" }"),
        )
        return finding("CM401", pair, f"{MESSAGE}: moved to output_config.format", SAFE, edits)
    target = config.child_by_field_name("value")
    members = [c for c in target.named_children if c.type == "pair"] if target is not None and target.type == "object" else None
    if members is None or any(c.type == "spread_element" for c in target.named_children):  # type: ignore[union-attr]
        return finding("CM401", pair, f"{MESSAGE}: move it into output_config.format by hand (output_config is not an object literal)")
    if any(key_of(c) == "format" for c in members):
        return finding("CM401", pair, f"{MESSAGE}, and output_config already has a format: keep one of them")
    if not members:
        added = Edit(target.start_byte, target.end_byte, f"{{ format: {text(value)} }}".encode())  # type: ignore[union-attr]
    else:
        added = insert_after(members[-1], f"format: {text(value)}", source)
    return finding("CM401", pair, f"{MESSAGE}: moved to output_config.format", SAFE, (removal(pair, source), added))
