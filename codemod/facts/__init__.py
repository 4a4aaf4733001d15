"""Facts several rules read, computed once per file by the engine before any rule runs.

The analysis (``codemod/analysis``) finds the requests and SDK call sites of a module; the facts add what
depends on the catalogue and the user's settings: the model each request sends once ``apply`` has moved its
model IDs, and the plan for its thinking configuration. Rules read these and never each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from codemod.analysis.analyzer import FileAnalysis
from codemod.analysis.request import Request
from codemod.catalog import Model
from codemod.context import RuleContext
from codemod.facts.models import (
    ModelMove,
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
    thinking: ThinkingPlan = field(init=False)


@dataclass(eq=False)
class FileFacts:
    analysis: FileAnalysis
    requests: list[RequestFacts]
    output_format_moves: dict[int, OutputFormatMove]  # by id() of the output_format item node
    # The thinking dicts (node ids) the analysis traced to a request it recognises: the thinking rules
    # speak for them; a ``budget_tokens`` config outside this set is one the tool could not follow.
    traced_thinking: set[int] = field(default_factory=set)


def request_facts(request: Request, ctx: RuleContext) -> RequestFacts:
    moves = {id(item): move for item in request.items("model") if (move := move_of(item, ctx)) is not None}
    model = effective_model(request, moves, ctx)
    return RequestFacts(request, model, model_uncertainty(request, model, ctx), moves, names_no_claude_model(request, ctx))


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
    return FileFacts(analysis, requests, output_format_moves(analysis), traced)
