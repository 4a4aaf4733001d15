"""Model constants this module writes for other modules' requests: rewritten here, where they are written.

``MODEL = "claude-opus-4-6"`` in ``app/config.py``, read nowhere in that module and used in the project only as
the ``model=`` value of ``<client>.messages.create(...)`` calls in other modules (``project/uses.py`` finds every
use): the literal moves like a model written at a call, and the finding is reported here with the calls that
send it. A constant with any other use is left to the finding at each call (``Value.imported``).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from codemod.analysis.analyzer import FileAnalysis
from codemod.analysis.literals import literal_str
from codemod.analysis.request import Binding, Item, Value
from codemod.catalog.model_ids import parse_model_id
from codemod.context import RuleContext
from codemod.facts.models import ModelMove, move_of
from codemod.facts.module_constants import single_assignments
from codemod.project.uses import Use, definition_uses


@dataclass(frozen=True)
class ExportedModel:
    move: ModelMove
    uses: tuple[Use, ...]

    def sent_by(self) -> str:
        shown = ", ".join(use.shown() for use in self.uses[:3])
        more = f" and {len(self.uses) - 3} more" if len(self.uses) > 3 else ""
        return f"{self.move.item.value.binding.name} is sent as model= by {shown}{more}"  # type: ignore[union-attr]


def exported_models(analysis: FileAnalysis, ctx: RuleContext) -> list[ExportedModel]:
    if analysis.project is None or analysis.module is None or analysis.index is None:
        return []
    exported = []
    for target, string in single_assignments(analysis.module, cst.SimpleString, annotated=True):
        text = literal_str(string)
        if text is None or parse_model_id(text, ctx.catalog) is None:
            continue
        assignment = analysis.index.assignment_of(target)
        if assignment is None or assignment.references:
            continue  # read in this module: the module's own analysis decides
        uses = definition_uses(analysis.project, target.value)
        if uses is None:
            continue
        binding = Binding(target.value, target, [], editable=True)
        move = move_of(Item("model", string, Value(string, string, (binding,))), ctx)
        if move is not None:
            exported.append(ExportedModel(move, uses))
    return exported
