"""The thinking plan of a request: what migrating its thinking configuration and effort level takes.

Computed once per request by the engine and read by the rules that report each part (CM101-CM107) and by
the rules whose verdict depends on the thinking a request sends once migrated (the interleaved-thinking
beta header, CM402; a request left thinking by default, CM504). Each ``Change`` names the code that
reports it; the edits that add keys to ``output_config`` are merged into one edit for the changes that
``apply`` makes, so that moving a budget to an effort and moving ``thinking.task_budget`` compose.

The facts behind it (public sources are cited in each rule's page): Opus 4.7 and later reject
``{"type": "enabled", "budget_tokens": N}`` and the 4.6 models deprecate it; the replacement is
``{"type": "adaptive"}`` plus ``output_config.effort``, for which no official budget mapping exists (the
effort map chooses, and the message says how). Effort and task budgets live in ``output_config``, not in
``thinking``; ``"none"`` is not a thinking type; models that cannot turn thinking off have documented
substitutes (``codemod/facts/thinking_off.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import libcst as cst

from codemod.analysis.literals import (
    is_side_effect_free,
    literal_int,
    literal_str,
    quote_like,
    string_of,
)
from codemod.analysis.request import Item, Mapping, Request
from codemod.catalog import EFFORT_ORDER, Model, clamp_effort
from codemod.context import RuleContext
from codemod.edits import Edit, RemoveItem, RemoveStatement, Replace, code_of
from codemod.facts.thinking_imported import imported_budget
from codemod.facts.thinking_off import (
    Change,
    Entries,
    Planned,
    ThinkingOffPlanner,
    shared_reason,
)
from codemod.findings import SAFE, UNSAFE, Fix
from codemod.request_edits import (
    OutputConfigWriter,
    add_beta_header,
    beta_list_blocker,
    dict_of,
    removal,
    typed_rename,
)

if TYPE_CHECKING:
    from codemod.facts import RequestFacts


@dataclass(eq=False)
class ThinkingPlan:
    changes: list[Change] = field(default_factory=list)

    def of(self, code: str) -> list[Change]:
        return [change for change in self.changes if change.code == code]

    def _applied(self, codes: tuple[str, ...], ctx: RuleContext) -> list[Change]:
        return [
            change
            for change in self.changes
            if change.code in codes
            and change.fix is not None
            and change.fix.edits
            and ctx.will_fix(change.code, change.fix.applicability, change.node)
        ]

    def converted_to_adaptive(self, ctx: RuleContext) -> set[int]:
        """The thinking dicts (node ids) that ``apply`` turns from ``enabled`` into ``adaptive``."""
        return {id(change.node) for change in self._applied(("CM101", "CM102"), ctx)}

    def removes_every_thinking(self, request: Request, ctx: RuleContext) -> bool:
        """Whether ``apply`` removes every ``thinking`` the request sends (the substitute on a model that
        cannot turn thinking off): then, once migrated, it thinks by default as if it sent none."""
        items = request.items("thinking")
        removed: set[int] = set()
        for change in self._applied(("CM107",), ctx):
            edits = change.fix.edits if change.fix is not None else ()
            removed.update(id(e.item) for e in edits if isinstance(e, RemoveItem))
            removed.update(id(e.statement) for e in edits if isinstance(e, RemoveStatement))
            # ``kw["thinking"] = {"type": "disabled"}`` rewritten whole as ``kw["output_config"] = {...}``
            removed.update(id(e.node) for e in edits if isinstance(e, Replace))
        return bool(items) and all(
            id(item.node) in removed or (item.mutation is not None and id(item.mutation.statement) in removed)
            for item in items
        )


TASK_BUDGET_BETA = "task-budgets-2026-03-13"
TASK_BUDGET_MINIMUM = 20_000


# A change, the edits of its own, and the keys it adds to output_config.


class _Planner(ThinkingOffPlanner):
    """Plans the thinking/effort changes of one request so that their edits compose."""

    def __init__(self, facts: RequestFacts, others: dict[int, RequestFacts], ctx: RuleContext) -> None:
        self.request = facts.request
        self.others = others
        self.ctx = ctx
        self.model: Model = facts.model
        self.caps = self.model.capabilities
        self.changes: list[Change] = []
        self.uncertain: str | None = facts.model_uncertainty  # why the model is a guess, if it is

    def run(self) -> list[Change]:
        for thinking in self.request.items("thinking"):  # one per branch that sets it
            imported = imported_budget(self.request, thinking, self.model, self.ctx)
            if imported is not None:
                self.changes.append(imported)
            if thinking.value.mapping is not None:
                self._thinking(thinking, thinking.value.mapping)
        for output_config in self.request.items("output_config"):
            self._output_effort(output_config)
        return self.changes

    # thinking ---------------------------------------------------------------------------------
    def _thinking(self, thinking: Item, mapping: Mapping) -> None:
        type_item = mapping.get("type")
        kind = literal_str(type_item.value.expr) if type_item else None
        if type_item is None or kind is None:
            return  # unresolved type: reported by CM001
        style = string_of(mapping.node)
        out = OutputConfigWriter(self.request, thinking, style)
        editable = (
            mapping.editable
            and type_item.value.editable
            and not self._shared_disagreement(thinking)
            and self.uncertain is None
        )
        planned: list[Planned] = []

        if kind == "enabled" and self.caps.thinking_enabled in ("rejected", "deprecated") and self.caps.thinking_adaptive:
            planned.append(self._budget(thinking, mapping, type_item, out, style, editable))
        elif kind == "none":
            planned.append(self._type_none(thinking, mapping, type_item, out, style, editable))
        elif kind == "disabled" and not self.model.is_retired:
            disabled = self._disabled(thinking, mapping, type_item, out, style, editable)
            if disabled is not None:
                planned.append(disabled)
        effort = mapping.get("effort")
        if effort is not None and kind in ("adaptive", "enabled"):
            planned.extend(self._effort_in_thinking(mapping, effort, out, style, editable))
        task_budget = mapping.get("task_budget")
        if task_budget is not None:
            planned.append(self._task_budget(mapping, task_budget, out, style, editable))

        # One output_config edit for all fixes that will be applied, so they compose.
        applied = [
            (change, entries)
            for change, _, entries in planned
            if change.fix is not None
            and self.ctx.will_fix(change.code, change.fix.applicability, change.node)
        ]
        shared = out.edits([entry for _, entries in applied for entry in entries])
        for change, own_edits, entries in planned:
            if change.fix is not None:
                extra = shared if any(change is f for f, _ in applied) else out.edits(entries)
                change.fix = Fix(change.fix.applicability, (*own_edits, *extra))
            self.changes.append(change)

    def _shared_disagreement(self, thinking: Item) -> bool:
        """Whether a thinking constant is sent by requests to models that accept different things.

        Then no single edit of the constant is right for every request.
        """
        binding = thinking.value.binding
        if binding is None or len(binding.users) < 2:
            return False
        return len({self.others[id(user)].model.capabilities for user in binding.users if id(user) in self.others}) > 1

    def _budget(self, thinking: Item, mapping: Mapping, type_item: Item, out: OutputConfigWriter,
                style: cst.SimpleString | None, editable: bool) -> Planned:
        budget_item = mapping.get("budget_tokens")
        budget = literal_int(budget_item.value.expr) if budget_item else None
        status = "deprecated on" if self.caps.thinking_enabled == "deprecated" else "rejected by"
        node = mapping.node
        own: list[Edit] = [Replace(type_item.value.expr, quote_like(style, "adaptive")), *typed_rename(mapping)]
        if budget_item is not None:
            own.append(RemoveItem(mapping.node, budget_item.node))
        entries: Entries = []
        blocker = None if editable else (self.uncertain or shared_reason(thinking))

        if budget is None:
            shown = code_of(budget_item.value.site) if budget_item else "(missing)"
            message = (
                f'thinking type "enabled" is {status} {self.model.id}; budget_tokens={shown} is not a literal, '
                f'so no effort level can be chosen: use {{"type": "adaptive"}} and set {out.effort_label} '
                f"by the budget (effort map: {self.ctx.effort_map.describe()})"
            )
            fix = None if blocker else Fix(UNSAFE, tuple(own))
            if blocker:
                message += f"; no automatic fix: {blocker}"
            return Change('CM102', node, message, fix), own, entries

        # An effort the user wrote (in output_config, or in thinking where CM103 moves it) wins.
        existing = out.existing("effort") or mapping.get("effort")
        mapped = self.ctx.effort_map.level_for(budget)
        effort = clamp_effort(mapped, self.caps.effort_levels)
        why = f"budget {self.ctx.effort_map.range_for(mapped)} -> {mapped} by the effort map"
        if effort != mapped:
            why += f", lowered to {effort}, the nearest level {self.model.id} accepts"
        if existing is not None:
            action = "the effort already written is kept"
        elif effort is None:
            action = f"{self.model.id} has no effort levels"
        else:
            action = f'{out.effort_label} "{effort}" ({why}; no official mapping exists)'
            entries.append(("effort", quote_like(style, effort)))
            blocker = blocker or out.blocker()
        message = (
            f'thinking type "enabled" with budget_tokens={budget} is {status} {self.model.id}: '
            f'use {{"type": "adaptive"}} and {action}'
        )
        if blocker:
            message += f"; no automatic fix: {blocker}"
            return Change('CM101', node, message, None), own, entries
        return Change('CM101', node, message, Fix(SAFE, tuple(own))), own, entries

    def _effort_in_thinking(self, mapping: Mapping, effort: Item, out: OutputConfigWriter,
                            style: cst.SimpleString | None, editable: bool) -> list[Planned]:
        """CM103, plus CM106 when the moved level is one the model does not accept."""
        shown = code_of(effort.value.site)
        own: list[Edit] = [RemoveItem(mapping.node, effort.node)]
        existing = out.existing("effort")
        level = literal_str(effort.value.expr)
        blocker = None if editable else (self.uncertain or "the thinking dict is shared with other code")
        companion: Planned | None = None
        if existing is not None:
            entries: Entries = []
            message = f"effort={shown} is not a thinking key; output_config already sets effort, so it is removed from thinking"
        else:
            value = effort.value.site
            if not is_side_effect_free(value):
                blocker = blocker or f"{shown} may have side effects and cannot be moved"
            blocker = blocker or out.blocker()
            if level is not None and level not in EFFORT_ORDER:
                companion = (self._not_a_level(effort.value.expr, level), own, [])
            elif level is not None and level not in self.caps.effort_levels:
                clamped = clamp_effort(level, self.caps.effort_levels)
                clamped_value = quote_like(style, clamped) if clamped is not None else None
                # No level at all (a model without effort): the fix removes the effort instead of moving it,
                # as CM106 does for output_config.effort, so that one pass reaches the fixed point.
                fix = None if blocker else Fix(UNSAFE, tuple(own))
                companion = (self._unsupported(effort.value.expr, level, clamped, fix), own,
                             [("effort", clamped_value)] if clamped_value is not None else [])
                if fix is not None and self.ctx.will_fix('CM106', UNSAFE, effort.value.expr):
                    value = clamped_value  # type: ignore[assignment]
            message = f"effort={shown} belongs in output_config, not thinking: moved to output_config.effort"
            entries = [("effort", value)] if value is not None else []
        result: list[Planned] = []
        if blocker:
            result.append((Change('CM103', effort.node, f"{message}; no automatic fix: {blocker}", None), own, entries))
        else:
            result.append((Change('CM103', effort.node, message, Fix(SAFE, tuple(own))), own, entries))
        if companion is not None:
            result.append(companion)
        return result

    def _task_budget(self, mapping: Mapping, task_budget: Item, out: OutputConfigWriter,
                     style: cst.SimpleString | None, editable: bool) -> Planned:
        total = literal_int(task_budget.value.expr)
        shown = code_of(task_budget.value.site)
        documented = (
            f'output_config={{"task_budget": {{"type": "tokens", "total": {shown}}}}} on client.beta.messages '
            f'with betas=["{TASK_BUDGET_BETA}"]'
        )
        message = f"task_budget={shown} is not a thinking key; the documented form is {documented}"
        own: list[Edit] = [RemoveItem(mapping.node, task_budget.node)]
        entries: Entries = []
        blocker = None
        if not self.request.beta or self.request.operation == "batch":
            blocker = "task budgets exist only on client.beta.messages calls"
        elif total is not None and total < TASK_BUDGET_MINIMUM:
            blocker = f"the minimum total is {TASK_BUDGET_MINIMUM} tokens (smaller values return a 400)"
        elif not is_side_effect_free(task_budget.value.site) or not editable:
            blocker = "the value cannot be moved safely"
        elif out.existing("task_budget") is not None:
            blocker = "output_config already has a task_budget"
        else:
            blocker = out.blocker() or self._beta_blocker()
        if blocker:
            return Change('CM104', task_budget.node, f"{message}; {blocker}", None), own, entries
        value = dict_of(style, [("type", quote_like(style, "tokens")), ("total", task_budget.value.site)])
        entries.append(("task_budget", value))
        own.extend(self._beta_edits(style))
        return Change('CM104', task_budget.node, message, Fix(SAFE, tuple(own))), own, entries

    def _beta_blocker(self) -> str | None:
        return beta_list_blocker(self.request)

    def _beta_edits(self, style: cst.SimpleString | None) -> list[Edit]:
        return add_beta_header(self.request, TASK_BUDGET_BETA, style)

    def _current_effort(self) -> str | None:
        items = self.request.items("output_config")
        mapping = items[0].value.mapping if len(items) == 1 else None
        effort = mapping.get("effort") if mapping else None
        return literal_str(effort.value.expr) if effort else None

    def _unsupported(self, node: cst.BaseExpression, level: str, clamped: str | None, fix: Fix | None) -> Change:
        if clamped is None:
            message = f'effort "{level}" is not accepted: {self.model.id} has no effort parameter; remove it'
        else:
            levels = ", ".join(self.caps.effort_levels)
            message = f'effort "{level}" is not accepted by {self.model.id} ({levels}): use "{clamped}"'
        return Change('CM106', node, message, fix)

    def _not_a_level(self, node: cst.BaseExpression, level: str) -> Change:
        levels = ", ".join(self.caps.effort_levels) or "none"
        message = (
            f'effort "{level}" is not an effort level ({", ".join(EFFORT_ORDER)}); the API rejects it. '
            f"{self.model.id} accepts: {levels}"
        )
        return Change('CM106', node, message)

    def _output_config_may_gain_keys(self) -> bool:
        """Whether another fix may put a key into output_config (CM401 its ``format``, CM103/CM104 a key
        moved out of thinking): then removing its last effort must not remove the whole argument, or the
        inserted key would go with it."""
        if self.request.items("output_format"):
            return True
        for thinking in self.request.items("thinking"):
            mapping = thinking.value.mapping
            if mapping is not None and (mapping.get("effort") is not None or mapping.get("task_budget") is not None):
                return True
        return False

    def _output_effort(self, item: Item) -> None:
        mapping = item.value.mapping
        effort = mapping.get("effort") if mapping else None
        level = literal_str(effort.value.expr) if effort else None
        if mapping is None or effort is None or level is None:
            return
        if level in self.caps.effort_levels:
            return
        if level not in EFFORT_ORDER:
            self.changes.append(self._not_a_level(effort.value.expr, level))
            return
        clamped = clamp_effort(level, self.caps.effort_levels)
        fix = None
        if effort.value.editable and mapping.editable:
            if clamped is not None and isinstance(effort.value.expr, cst.SimpleString):
                fix = Fix(UNSAFE, (Replace(effort.value.expr, quote_like(effort.value.expr, clamped)),))
            elif clamped is None and len(mapping.items) == 1 and not mapping.opaque and not item.value.bindings \
                    and not self._output_config_may_gain_keys():
                whole = removal(item) if item.editable else None
                fix = Fix(UNSAFE, (whole,)) if whole is not None else None
            elif clamped is None:
                fix = Fix(UNSAFE, (RemoveItem(mapping.node, effort.node),))
        self.changes.append(self._unsupported(effort.value.expr, level, clamped, fix))


def plan_thinking(facts: RequestFacts, others: dict[int, RequestFacts], ctx: RuleContext) -> ThinkingPlan:
    """The thinking plan of one request; ``others``: the facts of the file's requests, by request id."""
    return ThinkingPlan(_Planner(facts, others, ctx).run())
