"""CM402 obsolete-beta-header: beta headers that are no-ops, or rejected, on the models calls move to.

## What it does
Removes beta headers that do nothing (or are rejected) once the code runs on the target, from
`betas=[...]` list literals (beta calls, a batch's `betas`, LangChain's `ChatAnthropic(betas=...)`) and
from `extra_headers={"anthropic-beta": "a,b"}` string literals; a list or string emptied by the fix takes
its `betas` / `extra_headers` argument (or just the `anthropic-beta` key, when other headers remain) with
it. Headers that need a code change are reported. The list is catalogue data (`[[beta_headers]]`: name,
action `remove` | `report`, when `always` | `no-enabled-thinking` | `no-output-format` | `context-1m`,
note). A header is acted on only when its condition holds for every request that sends it, after the
fixes `apply` makes (thinking converted to adaptive, `output_format` moved to `output_config`, the model
moved); a request with parts built at run time keeps the headers whose condition depends on them.

## Why
Adaptive thinking interleaves automatically, so `interleaved-thinking-2025-05-14` only matters next to a
thinking config that stays `enabled`; effort is generally available with no header (and Vertex rejects
`effort-2025-11-24`); "remove any context-window beta header" where the model has a 1M-token context
natively; `output-128k-2025-02-19` and `token-efficient-tools-2025-02-19` are legacy;
`structured-outputs-2025-11-13` is only needed by the deprecated top-level `output_format`;
`fine-grained-tool-streaming-2025-05-14` is replaced by `"eager_input_streaming": true` on each tool and
returns a 400 next to computer/browser toolset entries, which needs a change to the tools: reported.

## Fix safety
Safe: a header that no longer does anything is removed. A list bound to a name that other code also uses,
or sent by requests for which the header still matters, is reported instead.

## Source
- https://platform.claude.com/docs/en/models/sonnet-5-5/migration-guide
- https://platform.claude.com/docs/en/models/haiku-5-5/migration-guide
- https://platform.claude.com/docs/en/build-with-claude/effort
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import libcst as cst

from codemod.analysis.analyzer import PASSTHROUGH
from codemod.analysis.literals import literal_str
from codemod.analysis.request import Item, Request
from codemod.catalog import BetaHeader
from codemod.context import RuleContext
from codemod.edits import Edit, RemoveItem, Replace
from codemod.facts import FileFacts
from codemod.findings import SAFE, Finding, Fix, Rule
from codemod.request_edits import removal

RULE = Rule(
    "CM402",
    "obsolete-beta-header",
    "Beta headers that are no-ops or rejected on the target (catalogue data): removed from betas / anthropic-beta; "
    "those that need a code change are reported.",
    fixes=(SAFE,),
    tokens=(b"beta",),
)

# Frameworks whose own ``betas=[...]`` argument is sent as the anthropic-beta header.
BETA_FRAMEWORKS = ("ChatAnthropic", "init_chat_model")
HEADER_KEY = "anthropic-beta"


class _Conditions:
    """Whether a header's ``when`` holds for a request once ``apply`` has made its fixes."""

    def __init__(self, facts: FileFacts, ctx: RuleContext) -> None:
        self.ctx = ctx
        self.facts = {id(request.request): request for request in facts.requests}
        self.moved_formats = {node for node, move in facts.output_format_moves.items() if move.applied(ctx)}

    def holds(self, header: BetaHeader, request: Request) -> bool:
        when = header.when
        if when == "always":
            return True
        if when == "no-enabled-thinking":
            return not self._thinking_stays_enabled(request)
        if when == "no-output-format":
            return not self._output_format_stays(request)
        if when == "context-1m":
            facts = self.facts[id(request)]
            return facts.model_uncertainty is None and facts.model.capabilities.context_1m
        return False  # a condition this version does not know: keep the header

    def _thinking_stays_enabled(self, request: Request) -> bool:
        """Whether some thinking value may still be ``{"type": "enabled"}`` after the fixes."""
        if request.opaque:
            return True
        converted = self.facts[id(request)].thinking.converted_to_adaptive(self.ctx)
        for item in request.items("thinking"):
            mapping = item.value.mapping
            if mapping is None:
                if isinstance(item.value.expr, cst.Name) and item.value.expr.value == "None":
                    continue
                return True  # built at run time: may be enabled
            type_item = mapping.get("type")
            kind = literal_str(type_item.value.expr) if type_item is not None else None
            if kind is None or (kind == "enabled" and id(mapping.node) not in converted):
                return True
        return False

    def _output_format_stays(self, request: Request) -> bool:
        """Whether the request may still send a top-level ``output_format`` after CM401."""
        if request.opaque:
            return True
        return any(id(item.node) not in self.moved_formats for item in request.items("output_format"))


