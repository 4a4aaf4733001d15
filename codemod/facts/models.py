"""Facts about the model a request sends: where each model value moves, and the model after ``apply``.

A model value moves when its catalogue row, on the day of the run, says so (CM301-CM303 report the moves):
- ``superseded``: an older generation of the target's family moves to the target;
- ``retired``: a retired model moves to its replacement;
- ``deprecated``: a model with an announced retirement moves to its replacement.

The replacement follows one rule (``codemod/catalog/replacements.py``): the target for the target's
family; else the family's model set in ``[tool.claude-migrate.replacements]``; else the end of the
model's successor chain, a model that is neither deprecated nor retired.

The effective model of a request is the model it sends once the moves that ``apply`` makes are made; the
thinking, effort and request-shape rules reason about that model.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from codemod.analysis.literals import literal_str, quote_like
from codemod.analysis.request import Item, Request
from codemod.catalog import Model
from codemod.catalog.model_ids import ModelRef, parse_model_id
from codemod.catalog.replacements import Replacement, destination, move_in_form
from codemod.context import RuleContext
from codemod.edits import Replace, code_of
from codemod.findings import SAFE, UNSAFE, Applicability

# The rule that reports each kind of move, and how safe its fix is: the effective model counts a move
# only when ``apply`` makes it.
MOVE_CODES: dict[str, tuple[str, Applicability]] = {
    "superseded": ("CM301", SAFE),
    "retired": ("CM302", SAFE),
    "deprecated": ("CM303", UNSAFE),
}


@dataclass(frozen=True)
class ModelMove:
    """One model value and the model it moves to."""

    item: Item
    ref: ModelRef
    kind: str  # superseded | retired | deprecated
    new: Model
    new_text: str | None  # None: the new model has no documented ID in this platform form
    note: str  # why there is no ``new_text``
    edit: Replace | None  # None: the value cannot be rewritten where it is written
    via: Replacement | None = None  # how the model it moves to was chosen
    # The value is a constant of another module of the run, rewritten there (its finding is reported there).
    elsewhere: bool = False

    @property
    def code(self) -> str:
        return MOVE_CODES[self.kind][0]

    @property
    def applicability(self) -> Applicability:
        return MOVE_CODES[self.kind][1]


def successor_of(model: Model, ctx: RuleContext) -> tuple[str, Model, Replacement] | None:
    """The kind of move of ``model``, the model it moves to and how that was chosen, or None if it stays."""
    found = destination(model, ctx.catalog, ctx.target, ctx.replacements)
    return (found[0], found[1].model, found[1]) if found is not None else None


def _ref(item: Item, ctx: RuleContext) -> ModelRef | None:
    """The catalogue model a model value's literal names, in its platform form."""
    imported = item.value.imported  # MODEL imported from a project module bound there to a literal
    text = imported.value if imported is not None and isinstance(imported.value, str) else literal_str(item.value.expr)
    return parse_model_id(text, ctx.catalog) if text is not None else None


def move_of(item: Item, ctx: RuleContext) -> ModelMove | None:
    """Where one model value moves, if anywhere."""
    ref = _ref(item, ctx)
    move = move_in_form(ref, ctx.catalog, ctx.target, ctx.replacements) if ref is not None else None
    if ref is None or move is None:
        return None
    kind, new, via, rendered = move.kind, move.model, move.via, move.rendered
    edit = None
    expr = item.value.expr
    if rendered.text is not None and isinstance(expr, cst.SimpleString) and item.value.editable:
        edit = Replace(expr, quote_like(expr, rendered.text))
    elsewhere = item.value.rewritten_where_defined and rendered.text is not None
    return ModelMove(item, ref, kind, new, rendered.text, rendered.note, edit, via, elsewhere)


def _model_after(item: Item, move: ModelMove | None, ctx: RuleContext) -> Model | None:
    ref = move.ref if move is not None else _ref(item, ctx)
    if ref is None:
        return None
    if move is not None and (move.edit is not None or move.elsewhere) and ctx.will_fix(move.code, move.applicability, item.value.expr):
        return move.new
    return ref.model


def applied_move(request: Request, moves: dict[int, ModelMove], ctx: RuleContext) -> ModelMove | None:
    """The model move ``apply`` makes on this request, when every model value it sends is moved by one
    (the request's model before the move is then known): the move a new model's findings can blame."""
    items = request.items("model")
    found = [moves.get(id(item)) for item in items]
    if not found or any(move is None or _model_after(move.item, move, ctx) is not move.new for move in found):
        return None
    first = found[0]
    assert first is not None
    same = all(move is not None and move.ref.model.id == first.ref.model.id and move.new.id == first.new.id for move in found)
    return first if same else None


def effective_model(request: Request, moves: dict[int, ModelMove], ctx: RuleContext) -> Model:
    """The model the request sends once the model moves that ``apply`` would make are made.

    An unresolved or unknown model is taken to be the target; so is a request whose model differs
    between branches, unless every branch sends models that accept the same requests.
    """
    models = [_model_after(item, moves.get(id(item)), ctx) for item in request.items("model")]
    if not models or any(model is None for model in models):
        return ctx.target
    if len({model.capabilities for model in models if model is not None}) == 1:
        return models[0]  # type: ignore[return-value]
    return ctx.target


def fallback_literals(expr: cst.BaseExpression) -> list[tuple[cst.BaseExpression, str]]:
    """Model literals (node, text) an expression chosen at run time falls back to.

    ``os.environ.get("MODEL", "claude-haiku-4-5")``, ``os.getenv(..., default=...)``,
    ``settings.get("model", "...")`` and ``value or "claude-..."``.
    """
    if isinstance(expr, cst.Call):
        defaults = [a.value for a in expr.args if a.keyword is not None and a.keyword.value == "default"]
        positional = [a.value for a in expr.args if a.keyword is None and not a.star]
        candidates = defaults or positional[1:2]
        return [(c, text) for c in candidates if (text := literal_str(c)) is not None]
    if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or):
        text = literal_str(expr.right)
        return [(expr.right, text)] if text is not None else []
    return []


def model_uncertainty(request: Request, assumed: Model, ctx: RuleContext) -> str | None:
    """Why the model a fix reasons about is a guess, when it is.

    An unresolved model is taken to be the target; but when the code names a fallback model that
    accepts different requests (a deployment default of Haiku 4.5, say), fixing for the target could
    break the fallback, so thinking fixes are reported instead.
    """
    for item in request.items("model"):
        if literal_str(item.value.expr) is not None:
            continue
        for _, text in fallback_literals(item.value.expr):
            ref = parse_model_id(text, ctx.catalog)
            if ref is None:
                continue
            moved = successor_of(ref.model, ctx)
            fallback = moved[1] if moved is not None else ref.model
            if fallback.capabilities != assumed.capabilities:
                return (
                    f"the model is chosen at run time ({code_of(item.value.expr)}) and may be {fallback.id}, "
                    f"which accepts different thinking settings than {assumed.id}"
                )
    return None


def names_no_claude_model(request: Request, ctx: RuleContext) -> bool:
    """Whether every model the request sends is a literal that is no Claude model ID (none: False)."""
    items = request.items("model")
    texts = [literal_str(item.value.expr) for item in items]
    return bool(items) and all(text is not None and parse_model_id(text, ctx.catalog) is None for text in texts)
