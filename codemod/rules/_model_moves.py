"""The message shared by the model-ID rules (CM301-CM303): what to write instead, or why it is not written."""

from __future__ import annotations

from collections.abc import Iterator

from codemod.facts import FileFacts, RequestFacts
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
        if value.imported is not None:
            return (
                f"{why}; {action} in {value.imported.where} (another module: include it in the run, which rewrites it "
                "when every use is a model= value, or change it there)"
            )
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


def request_moves(facts: RequestFacts, kind: str) -> Iterator[ModelMove]:
    """The request's model moves of ``kind``, without those another module of the run makes where the
    constant is written (reported there)."""
    return (move for move in facts.moves.values() if move.kind == kind and not move.elsewhere)


def exported_moves(facts: FileFacts, kind: str) -> Iterator[tuple[ModelMove, str]]:
    """This module's model constants of ``kind`` sent only by other modules' requests, with who sends them."""
    return ((exported.move, exported.sent_by()) for exported in facts.exported_models if exported.move.kind == kind)
