"""``claude-migrate models``: the catalogue as it is on the day of the run, with where each model moves.

No libcst here: the table is built from the catalogue and ``catalog/replacements.py`` alone.
"""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

from codemod.catalog import EFFORT_ORDER, Catalog, Model
from codemod.catalog.replacements import destination


def thinking_summary(model: Model) -> str:
    caps = model.capabilities
    modes = []
    if caps.thinking_enabled != "rejected":
        modes.append("enabled" + (" (deprecated)" if caps.thinking_enabled == "deprecated" else ""))
    if caps.thinking_adaptive:
        modes.append("adaptive")
    if caps.thinking_disabled:
        modes.append("disabled" + (f" (effort <= {caps.disabled_max_effort})" if caps.disabled_max_effort else ""))
    if caps.thinking_between_tools:
        modes.append("between_tools")
    if caps.thinking_always_on:
        modes.append("always on")
    elif caps.thinking_default_on:
        modes.append("on by default")
    return ", ".join(modes)


def _moves(model: Model, catalog: Catalog, target: Model, replacements: tuple[tuple[str, str], ...]) -> dict[str, object] | None:
    found = destination(model, catalog, target, replacements)
    if found is None:
        return None
    kind, via = found
    return {"kind": kind, "model": via.model.id, "chain": list(via.chain), "reason": via.reason}


def _effort(model: Model) -> str:
    """``low..max (medium)``: the levels (a range when they are consecutive) and the default."""
    levels = model.capabilities.effort_levels
    if not levels:
        return ""
    order = [level for level in EFFORT_ORDER if EFFORT_ORDER.index(levels[0]) <= EFFORT_ORDER.index(level) <= EFFORT_ORDER.index(levels[-1])]
    shown = f"{levels[0]}..{levels[-1]}" if list(levels) == order and len(levels) > 2 else ", ".join(levels)
    return shown + f" ({model.capabilities.default_effort})"


def _fast_mode(model: Model) -> str:
    caps = model.capabilities
    if caps.fast_mode == "removed":
        return f"removed {caps.fast_mode_removed}"
    if caps.fast_mode == "beta":
        return "beta header" + (f", until {caps.fast_mode_removed}" if caps.fast_mode_removed else "")
    return "yes" if caps.fast_mode == "available" else ""


def render_json(catalog: Catalog, target: Model, replacements: tuple[tuple[str, str], ...], show_all: bool) -> str:
    shown = [m for m in catalog.models if show_all or not m.is_retired]
    # A list, as in 0.2 (scripts read it); each entry says the day its status is for and where it moves.
    return json.dumps(
        [
            {
                "id": m.id, "name": m.name, "family": m.family, "aliases": list(m.aliases), "status": m.status,
                "deprecated": m.deprecated or None, "retires": m.retires or None, "successor": m.successor or None,
                "moves_to": _moves(m, catalog, target, replacements), "as_of": catalog.as_of, "target": target.id,
                "bedrock": list(m.bedrock), "vertex": list(m.vertex),
                "thinking": thinking_summary(m) if not m.is_retired else None,
                "effort_levels": list(m.capabilities.effort_levels), "default_effort": m.capabilities.default_effort or None,
                "sampling": m.capabilities.sampling, "prefill": m.capabilities.prefill,
                "fast_mode": m.capabilities.fast_mode or None,
                "max_output_tokens": m.capabilities.max_output_tokens or None,
            }
            for m in shown
        ],
        indent=2,
    )


def print_table(
    console: Console, catalog: Catalog, target: Model, replacements: tuple[tuple[str, str], ...], show_all: bool
) -> None:
    table = Table(title=f"Claude models on {catalog.as_of} (target {target.id})", title_justify="left")
    for header in ("Model", "Status", "Moves to", "Bedrock", "Thinking", "Effort", "Sampling", "Prefill", "Fast mode"):
        table.add_column(header, no_wrap=header in ("Model", "Status", "Moves to", "Effort"))
    for m in catalog.models:
        if m.is_retired and not show_all:
            continue
        caps = m.capabilities
        moves = _moves(m, catalog, target, replacements)
        table.add_row(
            m.id,
            m.lifecycle(),
            " -> ".join(moves["chain"]) if moves else "",  # type: ignore[arg-type]
            m.bedrock[0] if m.bedrock else "",
            thinking_summary(m) if not m.is_retired else "",
            _effort(m),
            "" if m.is_retired else ("yes" if caps.sampling else "no"),
            "" if m.is_retired else ("yes" if caps.prefill else "no"),
            "" if m.is_retired else _fast_mode(m),
        )
    console.print(table)
    console.print(
        "Vertex and other IDs: --format json. Moves to: where check/apply move a model with this target: the target's family to the target; a retired or "
        "deprecated model to its family's replacement, the end of its successor chain unless "
        "[tool.claude-migrate.replacements] names one." + ("" if show_all else " --all adds retired models."),
        markup=False,
    )
