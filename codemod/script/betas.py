"""CM402 for scripts: beta headers in a ``betas: [...]`` array of a ``beta.messages`` request that are no-ops,
or rejected, once the request runs on the target (the catalogue's ``[[beta_headers]]``, as for Python).

A header is removed when its action is ``remove`` and its condition holds for the request after the fixes
``apply`` makes: ``always``; ``no-enabled-thinking`` (no thinking, or one that is or becomes adaptive);
``no-output-format`` (no top-level ``output_format``); ``context-1m`` (a model with a 1M-token context). A
request that spreads an object built elsewhere only loses ``always`` headers; headers to ``report`` are reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from codemod.catalog import BetaHeader, Model
from codemod.findings import SAFE
from codemod.script.edits import Edit, removal
from codemod.script.syntax import Node, key_of, string_value, text

if TYPE_CHECKING:
    from codemod.script.migrate import Finding


def _holds(header: BetaHeader, pairs: dict[str, Node], opaque: bool, model: Model, thinking_adaptive: bool) -> bool:
    if header.when == "always":
        return True
    if opaque:
        return False
    if header.when == "no-enabled-thinking":
        return "thinking" not in pairs or thinking_adaptive
    if header.when == "no-output-format":
        return "output_format" not in pairs
    if header.when == "context-1m":
        return model.capabilities.context_1m
    return False  # a condition this version does not know: keep the header


def beta_findings(
    pairs: dict[str, Node], opaque: bool, model: Model, thinking_adaptive: bool, headers: dict[str, BetaHeader],
    source: bytes, finding: type[Finding],
) -> list[Finding]:
    betas = pairs.get("betas")
    listed = betas.child_by_field_name("value") if betas is not None else None
    if listed is None or listed.type != "array":
        return []
    found: list[Finding] = []
    removed: list[Node] = []
    for element in listed.named_children:
        name = string_value(element)
        header = headers.get(name) if name is not None else None
        if header is None or not _holds(header, pairs, opaque, model, thinking_adaptive):
            continue
        shown = f'beta header "{header.name}"'
        if header.action != "remove":
            found.append(finding("CM402", element, f"{shown}: {header.note}"))
            continue
        removed.append(element)
        found.append(finding("CM402", element, f"{shown} removed: {header.note}", SAFE, (removal(element, source),)))
    if removed and len(removed) == len(listed.named_children):  # the list would be empty: the key goes
        whole = removal(betas, source)  # type: ignore[arg-type]
        for item in found:
            if item.edits:
                item.edits = (whole,)
    return found


def header_value(call: Node) -> Node | None:
    """The ``"anthropic-beta"`` value in the request options (the call's second argument):
    ``client.beta.messages.create({...}, { headers: { "anthropic-beta": "a,b" } })``."""
    arguments = call.child_by_field_name("arguments")
    options = arguments.named_children[1] if arguments is not None and len(arguments.named_children) > 1 else None
    if options is None or options.type != "object":
        return None
    headers = next((c for c in options.named_children if c.type == "pair" and key_of(c) == "headers"), None)
    value = headers.child_by_field_name("value") if headers is not None else None
    if value is None or value.type != "object":
        return None
    pair = next((c for c in value.named_children if c.type == "pair" and (key_of(c) or "").lower() == "anthropic-beta"), None)
    return pair.child_by_field_name("value") if pair is not None else None


def header_findings(
    call: Node, pairs: dict[str, Node], opaque: bool, model: Model, thinking_adaptive: bool,
    headers: dict[str, BetaHeader], finding: type[Finding],
) -> list[Finding]:
    """CM402 on an ``anthropic-beta`` header string of the request options: obsolete names leave the list."""
    value = header_value(call)
    written = string_value(value)
    if value is None or written is None:
        return []
    names = [part.strip() for part in written.split(",")]
    found: list[Finding] = []
    obsolete = set()
    for name in names:
        header = headers.get(name)
        if header is None or not _holds(header, pairs, opaque, model, thinking_adaptive):
            continue
        if header.action != "remove":
            found.append(finding("CM402", value, f'beta header "{name}": {header.note}'))
        else:
            obsolete.add(name)
    if obsolete:
        kept = ",".join(name for name in names if name not in obsolete)
        quote = text(value)[:1]
        edit = Edit(value.start_byte, value.end_byte, f"{quote}{kept}{quote}".encode())
        for name in sorted(obsolete):
            found.append(finding("CM402", value, f'beta header "{name}" removed: {headers[name].note}', SAFE, (edit,)))
    return found
