"""CM401: ``output_format={...schema...}`` -> ``output_config={"format": {...}}``.

Sources (api-facts.md): SDK 1.0.0 removed the ``output_format`` schema-dict parameter from
``beta.messages.create``, ``beta.messages.count_tokens`` and batch params; the schema goes to
``output_config={"format": {...}}`` (§5.1, MIG-v1). ``messages.create`` and the batch params take no
``output_format`` at all, and ``output_config`` holds ``effort`` and ``format`` on every method (§6,
SDK ``types/output_config_param.py``). The helpers ``parse()`` / ``stream()`` (and the non-beta
``count_tokens()``) keep ``output_format=<type>`` only and raise ``TypeError`` for a dict ("`output_format`
must be a type; pass a schema dict as `output_config={'format': ...}` instead", SDK
``resources/messages/messages.py``). The old value and ``output_config.format`` have the same shape
(``{"type": "json_schema", "schema": {...}}``), so the move is safe: the call could not succeed as
written.

Only a value that is provably a dict (a literal, ``dict(...)``, an SDK TypedDict, or a name bound once
to one of those) is moved: it is merged into an existing ``output_config`` dict literal as its
``"format"`` (an existing ``"format"`` is never overwritten: reported), or written as a new
``output_config`` next to where ``output_format`` was. A type on ``parse`` / ``stream`` is valid and left
alone; a value that cannot be proven a dict, on a method that takes no ``output_format``, is reported.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.analysis.literals import quote_like, string_of
from codemod.analysis.model import Item, Request
from codemod.analysis.requests import PASSTHROUGH, FileAnalysis
from codemod.edits import Edit, Replace, code_of
from codemod.findings import SAFE, Finding, Fix, Rule
from codemod.rules import RuleFamily
from codemod.rules._edits import add_to_output_config, dict_of, removal
from codemod.rules.context import RuleContext

OUTPUT_FORMAT_PARAM = Rule(
    "CM401",
    "output-format-param",
    'output_format={schema dict} (removed in SDK 1.0) -> output_config={"format": {...}}; a type on parse/stream is kept.',
    SAFE,
)

Use = tuple[Request, Item]
Plan = tuple[tuple[Edit, ...], str | None]  # the edits, or why there are none


def takes_type(request: Request) -> bool:
    """Whether the method still accepts ``output_format=<type>`` (the parse/stream helpers)."""
    return request.operation in ("parse", "stream") or (request.operation == "count_tokens" and not request.beta)


def _passed_through(item: Item) -> bool:
    """An item inside ``extra_body``: a body field sent as written, not the SDK parameter."""
    owner = item.container.owner if item.container is not None else None
    return owner is not None and owner.key in PASSTHROUGH


def _shown(item: Item) -> str:
    site = item.value.site
    if isinstance(site, (cst.Name, cst.Attribute)):
        return code_of(site)
    text = code_of(site)
    return text if len(text) <= 40 and "\n" not in text else "{...}"


def _method(request: Request) -> str:
    return "batch params" if request.operation == "batch" else f"{request.method}()"


def _why(request: Request) -> str:
    if takes_type(request):
        return f"{_method(request)} takes only a type as output_format and raises TypeError for a schema dict (SDK >= 1.0)"
    verb = "take" if request.operation == "batch" else "takes"
    return f"{_method(request)} no longer {verb} output_format (removed in SDK 1.0; passing it raises TypeError)"


def _subscript_key(statement: cst.BaseSmallStatement) -> tuple[cst.Subscript, cst.SimpleString] | None:
    """``kw["output_format"] = v``: its target and the key's string literal."""
    if not isinstance(statement, cst.Assign) or len(statement.targets) != 1:
        return None
    target = statement.targets[0].target
    if not isinstance(target, cst.Subscript) or len(target.slice) != 1:
        return None
    index = target.slice[0].slice
    if not isinstance(index, cst.Index) or not isinstance(index.value, cst.SimpleString):
        return None
    return target, index.value