@dataclass
class _Use:
    """One place a betas list or anthropic-beta string is sent from."""

    requests: list[Request]  # the requests it is sent with (several for a batch's own betas)
    emptied: tuple[Edit, ...] | None  # what goes when nothing is left in it; None: cannot be removed
    why_not: str = ""  # why ``emptied`` is None


@dataclass
class _Site:
    """A ``betas`` list literal or an ``anthropic-beta`` string literal, with every use of it."""

    node: cst.List | cst.SimpleString
    items: list[Item] = field(default_factory=list)  # the request items it is the value of
    uses: list[_Use] = field(default_factory=list)

    @property
    def requests(self) -> list[Request]:
        return [request for use in self.uses for request in use.requests]

    def blocker(self) -> str | None:
        """Why the literal cannot be edited, if it cannot."""
        for item in self.items:
            name = _shared_name(item)
            if name is not None:
                return f"it is held in {name}, which other code also uses"
        return None

    def emptied_edits(self) -> tuple[tuple[Edit, ...], str | None]:
        edits: list[Edit] = []
        for use in self.uses:
            if use.emptied is None:
                return (), use.why_not
            edits.extend(use.emptied)
        return tuple(edits), None


def _shared_name(item: Item) -> str | None:
    """A name other code also uses that editing ``item``'s value would change (its own, or a dict's it is in)."""
    bindings = [*item.value.bindings, *item.value.guards, *item.guards]
    container = item.container
    while container is not None:
        if container.source is not None:
            bindings.extend((*container.source.bindings, *container.source.guards))
        container = container.owner.container if container.owner is not None else None
    return next((binding.name for binding in bindings if not binding.editable), None)


def _passed_through(item: Item) -> bool:
    owner = item.container.owner if item.container is not None else None
    return owner is not None and owner.key in PASSTHROUGH


def _item_use(request: Request, item: Item, extra: tuple[Edit, ...] = ()) -> _Use:
    """A use whose emptied form drops ``item`` (the betas / extra_headers argument or entry)."""
    edit = removal(item) if item.editable else None
    if edit is None:
        return _Use([request], None, f"the dict that holds {item.key} is also used by other code")
    return _Use([request], (*extra, edit))


