"""CM101-CM107: the thinking configuration and the effort level.

Sources (api-facts.md): Opus 4.7 and later reject ``thinking={"type": "enabled", "budget_tokens": N}``
with a 400 and the 4.6 models deprecate it (§2.1, D-THINK-TS); the replacement is
``{"type": "adaptive"}`` plus ``output_config={"effort": ...}`` (§3, D-EFFORT). Effort lives in
``output_config``, not in ``thinking``; task budgets live in ``output_config.task_budget`` on beta
calls with ``task-budgets-2026-03-13`` (§2.3, D-TB); ``"none"`` is not a thinking type (§3).
There is no official budget -> effort mapping (§4), so the chosen level is always stated.

CM107 thinking-cannot-be-disabled: ``{"type": "disabled"}`` is a 400 on models that cannot turn thinking
off (Opus 5.5, Fable/Mythos 5.x: "thinking.type.disabled is not supported", D-O55-MIG, D-THINK-TS), on
Opus 5 and Haiku 5.5 above effort ``high`` (D-THINK-TS footnote 2, D-H55-PROMPT), and on Sonnet 5.5,
whose error points to ``{"type": "between_tools"}``, accepted at effort <= high only (D-S55-NEW) (§2.1,
§3). The fix uses the documented substitute and is unsafe (the model then thinks where the code said it
should not, or works at a lower effort than written): on Sonnet 5.5 ``between_tools`` (with the effort
lowered to ``high`` if it was above); on models that accept ``disabled`` up to an effort, ``disabled`` is
kept and the effort lowered to that level (the smallest change the API accepts, rather than dropping
``thinking`` and the written effort); elsewhere ``thinking`` is removed and ``output_config.effort`` set to
the lowest level ("where you disabled thinking to save tokens, use a lower [effort]", D-O55-MIG, §4), while
an effort already written is kept. CM105 (``"none"``) takes the same substitute where ``disabled`` is not accepted. Which model
accepts what is read from the catalogue (``thinking_disabled``, ``disabled_max_effort``,
``thinking_between_tools``, ``between_tools_max_effort``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from codemod.analysis.literals import is_side_effect_free, literal_int, literal_str, quote_like, string_of
from codemod.analysis.model import Item, Mapping, Request
from codemod.catalog import EFFORT_ORDER, Model, clamp_effort, effort_rank
from codemod.edits import (
    AddImport,
    Edit,
    InsertItem,
    InsertStatementAfter,
    RemoveImportIfUnused,
    RemoveItem,
    Replace,
    code_of,
)
from codemod.findings import SAFE, UNSAFE, Finding, Fix, Rule
from codemod.rules import RuleFamily
from codemod.rules._edits import dict_of, add_beta_header, beta_list_blocker, insert_next_to, removal, set_nested_after
from codemod.rules.context import RuleContext
from codemod.rules.model_ids import effective_model, model_uncertainty

BUDGET_TOKENS = Rule(
    "CM101",
    "budget-tokens",
    'thinking {"type": "enabled", "budget_tokens": N} -> {"type": "adaptive"} + output_config.effort.',
    SAFE,
)
BUDGET_TOKENS_DYNAMIC = Rule(
    "CM102",
    "budget-tokens-dynamic",
    "Same as CM101 with a budget that is not a literal: reported; the fix drops the budget, no effort.",
    UNSAFE,
)
EFFORT_IN_THINKING = Rule(
    "CM103",
    "effort-in-thinking",
    "thinking.effort (a shape from migration articles) moved to output_config.effort.",
    SAFE,
)
TASK_BUDGET_IN_THINKING = Rule(
    "CM104",
    "task-budget-in-thinking",
    "thinking.task_budget moved to output_config.task_budget with its beta header (beta calls).",
    "safe on beta calls, else report",
)
THINKING_TYPE_NONE = Rule(
    "CM105",
    "thinking-type-none",
    'thinking {"type": "none"} (not a valid type) -> {"type": "disabled"} where the model allows it; '
    "elsewhere the CM107 substitute.",
    "safe where disabled is accepted, else unsafe",
)
EFFORT_UNSUPPORTED = Rule(
    "CM106",
    "effort-level-unsupported",
    "An effort level the model does not accept: lowered to the nearest level it does.",
    UNSAFE,
)
THINKING_CANNOT_BE_DISABLED = Rule(
    "CM107",
    "thinking-cannot-be-disabled",
    'thinking {"type": "disabled"} where the model rejects it (cannot turn thinking off, or not at that effort): '
    'the documented substitute ({"type": "between_tools"}, a lower effort, or thinking removed with effort "low").',
    UNSAFE,
)

TASK_BUDGET_BETA = "task-budgets-2026-03-13"
Entries = list[tuple[str, cst.BaseExpression]]
TASK_BUDGET_MINIMUM = 20_000


def _string(style: cst.SimpleString | None, value: str) -> cst.SimpleString:
    return quote_like(style, value)


@dataclass
class _OutputConfig:
    """Additions to a request's ``output_config``, merged into one edit set.

    A new ``output_config`` goes right next to the thinking value it belongs to (the same call, the
    same dict, or a ``kw["output_config"] = ...`` statement after ``kw["thinking"] = ...``), so that
    every branch that sets thinking also sets its effort.
    """

    request: Request
    anchor: Item  # the thinking item
    style: cst.SimpleString | None

    @property
    def items(self) -> list[Item]:
        return self.request.items("output_config")

    def existing(self, key: str) -> Item | None:
        for item in self.items:
            mapping = item.value.mapping
            if mapping is not None and key in mapping.items:
                return mapping.items[key]
        return None

    def blocker(self) -> str | None:
        """Why keys cannot be added to ``output_config`` statically, or None."""
        items = self.items
        if not items:
            if self.request.opaque:
                return "the request also takes parts built at run time, which may already hold output_config"
            if not self.anchor.editable:
                return "the dict that holds thinking is also used by other code"
            if insert_next_to(self.anchor, "output_config", cst.Dict([])) is None:
                return "thinking is set by a statement output_config cannot be added next to"
            return None
        if len(items) > 1:
            return "output_config is set in several places"
        item = items[0]
        mapping = item.value.mapping
        if mapping is None:
            return f"output_config={code_of(item.value.site)} is not a dict literal"
        if mapping.opaque:
            return "output_config has keys that are not known statically"
        if not mapping.editable:
            return "output_config is also used by other code"
        return None

    def edits(self, entries: Entries) -> tuple[Edit, ...]:
        entries = list({key: value for key, value in reversed(entries)}.items())[::-1]  # first wins
        if not entries:
            return ()
        items = self.items
        if not items:
            edit = insert_next_to(self.anchor, "output_config", dict_of(self.style, entries))
            return (edit,) if edit is not None else ()
        mapping = items[0].value.mapping
        assert mapping is not None
        mutation = self.anchor.mutation
        if mutation is not None and mutation.kind == "set" and items[0].container is not None:
            # Thinking is set by a statement (maybe on one branch only) and output_config sits in the
            # dict literal: set the key right after the thinking statement, so that other paths,
            # which send no thinking, keep their output_config as it was.
            return tuple(set_nested_after(mutation, "output_config", key, value) for key, value in entries)
        last = list(mapping.items.values())[-1].node if mapping.items else None
        return tuple(InsertItem(mapping.node, key, value, after=last) for key, value in entries)  # type: ignore[arg-type]


# A finding, the edits of its own, and the keys it adds to output_config.
Planned = tuple[Finding, list[Edit], Entries]


@dataclass
class _Substitute:
    """What replaces a thinking config the model rejects as a way to turn thinking off (CM105, CM107)."""

    action: str  # what the fix does, for the message
    edits: list[Edit]
    entries: Entries  # keys to add to output_config
    blocker: str | None  # why no fix can be made, if so


class _Planner:
    """Plans the thinking/effort changes of one request so that their edits compose."""

    def __init__(self, request: Request, ctx: RuleContext) -> None:
        self.request = request
        self.ctx = ctx
        self.model: Model = effective_model(request, ctx)
        self.caps = self.model.capabilities
        self.findings: list[Finding] = []
        self.uncertain: str | None = None  # why the model is a guess, if it is

    def run(self) -> list[Finding]:
        for thinking in self.request.items("thinking"):  # one per branch that sets it
            if thinking.value.mapping is not None:
                self._thinking(thinking, thinking.value.mapping)
        for output_config in self.request.items("output_config"):
            self._output_effort(output_config)
        return self.findings

    # thinking ---------------------------------------------------------------------------------
    def _thinking(self, thinking: Item, mapping: Mapping) -> None:
        type_item = mapping.get("type")
        kind = literal_str(type_item.value.expr) if type_item else None
        if type_item is None or kind is None:
            return  # unresolved type: reported by CM001
        style = string_of(mapping.node)
        out = _OutputConfig(self.request, thinking, style)
        self.uncertain = model_uncertainty(self.request, self.ctx)
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
            (finding, entries)
            for finding, _, entries in planned
            if finding.fix is not None
            and self.ctx.will_fix(finding.rule.code, finding.fix.applicability, finding.node)
        ]
        shared = out.edits([entry for _, entries in applied for entry in entries])
        for finding, own_edits, entries in planned:
            if finding.fix is not None:
                extra = shared if any(finding is f for f, _ in applied) else out.edits(entries)
                finding.fix = Fix(finding.fix.applicability, (*own_edits, *extra))
            self.findings.append(finding)

    def _shared_disagreement(self, thinking: Item) -> bool:
        """Whether a thinking constant is sent by requests to models that accept different things.

        Then no single edit of the constant is right for every request.
        """
        binding = thinking.value.binding
        if binding is None or len(binding.users) < 2:
            return False
        return len({effective_model(user, self.ctx).capabilities for user in binding.users}) > 1

    def _budget(self, thinking: Item, mapping: Mapping, type_item: Item, out: _OutputConfig,
                style: cst.SimpleString | None, editable: bool) -> Planned:
        budget_item = mapping.get("budget_tokens")
        budget = literal_int(budget_item.value.expr) if budget_item else None
        status = "deprecated on" if self.caps.thinking_enabled == "deprecated" else "rejected by"
        node = mapping.node
        own: list[Edit] = [Replace(type_item.value.expr, _string(style, "adaptive")), *_typed_rename(mapping)]
        if budget_item is not None:
            own.append(RemoveItem(mapping.node, budget_item.node))
        entries: Entries = []
        blocker = None if editable else (self.uncertain or _shared(thinking))

        if budget is None:
            shown = code_of(budget_item.value.site) if budget_item else "(missing)"
            message = (
                f'thinking type "enabled" is {status} {self.model.id}; budget_tokens={shown} is not a literal, '
                f'so no effort level can be chosen: use {{"type": "adaptive"}} and set output_config.effort '
                f"by the budget (effort map: {self.ctx.effort_map.describe()})"
            )
            fix = None if blocker else Fix(UNSAFE, tuple(own))
            if blocker:
                message += f"; no automatic fix: {blocker}"
            return Finding(BUDGET_TOKENS_DYNAMIC, node, message, fix), own, entries

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
            action = f'output_config.effort "{effort}" ({why}; no official mapping exists)'
            entries.append(("effort", _string(style, effort)))
            blocker = blocker or out.blocker()
        message = (
            f'thinking type "enabled" with budget_tokens={budget} is {status} {self.model.id}: '
            f'use {{"type": "adaptive"}} and {action}'
        )
        if blocker:
            message += f"; no automatic fix: {blocker}"
            return Finding(BUDGET_TOKENS, node, message, None), own, entries
        return Finding(BUDGET_TOKENS, node, message, Fix(SAFE, tuple(own))), own, entries

    def _effort_in_thinking(self, mapping: Mapping, effort: Item, out: _OutputConfig,
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
                clamped_value = _string(style, clamped) if clamped is not None else None
                # No level at all (a model without effort): the fix removes the effort instead of moving it,
                # as CM106 does for output_config.effort, so that one pass reaches the fixed point.
                fix = None if blocker else Fix(UNSAFE, tuple(own))
                companion = (self._unsupported(effort.value.expr, level, clamped, fix), own,
                             [("effort", clamped_value)] if clamped_value is not None else [])
                if fix is not None and self.ctx.will_fix(EFFORT_UNSUPPORTED.code, UNSAFE, effort.value.expr):
                    value = clamped_value  # type: ignore[assignment]
            message = f"effort={shown} belongs in output_config, not thinking: moved to output_config.effort"
            entries = [("effort", value)] if value is not None else []
        result: list[Planned] = []
        if blocker:
            result.append((Finding(EFFORT_IN_THINKING, effort.node, f"{message}; no automatic fix: {blocker}", None), own, entries))
        else:
            result.append((Finding(EFFORT_IN_THINKING, effort.node, message, Fix(SAFE, tuple(own))), own, entries))
        if companion is not None:
            result.append(companion)
        return result

    def _task_budget(self, mapping: Mapping, task_budget: Item, out: _OutputConfig,
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
            return Finding(TASK_BUDGET_IN_THINKING, task_budget.node, f"{message}; {blocker}", None), own, entries
        value = dict_of(style, [("type", _string(style, "tokens")), ("total", task_budget.value.site)])
        entries.append(("task_budget", value))
        own.extend(self._beta_edits(style))
        return Finding(TASK_BUDGET_IN_THINKING, task_budget.node, message, Fix(SAFE, tuple(own))), own, entries

    def _beta_blocker(self) -> str | None:
        return beta_list_blocker(self.request)

    def _beta_edits(self, style: cst.SimpleString | None) -> list[Edit]:
        return add_beta_header(self.request, TASK_BUDGET_BETA, style)

    def _type_none(self, thinking: Item, mapping: Mapping, type_item: Item, out: _OutputConfig,
                   style: cst.SimpleString | None, editable: bool) -> Planned:
        effort = self._current_effort()
        node = type_item.value.expr
        if self.caps.accepts_disabled_at(effort):
            if editable:
                own: list[Edit] = [Replace(type_item.value.expr, _string(style, "disabled"))]
                message = f'"none" is not a thinking type: use {{"type": "disabled"}} to turn thinking off on {self.model.id}'
                return Finding(THINKING_TYPE_NONE, node, message, Fix(SAFE, tuple(own))), own, []
            reason = self.uncertain or "the thinking dict is shared with other code"
            message = f'"none" is not a thinking type: use {{"type": "disabled"}} on {self.model.id}; no automatic fix: {reason}'
            return Finding(THINKING_TYPE_NONE, node, message, None), [], []
        if self.model.is_retired:  # CM302 reports the model; its capabilities say nothing
            message = f'"none" is not a thinking type; {self.model.id} is retired: fix the model first (CM302)'
            return Finding(THINKING_TYPE_NONE, node, message, None), [], []
        substitute = self._substitute(thinking, mapping, type_item, out, style, editable, "none")
        message = f'"none" is not a thinking type and {self._why_not_disabled()}: {substitute.action}'
        return self._planned(THINKING_TYPE_NONE, node, message, substitute)

    def _disabled(self, thinking: Item, mapping: Mapping, type_item: Item, out: _OutputConfig,
                  style: cst.SimpleString | None, editable: bool) -> Planned | None:
        """CM107: ``{"type": "disabled"}`` where the model rejects it."""
        level, _, known = self._effort_state()
        if self.caps.thinking_disabled and (not known or self.caps.accepts_disabled_at(level)):
            return None  # accepted, or the effort is not known statically (nothing can be proven)
        substitute = self._substitute(thinking, mapping, type_item, out, style, editable, "disabled")
        message = f'thinking {{"type": "disabled"}} is rejected: {self._why_not_disabled()}; {substitute.action}'
        return self._planned(THINKING_CANNOT_BE_DISABLED, type_item.value.expr, message, substitute)

    def _why_not_disabled(self) -> str:
        level, _, _ = self._effort_state()
        if self.caps.thinking_disabled:
            shown = f'effort "{level}"' if level else f'its default effort "{self.caps.default_effort}"'
            return f'{self.model.id} accepts disabled only at effort <= {self.caps.disabled_max_effort}, not at {shown}'
        return f"{self.model.id} cannot turn thinking off"

    def _planned(self, rule: Rule, node: cst.CSTNode, message: str, substitute: _Substitute) -> Planned:
        if substitute.blocker:
            message += f"; no automatic fix: {substitute.blocker}"
            return Finding(rule, node, message, None), substitute.edits, substitute.entries
        return Finding(rule, node, message, Fix(UNSAFE, tuple(substitute.edits))), substitute.edits, substitute.entries

    def _effort_state(self) -> tuple[str | None, Item | None, bool]:
        """The effort the request writes: (literal level or None, its item, whether it is known).

        ``(None, None, True)``: no effort is written, so the model's default applies.
        """
        items = self.request.items("output_config")
        if not items:
            return None, None, not self.request.opaque
        mapping = items[0].value.mapping
        if len(items) > 1 or mapping is None:
            return None, None, False
        effort = mapping.get("effort")
        if effort is None:
            return None, None, not mapping.opaque
        level = literal_str(effort.value.expr)
        return level, effort, level in EFFORT_ORDER

    def _substitute(self, thinking: Item, mapping: Mapping, type_item: Item, out: _OutputConfig,
                    style: cst.SimpleString | None, editable: bool, current: str) -> _Substitute:
        """The documented way to think as little as the model allows, where ``disabled`` is not accepted.

        - the model accepts ``disabled`` up to an effort (Opus 5, Haiku 5.5): keep ``disabled`` and
          lower the effort to that level;
        - the model has ``between_tools`` (Sonnet 5.5): use it, at an effort it accepts;
        - otherwise (Opus 5.5, Fable/Mythos): remove ``thinking`` and set the lowest effort, unless an
          effort is already written (it is kept).
        """
        caps = self.caps
        level, effort_item, known = self._effort_state()
        edits: list[Edit] = []
        entries: Entries = []
        blocker: str | None = None
        if caps.thinking_disabled or caps.thinking_between_tools:
            kind = "disabled" if caps.thinking_disabled else "between_tools"
            cap = caps.disabled_max_effort if caps.thinking_disabled else caps.between_tools_max_effort
            if kind != current:
                edits.append(Replace(type_item.value.expr, _string(style, kind)))
                edits.extend(_typed_rename(mapping, current, kind))
            if kind == "between_tools":  # between_tools takes no other key (D-S55-NEW)
                edits.extend(RemoveItem(mapping.node, item.node) for key, item in mapping.items.items() if key != "type")  # type: ignore[arg-type]
            action = f'use {{"type": "{kind}"}}'
            if kind == "between_tools":
                action += " (the documented substitute: thinking only between tool calls)"
            effective = level or caps.default_effort
            if not known:
                blocker = "output_config.effort is not known statically"
            elif cap and effective in EFFORT_ORDER and effort_rank(effective) > effort_rank(cap):
                action += f' and lower output_config.effort from "{effective}" to "{cap}", the highest level it is accepted at'
                if effort_item is not None:
                    expr = effort_item.value.expr
                    container = effort_item.container
                    if isinstance(expr, cst.SimpleString) and effort_item.value.editable and container is not None and container.editable:
                        edits.append(Replace(expr, quote_like(expr, cap)))
                    else:
                        blocker = "output_config.effort cannot be edited here"
                else:
                    entries.append(("effort", _string(style, cap)))
                    blocker = out.blocker()
            if mapping.opaque and kind == "between_tools":
                blocker = blocker or "the thinking dict has keys that are not known statically"
            if not editable:
                blocker = blocker or self.uncertain or _shared(thinking)
            return _Substitute(action, edits, entries, blocker)

        lowest = caps.effort_levels[0] if caps.effort_levels else None
        whole = removal(thinking) if thinking.editable else None
        action = "remove thinking"
        if not thinking.editable:
            blocker = "the dict that holds thinking is also used by other code"
        elif whole is None:
            blocker = "thinking is set in a way that cannot be removed"
        else:
            edits.append(whole)
        if self.uncertain:
            blocker = blocker or self.uncertain
        mutation = thinking.mutation
        lowest_effort = f' and set output_config.effort "{lowest}" to spend as few thinking tokens as the model allows'
        if level is not None:
            action += f' (output_config.effort "{level}" is kept; lower it to spend fewer tokens)'
        elif lowest is None:
            pass
        elif known and thinking.container is not None and out.blocker() is None:
            action += lowest_effort
            entries.append(("effort", _string(style, lowest)))
        elif known and whole is not None and mutation is not None and mutation.kind == "set" and not out.items:
            # ``kw["thinking"] = {"type": "disabled"}`` becomes ``kw["output_config"] = {"effort": "low"}``: the
            # branch that turned thinking off keeps spending less than the others.
            value = dict_of(style, [("effort", _string(style, lowest))])
            inserted = insert_next_to(thinking, "output_config", value)
            if isinstance(inserted, InsertStatementAfter):
                edits[edits.index(whole)] = Replace(mutation.statement, inserted.new)  # type: ignore[arg-type]
                action += lowest_effort
        else:
            action += f' and set a lower output_config.effort (e.g. "{lowest}") to spend fewer tokens'
        return _Substitute(action, edits, entries, blocker)

    # effort in output_config ------------------------------------------------------------------
    def _current_effort(self) -> str | None:
        items = self.request.items("output_config")
        mapping = items[0].value.mapping if len(items) == 1 else None
        effort = mapping.get("effort") if mapping else None
        return literal_str(effort.value.expr) if effort else None

    def _unsupported(self, node: cst.BaseExpression, level: str, clamped: str | None, fix: Fix | None) -> Finding:
        if clamped is None:
            message = f'effort "{level}" is not accepted: {self.model.id} has no effort parameter; remove it'
        else:
            levels = ", ".join(self.caps.effort_levels)
            message = f'effort "{level}" is not accepted by {self.model.id} ({levels}): use "{clamped}"'
        return Finding(EFFORT_UNSUPPORTED, node, message, fix)

    def _not_a_level(self, node: cst.BaseExpression, level: str) -> Finding:
        levels = ", ".join(self.caps.effort_levels) or "none"
        message = (
            f'effort "{level}" is not an effort level ({", ".join(EFFORT_ORDER)}); the API rejects it. '
            f"{self.model.id} accepts: {levels}"
        )
        return Finding(EFFORT_UNSUPPORTED, node, message)

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
            self.findings.append(self._not_a_level(effort.value.expr, level))
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
        self.findings.append(self._unsupported(effort.value.expr, level, clamped, fix))


_TYPED_NAMES = {"enabled": "Enabled", "adaptive": "Adaptive", "disabled": "Disabled", "between_tools": "BetweenTools"}


def _typed_rename(mapping: Mapping, old: str = "enabled", new: str = "adaptive") -> list[Edit]:
    """``ThinkingConfigEnabledParam(...)`` -> ``ThinkingConfigAdaptiveParam(...)``, imports included.

    The same for any pair of thinking types (``Disabled`` -> ``BetweenTools``); nothing for a type
    without its own TypedDict (``"none"``).
    """
    if mapping.typed is None or not isinstance(mapping.node, cst.Call):
        return []
    if old not in _TYPED_NAMES or new not in _TYPED_NAMES:
        return []
    module, _, name = mapping.typed.rpartition(".")
    suffix = f"ThinkingConfig{_TYPED_NAMES[old]}Param"
    if not name.endswith(suffix):
        return []
    new_name = name[: -len(suffix)] + f"ThinkingConfig{_TYPED_NAMES[new]}Param"
    func = mapping.node.func
    if isinstance(func, cst.Attribute) and func.attr.value == name:
        return [Replace(func.attr, cst.Name(new_name))]
    if isinstance(func, cst.Name) and func.value == name:
        public = "anthropic.types.beta" if name.startswith("Beta") else "anthropic.types"
        return [Replace(func, cst.Name(new_name)), AddImport(public, new_name), RemoveImportIfUnused(module, name)]
    return []  # imported under an alias: the dict it builds is right; the name is left to the user


def _shared(thinking: Item) -> str:
    binding = thinking.value.binding
    if binding is not None:
        return (
            f"the thinking dict is bound to {binding.name}, which is also used elsewhere or by calls to "
            "models that need different settings"
        )
    return "the dict that holds thinking is also used by other code"


def check(request: Request, ctx: RuleContext) -> Iterator[Finding]:
    yield from _Planner(request, ctx).run()


FAMILY = RuleFamily(
    (
        BUDGET_TOKENS,
        BUDGET_TOKENS_DYNAMIC,
        EFFORT_IN_THINKING,
        TASK_BUDGET_IN_THINKING,
        THINKING_TYPE_NONE,
        EFFORT_UNSUPPORTED,
        THINKING_CANNOT_BE_DISABLED,
    ),
    check,
)
