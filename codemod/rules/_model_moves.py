"""The message shared by the model-ID rules (CM301-CM303): what to write instead, or why it is not written."""

from __future__ import annotations

from codemod.facts.models import ModelMove
from codemod.findings import Fix


def describe(move: ModelMove, why: str, unsafe_note: str = "") -> str:
    """``why`` followed by the replacement, or by the reason no rewrite is made."""
    if move.new_text is None:
        return f"{why}; no automatic rewrite: {move.note}"
    reason = move.via.describe() if move.via is not None else ""
    action = f'use "{move.new_text}"' + (f" ({reason})" if reason else "")
    if move.edit is None:
        value = move.item.value
        shared = [b.name for b in (*value.bindings, *value.guards) if not b.editable]
        if shared:
            names = " and ".join(shared)
            verb = "is" if len(shared) == 1 else "are"
            return (
                f"{why}; {action} ({names} {verb} also used outside model= arguments: change it by hand, "
                "see CM304 if it is compared)"
            )
        return f"{why}; {action}"
    return f"{why}; {action}{unsafe_note}"


def fix_of(move: ModelMove) -> Fix | None:
    return Fix(move.applicability, (move.edit,)) if move.edit is not None else None