def _plan(request: Request, item: Item, senders: dict[int, set[int]], group: set[int]) -> Plan:
    """The edits moving ``item`` for ``request``; ``group``: the requests (ids) that send ``item``."""
    if not item.editable:
        return (), "the dict that holds output_format is also used by other code"
    existing = [i.value.mapping for i in request.items("output_config") if i.value.mapping is not None]
    if any(senders.get(id(mapping.node), set()) - group for mapping in existing):
        return (), "its output_config dict is also sent by requests that do not send this output_format"
    value = item.value.site
    style = string_of(item.value.mapping.node) if item.value.mapping is not None else None
    edits, blocker = add_to_output_config(request, item, [("format", value)], style)
    if blocker is not None:
        return (), blocker
    mutation = item.mutation
    if mutation is None:
        remove = removal(item)
        return ((remove, *edits), None) if remove is not None else ((), "output_format cannot be removed")
    # ``kw["output_format"] = v`` is rewritten in place (the statement may be all an ``if`` holds):
    # ``kw["output_config"] = {"format": v}``, or ``kw["output_config"]["format"] = v`` when
    # output_config is already in the dict.
    found = _subscript_key(mutation.statement) if mutation.kind == "set" else None
    if found is None:
        return (), "output_format is set by a statement that cannot be rewritten in place"
    target, key = found
    if not request.items("output_config"):
        return (
            Replace(key, quote_like(key, "output_config")),
            Replace(value, dict_of(key, [("format", value)])),
        ), None
    nested = cst.Subscript(
        value=target.with_changes(slice=[cst.SubscriptElement(cst.Index(quote_like(key, "output_config")))]),
        slice=[cst.SubscriptElement(cst.Index(quote_like(key, "format")))],
    )
    return (Replace(target, nested),), None


def _signature(edits: tuple[Edit, ...]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((repr(edit.identity()), edit.content()) for edit in edits))


def _finding(uses: list[Use], senders: dict[int, set[int]]) -> Finding | None:
    request, item = uses[0]
    shown = _shown(item)
    if item.value.mapping is None:
        if all(takes_type(user) for user, _ in uses):
            return None  # output_format=Invoice on parse/stream: valid
        untyped = next(user for user, _ in uses if not takes_type(user))
        message = (
            f"output_format={shown} must go: {_why(untyped)}; it is not provably a dict, so it is not moved: "
            'pass a JSON schema as output_config={"format": {"type": "json_schema", "schema": ...}}, '
            "or a type to messages.parse(output_format=...)"
        )
        return Finding(OUTPUT_FORMAT_PARAM, item.node, message)
    group = {id(user) for user, _ in uses}
    plans = [_plan(user, use_item, senders, group) for user, use_item in uses]
    blocker = next((why for _, why in plans if why is not None), None)
    if blocker is None and len({_signature(edits) for edits, _ in plans}) > 1:
        blocker = "it is sent by several requests that would each need a different edit"
    head = f'output_format={shown} moved to output_config={{"format": {shown}}}: {_why(request)}'
    if blocker is not None:
        message = (
            f'output_format={shown} must move to output_config={{"format": {shown}}}: {_why(request)}; '
            f"no automatic fix: {blocker}"
        )
        return Finding(OUTPUT_FORMAT_PARAM, item.node, message)
    return Finding(OUTPUT_FORMAT_PARAM, item.node, head, Fix(SAFE, plans[0][0]))


def findings(analysis: FileAnalysis) -> list[Finding]:
    """One finding per ``output_format`` item, however many requests send it."""
    groups: dict[int, list[Use]] = {}
    senders: dict[int, set[int]] = {}  # output_config dict -> the requests (ids) that send it
    for request in analysis.requests:
        for output_config in request.items("output_config"):
            if output_config.value.mapping is not None:
                senders.setdefault(id(output_config.value.mapping.node), set()).add(id(request))
        if request.operation == "framework":
            continue
        for item in request.items("output_format"):
            if not _passed_through(item):
                groups.setdefault(id(item.node), []).append((request, item))
    return [finding for uses in groups.values() if (finding := _finding(uses, senders)) is not None]


def fixed_items(analysis: FileAnalysis, ctx: RuleContext) -> set[int]:
    """The ``output_format`` items (by node id) that ``apply`` moves to ``output_config``."""
    return {
        id(finding.node)
        for finding in findings(analysis)
        if finding.fix is not None and ctx.will_fix(OUTPUT_FORMAT_PARAM.code, finding.fix.applicability, finding.node)
    }


def check_file(analysis: FileAnalysis, ctx: RuleContext) -> Iterator[Finding]:
    yield from findings(analysis)


FAMILY = RuleFamily((OUTPUT_FORMAT_PARAM,), check_file=check_file)
