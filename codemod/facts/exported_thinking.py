"""Thinking constants written in one module and sent by requests in others: rewritten where they are written.

``THINKING = {"type": "enabled", "budget_tokens": 8000}`` in ``app/config.py``, read nowhere in that module and
used in the project only as the ``thinking=`` of ``messages`` calls (``project/uses.py``) whose models are
known, all of which take adaptive thinking and reject or deprecate budgets, each call with no ``**`` spread and
no ``output_config`` of its own: the dict becomes ``{"type": "adaptive"}`` here (CM101, reported here), and
each call gains ``output_config={"effort": ...}`` by the effort map (``thinking_imported.py``, from the
importing side, which decides the same from the same uses). Anything else is reported at each call instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from codemod.analysis.analyzer import FileAnalysis
from codemod.analysis.literals import literal_int, literal_str, quote_like
from codemod.catalog import Model
from codemod.catalog.model_ids import parse_model_id
from codemod.context import RuleContext
from codemod.edits import RemoveItem, Replace
from codemod.facts.models import successor_of
from codemod.facts.module_constants import single_assignments
from codemod.facts.thinking_off import Change
from codemod.findings import SAFE, Fix
from codemod.project.uses import Use, definition_uses


def _takes_adaptive(model: Model) -> bool:
    caps = model.capabilities
    return bool(caps.thinking_adaptive) and caps.thinking_enabled in ("rejected", "deprecated")


def adaptive_everywhere(uses: tuple[Use, ...], ctx: RuleContext) -> list[Model] | None:
    """The models the uses send, when every use is a plain ``thinking=`` of a call whose model (and the model
    it moves to) takes adaptive thinking and rejects or deprecates budgets; None otherwise."""
    models: list[Model] = []
    for use in uses:
        ref = parse_model_id(use.model, ctx.catalog) if use.key == "thinking" and use.plain and use.model else None
        if ref is None:
            return None
        moved = successor_of(ref.model, ctx)
        for model in (ref.model, *((moved[1],) if moved else ())):
            if not _takes_adaptive(model):
                return None
            models.append(model)
    return models


@dataclass(frozen=True)
class ExportedThinking:
    change: Change
    node: cst.Dict


def _entries(node: cst.Dict) -> dict[str, cst.DictElement] | None:
    entries: dict[str, cst.DictElement] = {}
    for element in node.elements:
        key = literal_str(element.key) if isinstance(element, cst.DictElement) else None
        if key is None or key in entries:
            return None
        entries[key] = element  # type: ignore[assignment]
    return entries


def exported_thinking(analysis: FileAnalysis, ctx: RuleContext) -> list[ExportedThinking]:
    if analysis.project is None or analysis.module is None or analysis.index is None:
        return []
    found = []
    for target, node in single_assignments(analysis.module, cst.Dict, annotated=False):
        entries = _entries(node)
        kind = entries.get("type") if entries else None
        budget = entries.get("budget_tokens") if entries else None
        if kind is None or budget is None or literal_str(kind.value) != "enabled" or literal_int(budget.value) is None:
            continue
        if not isinstance(kind.value, cst.SimpleString):
            continue
        assignment = analysis.index.assignment_of(target)
        if assignment is None or assignment.references:
            continue
        uses = definition_uses(analysis.project, target.value, "thinking")
        models = adaptive_everywhere(uses, ctx) if uses else None
        if uses is None or models is None:
            continue
        sent_by = ", ".join(use.shown() for use in uses[:3]) + (f" and {len(uses) - 3} more" if len(uses) > 3 else "")
        names = ", ".join(dict.fromkeys(model.id for model in models))
        message = (
            f'thinking type "enabled" with budget_tokens={literal_int(budget.value)} is rejected or deprecated by '
            f"{names} ({target.value} is sent as thinking= by {sent_by}): it becomes {{\"type\": \"adaptive\"}} here and "
            "each of those calls gets output_config.effort by the effort map (no official mapping exists)"
        )
        edits = (Replace(kind.value, quote_like(kind.value, "adaptive")), RemoveItem(node, budget))
        found.append(ExportedThinking(Change("CM101", node, message, Fix(SAFE, edits)), node))
    return found
