"""Turning thinking off where the model rejects ``{"type": "disabled"}``: the documented substitutes.

Part of the thinking plan (``codemod/facts/thinking.py``), for ``{"type": "disabled"}`` (CM107) and
``{"type": "none"}`` (CM105):
- on models that accept ``disabled`` up to an effort (Opus 5, Haiku 5.5), ``disabled`` is kept and the
  effort lowered to that level (the smallest change the API accepts);
- on Sonnet 5.5, ``{"type": "between_tools"}`` (thinking only between tool calls), accepted at effort
  <= high, and taking no other key;
- elsewhere (Opus 5.5, Fable and Mythos 5.x, which cannot turn thinking off) ``thinking`` is removed and
  ``output_config.effort`` set to the lowest level ("where you disabled thinking to save tokens, use a lower
  [effort]"), while an effort already written is kept.
Which model accepts what is catalogue data (``thinking_disabled``, ``disabled_max_effort``,
``thinking_between_tools``, ``between_tools_max_effort``).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from codemod.analysis.literals import literal_str, quote_like
from codemod.analysis.request import Item, Mapping, Request
from codemod.catalog import EFFORT_ORDER, Capabilities, Model, effort_rank
from codemod.context import RuleContext
from codemod.edits import Edit, InsertStatementAfter, RemoveItem, Replace
from codemod.findings import SAFE, UNSAFE, Fix
from codemod.request_edits import (
    OutputConfigWriter,
    dict_of,
    insert_next_to,
    removal,
    typed_rename,
)

Entries = list[tuple[str, cst.BaseExpression]]  # keys to add to output_config


@dataclass(eq=False)
class Change:
    """One part of the migration of a request's thinking: reported by ``code``, fixed by ``fix`` if set."""

    code: str
    node: cst.CSTNode
    message: str
    fix: Fix | None = None



Planned = tuple[Change, list[Edit], Entries]  # a change, the edits of its own, its output_config keys


@dataclass
class _Substitute:
    """What replaces a thinking config the model rejects as a way to turn thinking off (CM105, CM107)."""

    action: str  # what the fix does, for the message
    edits: list[Edit]
    entries: Entries  # keys to add to output_config
    blocker: str | None  # why no fix can be made, if so


class ThinkingOffPlanner:
    """The part of the thinking planner that handles ``disabled`` and ``none``."""

    request: Request
    ctx: RuleContext
    model: Model
    caps: Capabilities
    uncertain: str | None

    def _type_none(self, thinking: Item, mapping: Mapping, type_item: Item, out: OutputConfigWriter,
                   style: cst.SimpleString | None, editable: bool) -> Planned:
        effort = self._current_effort()
        node = type_item.value.expr
        if self.caps.accepts_disabled_at(effort):
            if editable:
                own: list[Edit] = [Replace(type_item.value.expr, quote_like(style, "disabled"))]
                message = f'"none" is not a thinking type: use {{"type": "disabled"}} to turn thinking off on {self.model.id}'
                return Change('CM105', node, message, Fix(SAFE, tuple(own))), own, []
            reason = self.uncertain or "the thinking dict is shared with other code"
            message = f'"none" is not a thinking type: use {{"type": "disabled"}} on {self.model.id}; no automatic fix: {reason}'
            return Change('CM105', node, message, None), [], []
        if self.model.is_retired:  # CM302 reports the model; its capabilities say nothing
            message = f'"none" is not a thinking type; {self.model.id} is retired: fix the model first (CM302)'
            return Change('CM105', node, message, None), [], []
        substitute = self._substitute(thinking, mapping, type_item, out, style, editable, "none")
        message = f'"none" is not a thinking type and {self._why_not_disabled()}: {substitute.action}'
        return self._planned('CM105', node, message, substitute)

    def _disabled(self, thinking: Item, mapping: Mapping, type_item: Item, out: OutputConfigWriter,
                  style: cst.SimpleString | None, editable: bool) -> Planned | None:
        """CM107: ``{"type": "disabled"}`` where the model rejects it."""
        level, _, known = self._effort_state()
        if self.caps.thinking_disabled and (not known or self.caps.accepts_disabled_at(level)):
            return None  # accepted, or the effort is not known statically (nothing can be proven)
        substitute = self._substitute(thinking, mapping, type_item, out, style, editable, "disabled")
        message = f'thinking {{"type": "disabled"}} is rejected: {self._why_not_disabled()}; {substitute.action}'
        return self._planned('CM107', type_item.value.expr, message, substitute)

    def _why_not_disabled(self) -> str:
        level, _, _ = self._effort_state()
        if self.caps.thinking_disabled:
            shown = f'effort "{level}"' if level else f'its default effort "{self.caps.default_effort}"'
            return f'{self.model.id} accepts disabled only at effort <= {self.caps.disabled_max_effort}, not at {shown}'
        return f"{self.model.id} cannot turn thinking off"

    def _planned(self, rule: str, node: cst.CSTNode, message: str, substitute: _Substitute) -> Planned:
        if substitute.blocker:
            message += f"; no automatic fix: {substitute.blocker}"
            return Change(rule, node, message, None), substitute.edits, substitute.entries
        return Change(rule, node, message, Fix(UNSAFE, tuple(substitute.edits))), substitute.edits, substitute.entries

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

    def _substitute(self, thinking: Item, mapping: Mapping, type_item: Item, out: OutputConfigWriter,
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
                edits.append(Replace(type_item.value.expr, quote_like(style, kind)))
                edits.extend(typed_rename(mapping, current, kind))
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
                    entries.append(("effort", quote_like(style, cap)))
                    blocker = out.blocker()
            if mapping.opaque and kind == "between_tools":
                blocker = blocker or "the thinking dict has keys that are not known statically"
            if not editable:
                blocker = blocker or self.uncertain or shared_reason(thinking)
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
            entries.append(("effort", quote_like(style, lowest)))
        elif known and whole is not None and mutation is not None and mutation.kind == "set" and not out.items:
            # ``kw["thinking"] = {"type": "disabled"}`` becomes ``kw["output_config"] = {"effort": "low"}``: the
            # branch that turned thinking off keeps spending less than the others.
            value = dict_of(style, [("effort", quote_like(style, lowest))])
            inserted = insert_next_to(thinking, "output_config", value)
            if isinstance(inserted, InsertStatementAfter):
                edits[edits.index(whole)] = Replace(mutation.statement, inserted.new)  # type: ignore[arg-type]
                action += lowest_effort
        else:
            action += f' and set a lower output_config.effort (e.g. "{lowest}") to spend fewer tokens'
        return _Substitute(action, edits, entries, blocker)

    # effort in output_config ------------------------------------------------------------------


def shared_reason(thinking: Item) -> str:
    binding = thinking.value.binding
    if binding is not None:
        return (
            f"the thinking dict is bound to {binding.name}, which is also used elsewhere or by calls to "
            "models that need different settings"
        )
    return "the dict that holds thinking is also used by other code"
