"""Facts several rules read, computed once per file by the engine before any rule runs.

The analysis (``codemod/analysis``) finds the requests and SDK call sites of a module; the facts add what
depends on the catalogue and the user's settings: the model each request sends once ``apply`` has moved its
model IDs, and the plan for its thinking configuration. Rules read these and never each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from codemod.analysis.analyzer import FileAnalysis
from codemod.analysis.request import Request
from codemod.catalog import RETIRED_CAPABILITIES, Capabilities, Model
from codemod.context import RuleContext
from codemod.facts.exported_models import ExportedModel, exported_models
from codemod.facts.exported_thinking import ExportedThinking, exported_thinking
from codemod.facts.models import (
    ModelMove,
    applied_move,
    effective_model,
    model_uncertainty,
    move_of,
    names_no_claude_model,
)
from codemod.facts.output_format import OutputFormatMove, output_format_moves
from codemod.facts.thinking import ThinkingPlan, plan_thinking


@dataclass(eq=False)
class RequestFacts:
    """One request and what is known of it."""

    request: Request
    model: Model  # the model it sends once apply has moved its model IDs (the target when unknown)
    model_uncertainty: str | None  # why ``model`` is a guess, when it is
    moves: dict[int, ModelMove]  # by id() of the model item: where each model value moves
    # Every model value is a literal that names no Claude model (``model="inspect"`` sent through
    # ``AsyncAnthropic(base_url=...)`` to a local bridge): what travels in ``extra_body`` reaches a server
    # that is not Anthropic's.
    other_server: bool
    moved: ModelMove | None = None  # the model move apply makes on this request, if it makes one
    thinking: ThinkingPlan = field(init=False)

    def caused_by_move(self, ctx: RuleContext, accepted: Callable[[Capabilities], bool]) -> str:
        """A note for a finding about something the request's new model rejects, when apply's model move brings
        it: the old model accepted it (as the catalogue records it, retired or not), or its capabilities were
        never recorded (a model retired long ago). "" when the old model rejected it too."""
        move = self.moved
        if move is None:
            return ""
        record = ctx.catalog.recorded(move.ref.model.id)
        by = f"the move of {move.ref.text} to {move.new.id} by {move.code} (a {move.applicability} fix)"
        if record is None or record.capabilities is RETIRED_CAPABILITIES:
            return f"; {by} brings this"
        return f"; {by} causes this: {record.id} accepted it" if accepted(record.capabilities) else ""


@dataclass(eq=False)
class FileFacts:
    analysis: FileAnalysis
    requests: list[RequestFacts]
    output_format_moves: dict[int, OutputFormatMove]  # by id() of the output_format item node
    # The thinking dicts (node ids) the analysis traced to a request it recognises: the thinking rules
    # speak for them; a ``budget_tokens`` config outside this set is one the tool could not follow.
    traced_thinking: set[int] = field(default_factory=set)
    # Model constants of this module sent by requests in other modules only (CM301-CM303 move them here).
    exported_models: list[ExportedModel] = field(default_factory=list)
    # Thinking constants of this module sent as thinking= by other modules' requests only (CM101 moves them).
    exported_thinking: list[ExportedThinking] = field(default_factory=list)


def request_facts(request: Request, ctx: RuleContext) -> RequestFacts:
    moves = {id(item): move for item in request.items("model") if (move := move_of(item, ctx)) is not None}
    model = effective_model(request, moves, ctx)
    moved = applied_move(request, moves, ctx)
    return RequestFacts(
        request,
        model,
        model_uncertainty(request, model, ctx),
        moves,
        names_no_claude_model(request, ctx),
        moved if moved and moved.new is model else None,
    )


def file_facts(analysis: FileAnalysis, ctx: RuleContext) -> FileFacts:
    requests = [request_facts(request, ctx) for request in analysis.requests]
    by_request = {id(facts.request): facts for facts in requests}
    for facts in requests:
        facts.thinking = plan_thinking(facts, by_request, ctx)
    traced = {
        id(item.value.mapping.node)
        for request in analysis.requests
        for item in request.items("thinking")
        if item.value.mapping is not None
    }
    thinking_constants = exported_thinking(analysis, ctx)
    traced.update(id(exported.node) for exported in thinking_constants)
    return FileFacts(
        analysis, requests, output_format_moves(analysis), traced, exported_models(analysis, ctx), thinking_constants
    )