class _Collector:
    def __init__(self) -> None:
        self.lists: dict[int, _Site] = {}
        self.strings: dict[int, _Site] = {}

    def betas(self, node: cst.List, item: Item | None, use: _Use) -> None:
        site = self.lists.setdefault(id(node), _Site(node))
        if item is not None:
            site.items.append(item)
        site.uses.append(use)

    def header(self, node: cst.SimpleString, item: Item | None, use: _Use) -> None:
        site = self.strings.setdefault(id(node), _Site(node))
        if item is not None:
            site.items.append(item)
        site.uses.append(use)

    def request(self, request: Request) -> None:
        if request.beta or (request.operation == "framework" and request.method in BETA_FRAMEWORKS):
            for item in request.items("betas"):
                if not _passed_through(item) and isinstance(item.value.expr, cst.List):
                    self.betas(item.value.expr, item, _item_use(request, item))
        for item in request.items("extra_headers"):
            mapping = item.value.mapping
            if _passed_through(item) or mapping is None:
                continue
            for key, header in mapping.items.items():
                if key.lower() != HEADER_KEY or not isinstance(header.value.expr, cst.SimpleString):
                    continue
                drop_key = RemoveItem(mapping.node, header.node)  # type: ignore[arg-type]
                if len(mapping.items) > 1 or mapping.opaque:
                    use = _Use([request], (drop_key,)) if mapping.editable else _Use(
                        [request], None, "the extra_headers dict is also used by other code"
                    )
                else:
                    use = _item_use(request, item, (drop_key,) if mapping.editable else ())
                self.header(header.value.expr, header, use)

    def batch(self, call: cst.Call, requests: list[Request]) -> None:
        """A batch's own ``betas=[...]`` / ``extra_headers={...}``, written as literals in the call."""
        for arg in call.args:
            keyword = arg.keyword.value if arg.keyword is not None else None
            if keyword == "betas" and isinstance(arg.value, cst.List):
                self.betas(arg.value, None, _Use(requests, (RemoveItem(call, arg),)))
            if keyword != "extra_headers" or not isinstance(arg.value, cst.Dict):
                continue
            elements = arg.value.elements
            for element in elements:
                if not isinstance(element, cst.DictElement) or not isinstance(element.value, cst.SimpleString):
                    continue
                key = literal_str(element.key)
                if key is None or key.lower() != HEADER_KEY:
                    continue
                drop_key = RemoveItem(arg.value, element)
                emptied = (drop_key,) if len(elements) > 1 else (drop_key, RemoveItem(call, arg))
                self.header(element.value, None, _Use(requests, emptied))


def _split(text: str) -> list[str]:
    return text.split(",")


def _without(text: str, names: set[str]) -> str:
    """The comma list ``text`` without ``names``, the others keeping their spacing ("" if none left)."""
    parts = _split(text)
    kept = [part for part in parts if part.strip() not in names]
    if not any(part.strip() for part in kept):
        return ""
    if kept[0] is not parts[0]:
        lead = parts[0][: len(parts[0]) - len(parts[0].lstrip())]
        kept[0] = lead + kept[0].lstrip()
    if kept[-1] is not parts[-1]:
        trail = parts[-1][len(parts[-1].rstrip()):]
        kept[-1] = kept[-1].rstrip() + trail
    return ",".join(kept)


