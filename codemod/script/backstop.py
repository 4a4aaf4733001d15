"""CM108 for scripts: every ``budget_tokens`` (and the AI SDK's ``budgetTokens``) that no migrated request sends.

The backstop a CI check relies on: a budget the analysis did not follow to a request it proves (an object built
for a wrapper, a client it cannot prove, a framework it does not know) is reported where it is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from codemod.effort_map import EffortMap
from codemod.script.syntax import Node, key_of, number_value, text, walk

if TYPE_CHECKING:
    from codemod.script.migrate import Finding

BUDGET_KEYS = ("budget_tokens", "budgetTokens")


def untraced_budgets(root: Node, done: set[int], effort_map: EffortMap, finding: type[Finding]) -> list[Finding]:
    """CM108 for each budget member not in ``done`` (the ids of those CM101/CM102 reported)."""
    found = []
    for node in walk(root):
        if node.type != "pair" or node.id in done or key_of(node) not in BUDGET_KEYS:
            continue
        value = node.child_by_field_name("value")
        budget = number_value(value)
        level = f' (budget {budget} -> "{effort_map.level_for(budget)}" by the effort map)' if budget is not None else ""
        found.append(finding("CM108", node, (
            f"thinking {key_of(node)}: {text(value) if value is not None else '?'} that the tool cannot trace to an "
            f"Anthropic SDK request (not in the request object of a messages call on a client it can prove): Opus 4.7 "
            f'and later models reject {{ type: "enabled", budget_tokens: N }}; where this is sent to Claude, use '
            f'{{ type: "adaptive" }} with an effort level{level}, or mark the line // claude-migrate: ignore[CM108] if '
            "this code still serves models that accept budgets"
        )))
    return found
