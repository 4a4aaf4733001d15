"""Two beta features of a script's requests, as the Python rules see them (CM104, CM505).

- CM104: ``task_budget`` written inside ``thinking`` is not a thinking key; the documented form is
  ``output_config: { task_budget: { type: "tokens", total } }`` on ``client.beta.messages`` with the
  ``task-budgets-2026-03-13`` header (at least 20,000 tokens). Reported with that form: moving it needs the
  header as well, which the request may send from elsewhere.
- CM505: ``speed: "fast"`` on a model without fast mode (or whose fast mode the catalogue dates as removed) is
  reported; on a model that needs the ``fast-mode-2026-02-01`` header, a ``beta.messages`` request that does not
  send it in its ``betas`` array gets it (a new ``betas`` member, or the header added to the array).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from codemod.catalog import Catalog, Model
from codemod.facts.thinking import TASK_BUDGET_BETA, TASK_BUDGET_MINIMUM
from codemod.findings import SAFE
from codemod.rules.cm505_fast_mode import FAST_MODE_BETA
from codemod.script.betas import header_value
from codemod.script.edits import insert_after
from codemod.script.syntax import Node, key_of, quote_of, string_value, text

if TYPE_CHECKING:
    from codemod.script.migrate import Finding
    from codemod.script.requests import ScriptRequest



def task_budget_finding(thinking: Node, finding: type[Finding]) -> Finding | None:
    config = thinking.child_by_field_name("value")
    pair = next((c for c in config.named_children if c.type == "pair" and key_of(c) == "task_budget"), None) if config is not None else None
    if pair is None:
        return None
    value = pair.child_by_field_name("value")
    shown = text(value) if value is not None else "?"
    return finding("CM104", pair, (
        f"task_budget: {shown} is not a thinking key; the documented form is output_config: {{ task_budget: {{ type: "
        f'"tokens", total: {shown} }} }} on client.beta.messages with betas: ["{TASK_BUDGET_BETA}"] (at least {TASK_BUDGET_MINIMUM:,} tokens)'
    ))


def fast_mode_finding(pairs: dict[str, Node], request: ScriptRequest, model: Model, catalog: Catalog, source: bytes, finding: type[Finding]) -> Finding | None:
    method = request.method
    pair = pairs.get("speed")
    value = pair.child_by_field_name("value") if pair is not None else None
    mode = model.capabilities.fast_mode
    if pair is None or string_value(value) != "fast" or model.is_retired or mode == "available":
        return None
    if mode in ("", "removed"):
        why = (f"is rejected on {model.id}: its fast mode was removed on {model.capabilities.fast_mode_removed}" if mode == "removed"
               else f"is not available on {model.id}, which has no fast mode")
        fast = ", ".join(m.id for m in catalog.models if not m.is_retired and m.capabilities.fast_mode in ("available", "beta"))
        return finding("CM505", pair, f'speed: "fast" {why}: remove speed, or send these calls to a model with fast mode ({fast or "none"})')
    betas = pairs.get("betas")
    listed = betas.child_by_field_name("value") if betas is not None else None
    if listed is not None and (listed.type != "array" or any(string_value(c) in (FAST_MODE_BETA, None) for c in listed.named_children)):
        return None  # sent, or it may be: nothing can be proven
    header = header_value(request.call)
    if header is not None and (string_value(header) is None or FAST_MODE_BETA in (string_value(header) or "")):
        return None  # sent in the request options' headers, or it may be
    needs = f'{model.id} needs the "{FAST_MODE_BETA}" beta header for speed: "fast"'
    if not method.startswith("beta.") or "batches" in method:
        return finding("CM505", pair, f'{needs}: call client.beta.messages with betas: ["{FAST_MODE_BETA}"]')
    quote = quote_of(value)
    if listed is None:
        edit = insert_after(pair, f"betas: [{quote}{FAST_MODE_BETA}{quote}]", source)
    elif listed.named_children:
        edit = insert_after(listed.named_children[-1], f"{quote}{FAST_MODE_BETA}{quote}", source)
    else:
        from codemod.script.edits import Edit

        edit = Edit(listed.start_byte, listed.end_byte, f"[{quote}{FAST_MODE_BETA}{quote}]".encode())
    return finding("CM505", pair, f"{needs}: added to betas", SAFE, (edit,))
