"""Top-level ``output_format`` values and their move to ``output_config={"format": ...}``.

SDK 1.0 removed ``output_format`` (a schema dict) from ``messages.create``, ``count_tokens`` (beta) and batch
params; the ``parse``/``stream`` helpers keep ``output_format=<type>`` only. Computed once per file: CM401
reports and fixes each move, and the beta-header rule (CM402) asks which ``output_format`` values are gone
once ``apply`` has run (the ``structured-outputs`` header is only needed next to one).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from codemod.analysis.analyzer import PASSTHROUGH, FileAnalysis
from codemod.analysis.literals import quote_like, string_of
from codemod.analysis.request import Item, Request
from codemod.analysis.resolve import ModuleIndex
from codemod.context import RuleContext
from codemod.edits import Edit, Replace, code_of
from codemod.findings import SAFE, Fix
from codemod.request_edits import OutputConfigWriter, dict_of, removal

RULE_CODE = "CM401"  # the rule that reports and makes the moves


@dataclass(eq=False)
class OutputFormatMove:
    """One ``output_format`` item: the message that reports it and the fix that moves it, if one can."""

    node: cst.CSTNode
    message: str
    fix: Fix | None = None

    def applied(self, ctx: RuleContext) -> bool:
        return self.fix is not None and ctx.will_fix(RULE_CODE, self.fix.applicability, self.node)


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
    writer = OutputConfigWriter(request, item, style)
    blocker = writer.blocker(("format",))
    if blocker is not None:
        return (), blocker
    edits = writer.edits([("format", value)])
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


# Calls that provably return a str: the output_format of parse()/stream() must be a type.
STRING_CALLS = frozenset({"json.dumps", "builtins.str", "builtins.repr"})
STRING_METHODS = frozenset({"format", "join", "strip", "replace", "lower", "upper"})


def provably_str(expr: cst.BaseExpression, index: ModuleIndex | None) -> bool:
    """Whether ``expr`` is certainly a ``str``: a (non-bytes) string literal, an f-string, a concatenation
    or ``%``-format of one, ``json.dumps(...)``, ``str(...)``, or a string method called on a literal."""
    if isinstance(expr, cst.SimpleString):
        return "b" not in expr.prefix.lower()
    if isinstance(expr, (cst.FormattedString, cst.ConcatenatedString)):
        return not (isinstance(expr, cst.ConcatenatedString) and not provably_str(expr.left, index))
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.Add, cst.Modulo)):
        return provably_str(expr.left, index) and (isinstance(expr.operator, cst.Modulo) or provably_str(expr.right, index))
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Attribute) and func.attr.value in STRING_METHODS and provably_str(func.value, index):
            return True
        return index is not None and bool(index.qualified_names(func) & STRING_CALLS)
    return False


def _signature(edits: tuple[Edit, ...]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((repr(edit.identity()), edit.content()) for edit in edits))


def _finding(uses: list[Use], senders: dict[int, set[int]], index: ModuleIndex | None = None) -> OutputFormatMove | None:
    request, item = uses[0]
    shown = _shown(item)
    if item.value.mapping is None:
        if all(takes_type(user) for user, _ in uses):
            if not provably_str(item.value.expr, index):
                return None  # output_format=Invoice on parse/stream: valid
            message = (
                f"output_format={shown} is a string: {_method(request)} takes only a type as output_format and raises "
                "TypeError for a string since anthropic 2.15.0 (before, the request failed later with a schema "
                "error); pass a type (a pydantic model class), or send the JSON schema as "
                'output_config={"format": {"type": "json_schema", "schema": ...}} to messages.create'
            )
            return OutputFormatMove(item.node, message)
        untyped = next(user for user, _ in uses if not takes_type(user))
        message = (
            f"output_format={shown} must go: {_why(untyped)}; it is not provably a dict, so it is not moved: "
            'pass a JSON schema as output_config={"format": {"type": "json_schema", "schema": ...}}, '
            "or a type to messages.parse(output_format=...)"
        )
        return OutputFormatMove(item.node, message)
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
        return OutputFormatMove(item.node, message)
    return OutputFormatMove(item.node, head, Fix(SAFE, plans[0][0]))


def output_format_moves(analysis: FileAnalysis) -> dict[int, OutputFormatMove]:
    """One move per ``output_format`` item (by node id), however many requests send it."""
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
    moves = (_finding(uses, senders, analysis.index) for uses in groups.values())
    return {id(move.node): move for move in moves if move is not None}
