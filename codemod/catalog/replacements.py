"""Where a model goes: the one rule for the replacement of a retired or deprecated model.

1. A model of the target's family moves to the target: the run was asked to move that family there.
2. Any other retired model, or deprecated model with an announced retirement, moves to its family's
   replacement: the model set for the family in ``[tool.claude-migrate.replacements]``, else the end of
   its successor chain. Each catalogue row names the next model of its line (``successor``: the
   replacement the deprecation pages document, or the documented upgrade of a model that still runs);
   the chain is followed from model to model until one has no successor, which the catalogue keeps
   neither deprecated nor retired (``tests/test_catalog_data.py`` checks it). Where the chain enters
   another family (``claude-2.1`` -> Opus), rules 1 and 2 apply to that family.

So every retired Sonnet lands on the same model (``claude-3-5-sonnet`` -> ``claude-sonnet-4-6`` ->
``claude-sonnet-5-5``, ``claude-sonnet-4-5`` -> ``claude-sonnet-5-5``), not on whichever model was current
when its deprecation notice was written. A model that still works is never moved because it has a
successor: only CM301 moves working models, and only within the target's family.

No libcst here: ``claude-migrate models`` shows the chains without loading the parser.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from codemod.catalog import Catalog, Model
from codemod.catalog.model_ids import ModelRef, Rendered, render_in_form


@dataclass(frozen=True)
class Replacement:
    """The model a retired or deprecated model moves to, and why that one."""

    model: Model
    chain: tuple[str, ...]  # the IDs followed, the replacement last (the start left out)
    reason: str  # "target" | "configured" | "chain" | "platform" (the chain stopped where the ID form ends)
    note: str = ""  # "platform": why the next model of the chain cannot be written in this form

    def describe(self) -> str:
        """Why this model, for a message: "" when it is one documented step (or simply the target)."""
        if self.reason == "configured":
            return f"the {self.model.family} replacement set in [tool.claude-migrate.replacements]"
        if self.reason == "platform":
            steps = " -> ".join(self.chain)
            return f"successors {steps}; the chain goes on, but {self.note}"
        if len(self.chain) <= 1:
            return ""
        if self.reason == "target":
            return f"via {' -> '.join(self.chain[:-1])}, then the target of its family"
        return f"successors {' -> '.join(self.chain)}"


def _ending(chain: list[str], last: str) -> tuple[str, ...]:
    return tuple(chain) if chain and chain[-1] == last else (*chain, last)


def replacement(
    model: Model, catalog: Catalog, target: Model, replacements: dict[str, str] | tuple[tuple[str, str], ...] = ()
) -> Replacement | None:
    """Where ``model`` goes when it is retired or deprecated; None when no other model in service is reached."""
    configured = dict(replacements)
    chain: list[str] = []
    current = model
    seen = {model.id}
    found: Replacement | None = None
    while found is None:
        chosen = catalog.get(configured.get(current.family, ""))
        if current.family == target.family:
            found = Replacement(target, _ending(chain, target.id), "target")
        elif chosen is not None and chosen.status not in ("retired", "deprecated"):
            found = Replacement(chosen, _ending(chain, chosen.id), "configured")
        else:
            following = catalog.get(current.successor) if current.successor else None
            if following is None or following.id in seen:
                break
            seen.add(following.id)
            chain.append(following.id)
            current = following
    if found is None and current is not model and current.status not in ("retired", "deprecated"):
        found = Replacement(current, tuple(chain), "chain")
    return found if found is not None and found.model.id != model.id else None


def destination(
    model: Model, catalog: Catalog, target: Model, replacements: dict[str, str] | tuple[tuple[str, str], ...] = ()
) -> tuple[str, Replacement] | None:
    """Whether ``model`` moves on the catalogue's day, and where: (kind, replacement) or None if it stays.

    ``retired`` and ``deprecated`` (with an announced retirement) models go to their replacement;
    ``superseded``: an older generation of the target's family goes to the target.
    """
    if model.is_retired:
        kind, found = "retired", replacement(model, catalog, target, replacements)
    elif model.family == target.family and model.generation < target.generation:
        kind, found = "superseded", Replacement(target, (target.id,), "target")
    elif model.status == "deprecated" and model.retires:
        kind, found = "deprecated", replacement(model, catalog, target, replacements)
    else:
        return None
    return (kind, found) if found is not None else None


def stop_earlier(found: Replacement, catalog: Catalog, writable: Callable[[Model], str | None], note: str) -> Replacement | None:
    """The chain's last model before its end that can be written in the form at hand (``writable`` gives
    its ID or None), when the end cannot be: a retired Sonnet written as a ``us.`` Bedrock inference profile
    goes to the newest Sonnet that has one, not to a model the code could not reach."""
    if found.reason != "chain":
        return None
    for index in range(len(found.chain) - 2, -1, -1):
        earlier = catalog.get(found.chain[index])
        if earlier is not None and earlier.status not in ("retired", "deprecated") and writable(earlier) is not None:
            return Replacement(earlier, found.chain[: index + 1], "platform", note)
    return None


@dataclass(frozen=True)
class Move:
    """Where a written model ID moves on the catalogue's day, in the form it is written in."""

    kind: str  # superseded | retired | deprecated
    via: Replacement  # the model it moves to, and why that one
    rendered: Rendered  # that model's ID in the written form, or why there is none

    @property
    def model(self) -> Model:
        return self.via.model


def move_in_form(
    ref: ModelRef, catalog: Catalog, target: Model, replacements: dict[str, str] | tuple[tuple[str, str], ...] = ()
) -> Move | None:
    """The move of the model ``ref`` names, or None if it stays: to the end of its chain, or to the last model
    before the end that has an ID in ``ref``'s form (a ``us.`` Bedrock profile, say) when the end has none."""
    found = destination(ref.model, catalog, target, replacements)
    if found is None:
        return None
    kind, via = found
    rendered = render_in_form(ref, via.model)
    if rendered.text is None:
        earlier = stop_earlier(via, catalog, lambda model: render_in_form(ref, model).text, rendered.note)
        if earlier is not None:
            via, rendered = earlier, render_in_form(ref, earlier.model)
    return Move(kind, via, rendered)