class _Planner:
    def __init__(self, facts: FileFacts, ctx: RuleContext) -> None:
        self.ctx = ctx
        self.headers = ctx.catalog.beta_headers
        self.conditions = _Conditions(facts, ctx)

    def verdict(self, header: BetaHeader, site: _Site) -> str:
        """"all" when the header's condition holds for every request sending it, "some", or "none"."""
        holds = [self.conditions.holds(header, request) for request in site.requests]
        if holds and all(holds):
            return "all"
        return "some" if any(holds) else "none"

    def will_fix(self, node: cst.CSTNode) -> bool:
        return self.ctx.will_fix(RULE.code, SAFE, node)

    # betas=[...] -------------------------------------------------------------------------------
    def list_site(self, site: _Site) -> Iterator[Finding]:
        node = site.node
        assert isinstance(node, cst.List)
        blocker = site.blocker()
        planned: list[tuple[cst.Element, BetaHeader, str]] = []  # element, header, verdict
        for element in node.elements:
            name = literal_str(element.value) if isinstance(element, cst.Element) else None
            header = self.headers.get(name) if name is not None else None
            if header is None or not isinstance(element, cst.Element):
                continue
            verdict = self.verdict(header, site)
            if verdict != "none":
                planned.append((element, header, verdict))
        removable = [
            element for element, header, verdict in planned
            if header.action == "remove" and verdict == "all" and blocker is None
        ]
        applied = [element for element in removable if self.will_fix(element.value)]
        emptied: tuple[Edit, ...] = ()
        if len(applied) == len(node.elements):
            emptied, why = site.emptied_edits()
            if why is not None:
                blocker = f"the list would be left empty and cannot be removed ({why})"
                removable = []
        for element, header, verdict in planned:
            shown = f'beta header "{header.name}"'
            if header.action != "remove":
                yield Finding(RULE, element.value, f"{shown}: {header.note}")
            elif verdict == "some":
                message = (
                    f"{shown} is obsolete for only some of the requests that send this list: {header.note}; "
                    "give those requests a list of their own"
                )
                yield Finding(RULE, element.value, message)
            elif element not in removable:
                message = f"{shown} is obsolete: {header.note}; not removed: {blocker}"
                yield Finding(RULE, element.value, message)
            else:
                fix = Fix(SAFE, (RemoveItem(node, element), *emptied))
                yield Finding(RULE, element.value, f"{shown} removed: {header.note}", fix)

    # extra_headers={"anthropic-beta": "a,b"} ---------------------------------------------------
    def string_site(self, site: _Site) -> Iterator[Finding]:
        node = site.node
        assert isinstance(node, cst.SimpleString)
        text = literal_str(node)
        if text is None:
            return
        body = node.value[len(node.prefix) + len(node.quote): -len(node.quote)]
        blocker = site.blocker()
        if blocker is None and body != text:
            blocker = "the string has escapes"
        removed: list[BetaHeader] = []
        notes: list[str] = []
        for part in _split(text):
            header = self.headers.get(part.strip())
            if header is None or header in removed:
                continue
            verdict = self.verdict(header, site)
            shown = f'beta header "{header.name}"'
            if verdict == "none":
                continue
            if header.action != "remove":
                notes.append(f"{shown}: {header.note}")
            elif verdict == "some":
                notes.append(
                    f"{shown} is obsolete for only some of the requests that send this header: {header.note}; "
                    "give those requests a header of their own"
                )
            elif blocker is not None:
                notes.append(f"{shown} is obsolete: {header.note}; not removed: {blocker}")
            else:
                removed.append(header)
        if not removed and not notes:
            return
        edits: tuple[Edit, ...] = ()
        if removed and self.will_fix(node):
            new = _without(text, {header.name for header in removed})
            if new:
                edits = (Replace(node, cst.SimpleString(f"{node.prefix}{node.quote}{new}{node.quote}")),)
            else:
                edits, why = site.emptied_edits()
                if why is not None:
                    notes.extend(
                        f'beta header "{header.name}" is obsolete: {header.note}; not removed: {why}'
                        for header in removed
                    )
                    removed = []
        messages = [f'beta header "{header.name}" removed from {HEADER_KEY}: {header.note}' for header in removed]
        fix = Fix(SAFE, edits) if removed and edits else None
        if fix is not None and notes and site.items:
            # What is fixed and what is left to do by hand are two findings (the fix on the header's entry, the
            # rest on the string, where a run on the fixed file reports it again): a finding marked fixed leaves
            # nothing behind, so check, apply and a later check agree.
            yield Finding(RULE, site.items[0].node, "; ".join(messages), fix)
            yield Finding(RULE, node, "; ".join(notes))
            return
        yield Finding(RULE, node, "; ".join([*messages, *notes]), fix)


def check_file(facts: FileFacts, ctx: RuleContext) -> Iterator[Finding]:
    if not ctx.catalog.beta_headers:
        return
    collector = _Collector()
    batches: dict[int, tuple[cst.Call, list[Request]]] = {}
    for request in facts.analysis.requests:
        if request.operation == "batch":
            batches.setdefault(id(request.call), (request.call, []))[1].append(request)
        else:
            collector.request(request)
    for call, requests in batches.values():
        collector.batch(call, requests)
    planner = _Planner(facts, ctx)
    for site in collector.lists.values():
        yield from planner.list_site(site)
    for site in collector.strings.values():
        yield from planner.string_site(site)

