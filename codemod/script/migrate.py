"""Migrating one TypeScript or JavaScript file: the Python rules' codes and catalogue, on the SDK's request objects.

Fixed, on requests ``requests.py`` proves (the TypeScript SDK 1.16.0's ``MessageCreateParams`` has no sampling
parameters and takes ``thinking: { type: "adaptive" }`` with ``output_config.effort``): model IDs (CM301-CM303),
sampling parameters (CM201), ``thinking: { type: "enabled", budget_tokens: N }`` (CM101), effort inside thinking
(CM103), ``type: "none"`` (CM105), obsolete betas (CM402). Reported: a budget that is not a literal (CM102), a
request that is not an object literal or spreads one (CM001), the per-target shapes (CM107, CM501-CM503), and
every other ``budget_tokens``/``budgetTokens`` (CM108, the backstop a CI check relies on). Edits are byte ranges;
the result is parsed and analysed again until no fix is left, and ``// claude-migrate: ignore[CODE]`` silences a line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from codemod.applicability import fix_applies
from codemod.catalog import Catalog, Model, clamp_effort, load_catalog
from codemod.catalog.model_ids import parse_model_id
from codemod.catalog.replacements import move_in_form
from codemod.config import Settings
from codemod.findings import SAFE, UNSAFE
from codemod.results import Diagnostic, EngineError, SourceResult
from codemod.script.ai_sdk import effort_beside, model_beside
from codemod.script.backstop import untraced_budgets
from codemod.script.beta_features import fast_mode_finding, task_budget_finding
from codemod.script.betas import beta_findings, header_findings
from codemod.script.edits import Edit, insert_after, removal
from codemod.script.imports import imported_clients
from codemod.script.output_format import output_format_finding
from codemod.script.report import diagnostic, rule_names, silenced, suppressions
from codemod.script.requests import ScriptRequest, ai_sdk_model_ids, bindings, requests
from codemod.script.syntax import (
    Node,
    grammar_for,
    key_of,
    number_value,
    parse,
    quote_of,
    string_value,
    text,
    walk,
)
from codemod.script.target_rules import effort_level_findings, target_findings
from codemod.script.thinking_off import thinking_off

if TYPE_CHECKING:
    from codemod.project.resolver import FileResolver

MOVE_CODES = {"superseded": ("CM301", SAFE), "retired": ("CM302", SAFE), "deprecated": ("CM303", UNSAFE)}
SAMPLING_KEYS = ("temperature", "top_p", "top_k")
SAMPLING_REASON = "the API (2026-10-21) rejects it on every model, and the TypeScript SDK (1.x) no longer types it"
MAX_PASSES = 10
PLAIN_VALUES = ("number", "string", "true", "false", "null", "undefined", "identifier", "member_expression", "unary_expression")


@dataclass
class Finding:
    code: str
    node: Node
    message: str
    applicability: str | None = None
    edits: tuple[Edit, ...] = ()


@dataclass
class _Context:
    source: bytes
    settings: Settings
    catalog: Catalog
    target: Model
    findings: list[Finding] = field(default_factory=list)
    budgets_done: set[int] = field(default_factory=set)  # budget pairs CM101/CM102 reported
    silenced_lines: dict[int, frozenset[str] | None] = field(default_factory=dict)  # suppression comments

    def will_fix(self, finding: Finding) -> bool:
        """Whether ``apply`` makes this finding's fix (enabled, allowed, not silenced on its line)."""
        return (
            bool(finding.edits) and self.settings.enabled(finding.code)
            and fix_applies(finding.applicability, self.settings.unsafe_fixes) and not silenced(finding, self.silenced_lines)
        )


def migrate_script(
    path: str, source: bytes, settings: Settings, fix: bool = True, project: FileResolver | None = None
) -> SourceResult:
    """``project``, when given, records the modules read to prove imported clients (for the cache)."""
    kind = grammar_for(path)
    catalog = load_catalog(settings.as_of)
    target = catalog.get(settings.target)
    assert target is not None
    deps: dict[str, str] = {}
    findings = _findings(source, Path(path), kind, settings, catalog, target, deps)
    if project is not None:
        project.deps.update(deps)
    chosen = _chosen(findings, settings)
    new_source = None
    if fix and chosen:
        # Fixes whose edits touch (two members removed side by side) are made in the next pass, as the Python
        # engine does; each pass parses the result again, so a broken one raises here.
        current = source
        for _ in range(MAX_PASSES):
            current = _apply(current, [edit for finding in chosen for edit in finding.edits])
            chosen = _chosen(_findings(current, Path(path), kind, settings, catalog, target, {}), settings)
            if not chosen:
                break
        else:
            raise EngineError(f"the fixes do not converge after {MAX_PASSES} passes (please report it)")
        new_source = current
    names = rule_names()
    lines = source.split(b"\n")
    fixable = [f for f in findings if f.edits and fix_applies(f.applicability, settings.unsafe_fixes)]
    diagnostics = [
        diagnostic(finding, names, lines, applied=fix and any(finding is f for f in fixable)) for finding in findings
    ]
    diagnostics.sort(key=Diagnostic.sort_key)
    return SourceResult(diagnostics, new_source, would_change=not fix and bool(fixable))


def _findings(
    source: bytes, path: Path, kind: str, settings: Settings, catalog: Catalog, target: Model, deps: dict[str, str]
) -> list[Finding]:
    root = parse(source, kind).root_node
    ctx = _Context(source, settings, catalog, target, silenced_lines=suppressions(source))
    imported = imported_clients(root, path.absolute(), deps) if b"import" in source else set()
    for request in requests(root, bindings(root, imported)):
        _request(request, ctx)
    if b"@ai-sdk/anthropic" in source:
        model_ids = ai_sdk_model_ids(root)
        for model_id in model_ids:
            _model_literal(model_id, ctx)
        if model_ids or b"providerOptions" in source:
            _ai_sdk_thinking(root, ctx)
    ctx.findings.extend(untraced_budgets(root, ctx.budgets_done, ctx.settings.effort_map, Finding))
    seen: set[tuple[str, int, str]] = set()  # a literal sent by several calls is reported once
    kept = []
    for finding in ctx.findings:
        key = (finding.code, finding.node.start_byte, finding.message)
        if key not in seen and settings.enabled(finding.code) and not silenced(finding, ctx.silenced_lines):
            seen.add(key)
            kept.append(finding)
    return kept


def _chosen(findings: list[Finding], settings: Settings) -> list[Finding]:
    """The findings whose fixes ``apply`` makes: fixable, allowed, and not overlapping an earlier one."""
    taken: list[Edit] = []
    chosen = []
    for finding in findings:
        if not finding.edits or not fix_applies(finding.applicability, settings.unsafe_fixes):
            continue
        if any(e.start < t.end and t.start < e.end or (e.start == e.end == t.start == t.end) for e in finding.edits for t in taken):
            continue
        taken.extend(finding.edits)
        chosen.append(finding)
    return chosen


def _apply(source: bytes, edits: list[Edit]) -> bytes:
    result = source
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        result = result[: edit.start] + edit.new + result[edit.end :]
    return result


# Requests ---------------------------------------------------------------------------------------------


def _request(request: ScriptRequest, ctx: _Context) -> None:
    if request.receiver is not None:
        _unproven(request, ctx)
        return
    if request.params is None:
        shown = text(request.argument) if request.argument is not None else "no argument"
        ctx.findings.append(Finding("CM001", request.argument or request.call, (
            f"the request of {request.method} ({shown[:60]}) is not an object literal here: make sure it holds no "
            "temperature/top_p/top_k and no thinking budget, or write it as a literal in the call so claude-migrate can fix it"
        )))
        return
    pairs: dict[str, Node] = {}
    opaque = False
    for child in request.params.named_children:
        if child.type == "spread_element" and child.id in request.spreads:  # a literal only requests read
            pairs.update((key, c) for c in request.spreads[child.id].named_children if c.type == "pair" and (key := key_of(c)))
        elif child.type == "spread_element":
            opaque = True
            ctx.findings.append(Finding("CM001", child, (
                f"{text(child)[:60]} spreads an object built elsewhere into the request: make sure it holds no "
                "temperature/top_p/top_k and no thinking budget"
            )))
        elif child.type == "pair" and (key := key_of(child)) is not None:
            pairs[key] = child  # the last one written is sent
    model = _model(pairs.get("model"), ctx)
    for key in SAMPLING_KEYS:
        if key in pairs:
            _sampling(pairs[key], key, ctx)
    adaptive = _thinking(pairs["thinking"], pairs.get("output_config"), model, ctx) if "thinking" in pairs else False
    moved = output_format_finding(pairs, ctx.source, Finding)
    if moved is not None:
        ctx.findings.append(moved)
    without_format = {k: v for k, v in pairs.items() if not (k == "output_format" and moved is not None and ctx.will_fix(moved))}
    if request.method.startswith("beta.") and "betas" in pairs:
        ctx.findings.extend(beta_findings(without_format, opaque, model, adaptive, ctx.catalog.beta_headers, ctx.source, Finding))
    ctx.findings.extend(header_findings(request.call, without_format, opaque, model, adaptive, ctx.catalog.beta_headers, Finding))
    arguments = request.call.child_by_field_name("arguments")
    with_options = arguments is not None and len(arguments.named_children) > 1  # request options: maybe a timeout
    ctx.findings.extend(target_findings(request.method, pairs, model, opaque or with_options, Finding))
    ctx.findings.extend(effort_level_findings(pairs, model, Finding))
    extra = [fast_mode_finding(pairs, request, model, ctx.catalog, ctx.source, Finding)]
    extra += [task_budget_finding(pairs["thinking"], Finding)] if "thinking" in pairs else []
    ctx.findings.extend(f for f in extra if f is not None)


def _unproven(request: ScriptRequest, ctx: _Context) -> None:
    """A Messages call that sends a Claude model ID on a client the file does not construct: reported."""
    pairs = {key_of(c): c for c in request.params.named_children if c.type == "pair"} if request.params is not None else {}
    model = pairs.get("model")
    written = string_value(model.child_by_field_name("value")) if model is not None else None
    if written is None or parse_model_id(written, ctx.catalog) is None:
        return  # nothing says it talks to Claude: another SDK's messages.create, or a local object
    receiver = text(request.receiver) if request.receiver is not None else "?"
    ctx.findings.append(Finding("CM001", request.call, (
        f'{receiver}.{request.method}({{ model: "{written}", ... }}) is not on a client claude-migrate can prove is '
        "@anthropic-ai/sdk's (made in another module?): it is not migrated; check its model, sampling parameters and "
        "thinking by hand, or construct the client in this file"
    )))


def _model(pair: Node | None, ctx: _Context) -> Model:
    """CM301-CM303 for a literal model ID; the model the request sends once apply has moved it."""
    return _model_literal(pair.child_by_field_name("value") if pair is not None else None, ctx)


def _model_literal(value: Node | None, ctx: _Context) -> Model:
    written = string_value(value)
    ref = parse_model_id(written, ctx.catalog) if written is not None else None
    if value is None or ref is None:
        return ctx.target  # not a literal, or not a Claude model ID: the target's rules apply
    move = move_in_form(ref, ctx.catalog, ctx.target, ctx.settings.replacements)
    if move is None:
        return ref.model
    kind, via, new, rendered = move.kind, move.via, move.model, move.rendered
    code, applicability = MOVE_CODES[kind]
    lifecycle = {
        "superseded": f"is superseded by {new.id}",
        "retired": f"retired on {ref.model.retires}" if ref.model.retires else "retired",
        "deprecated": f"is deprecated and retires on {ref.model.retires}",
    }[kind]
    why = f"{ref.text} {lifecycle}"
    if rendered.text is None:
        ctx.findings.append(Finding(code, value, f"{why}; no automatic rewrite: {rendered.note}"))
        return ref.model
    reason = via.describe()
    message = f'{why}; use "{rendered.text}"' + (f" ({reason})" if reason else "")
    quote = quote_of(value)
    edit = Edit(value.start_byte, value.end_byte, f"{quote}{rendered.text}{quote}".encode())
    ctx.findings.append(Finding(code, value, message, applicability, (edit,)))
    return new if fix_applies(applicability, ctx.settings.unsafe_fixes) and ctx.settings.enabled(code) else ref.model


def _sampling(pair: Node, key: str, ctx: _Context) -> None:
    value = pair.child_by_field_name("value")
    shown = f"{key}: {text(value) if value is not None else '?'}"
    if value is None or value.type not in PLAIN_VALUES:
        ctx.findings.append(Finding("CM201", pair, f"{shown} must go: {SAMPLING_REASON}; remove it by hand (the value may have side effects)"))
        return
    ctx.findings.append(Finding("CM201", pair, f"{shown} removed: {SAMPLING_REASON}", SAFE, (removal(pair, ctx.source),)))


def _thinking(pair: Node, output_config: Node | None, model: Model, ctx: _Context, beside: Node | None = None) -> bool:
    """CM101/CM102 for ``thinking: { type: "enabled", budget_tokens: N }``; ``beside``: the object where
    the effort is a key next to the thinking (the AI SDK's ``providerOptions.anthropic``), not in output_config."""
    config = pair.child_by_field_name("value")
    if config is None or config.type != "object":
        return False
    items = {key_of(child): child for child in config.named_children if child.type == "pair"}
    budget_key = "budgetTokens" if beside is not None else "budget_tokens"
    label = "effort" if beside is not None else "output_config.effort"
    type_pair, budget_pair = items.get("type"), items.get(budget_key)
    type_value = type_pair.child_by_field_name("value") if type_pair is not None else None
    if "effort" in items and beside is None and string_value(type_value) in ("adaptive", "enabled"):
        _effort_in_thinking(pair, items["effort"], output_config, ctx)
    caps = model.capabilities
    if string_value(type_value) in ("none", "disabled") and beside is None and not model.is_retired:
        off = thinking_off(type_value, output_config, model)  # type: ignore[arg-type]
        if off is not None:
            code, message, edit = off
            ctx.findings.append(Finding(code, type_value, message, SAFE if edit else None, (edit,) if edit else ()))  # type: ignore[arg-type]
        return True
    if string_value(type_value) != "enabled" or caps.thinking_enabled not in ("rejected", "deprecated") or not caps.thinking_adaptive:
        return string_value(type_value) in ("adaptive", "disabled")
    status = "deprecated on" if caps.thinking_enabled == "deprecated" else "rejected by"
    budget_value = budget_pair.child_by_field_name("value") if budget_pair is not None else None
    budget = number_value(budget_value)
    if budget_pair is not None:
        ctx.budgets_done.add(budget_pair.id)
    if budget is None:
        shown = text(budget_value) if budget_value is not None else "(missing)"
        ctx.findings.append(Finding("CM102", config, (
            f'thinking type "enabled" is {status} {model.id}; {budget_key}: {shown} is not a literal, so no effort '
            f'level can be chosen: use {{ type: "adaptive" }} and set {label} by the budget '
            f"(effort map: {ctx.settings.effort_map.describe()})"
        )))
        return False
    assert type_value is not None and budget_pair is not None
    quote = quote_of(type_value)
    edits = [Edit(type_value.start_byte, type_value.end_byte, f"{quote}adaptive{quote}".encode()), removal(budget_pair, ctx.source)]
    mapped = ctx.settings.effort_map.level_for(budget)
    effort = clamp_effort(mapped, caps.effort_levels)
    why = f"budget {ctx.settings.effort_map.range_for(mapped)} -> {mapped} by the effort map"
    if effort != mapped and effort is not None:
        why += f", lowered to {effort}, the nearest level {model.id} accepts"
    head = f'thinking type "enabled" with {budget_key}: {budget} is {status} {model.id}: use {{ type: "adaptive" }} and '
    blocker = None
    if effort is None:
        action = f"{model.id} has no effort levels"
    elif "effort" in items and beside is None:
        action = "the effort written in thinking is kept (CM103 moves it to output_config.effort)"
    else:
        action = f'{label} "{effort}" ({why}; no official mapping exists)'
        if beside is not None:
            added, blocker = effort_beside(pair, beside, effort, quote, ctx.source)
        else:
            added, blocker = _effort_edit(pair, output_config, effort, quote, ctx.source)
        if added is None and blocker is None:
            action = "the effort already written is kept"
        elif added is not None:
            edits.append(added)
    if blocker is not None:
        ctx.findings.append(Finding("CM101", config, f"{head}{action}; no automatic fix: {blocker}"))
        return False
    converted = Finding("CM101", config, head + action, SAFE, tuple(edits))
    ctx.findings.append(converted)
    return ctx.will_fix(converted)


def _effort_in_thinking(thinking: Node, effort: Node, output_config: Node | None, ctx: _Context) -> None:
    """CM103: ``thinking: { type: "adaptive", effort: "high" }`` (a shape from blog posts): effort belongs in
    ``output_config``. Moved there; removed when output_config already has one."""
    value = effort.child_by_field_name("value")
    level = string_value(value)
    shown = text(value) if value is not None else "?"
    message = f"effort: {shown} is not a thinking key; it belongs in output_config.effort"
    if value is None or value.type not in PLAIN_VALUES:
        ctx.findings.append(Finding("CM103", effort, f"{message}: move it by hand (the value may have side effects)"))
        return
    quote = quote_of(value) if level is not None else '"'
    added, blocker = _effort_edit(thinking, output_config, level if level is not None else shown, quote, ctx.source)
    if level is None and added is not None:  # a name, not a string: written as it is
        added = Edit(added.start, added.end, added.new.replace(f"{quote}{shown}{quote}".encode(), shown.encode()))
    if blocker is not None:
        ctx.findings.append(Finding("CM103", effort, f"{message}; no automatic fix: {blocker}"))
        return
    edits = (removal(effort, ctx.source), *((added,) if added is not None else ()))
    ctx.findings.append(Finding("CM103", effort, f"{message}: moved there" if added else f"{message}; output_config already has one, so it is removed", SAFE, edits))


def _ai_sdk_thinking(root: Node, ctx: _Context) -> None:
    """``providerOptions: { anthropic: { thinking: {...} } }`` of the AI SDK, for the model written beside it."""
    for node in walk(root):
        if node.type != "pair" or key_of(node) != "providerOptions":
            continue
        value = node.child_by_field_name("value")
        members = {key_of(c): c for c in value.named_children if c.type == "pair"} if value is not None and value.type == "object" else {}
        options = members["anthropic"].child_by_field_name("value") if "anthropic" in members else None
        if options is None or options.type != "object":
            continue
        thinking = next((c for c in options.named_children if c.type == "pair" and key_of(c) == "thinking"), None)
        if thinking is not None:
            _thinking(thinking, None, model_beside(node, ctx.catalog, ctx.target, ctx.settings.replacements), ctx, beside=options)


def _effort_edit(thinking: Node, output_config: Node | None, effort: str, quote: str, source: bytes) -> tuple[Edit | None, str | None]:
    """The edit that sets ``output_config.effort`` (None when one is already written), or why it cannot."""
    if output_config is None:
        return insert_after(thinking, f"output_config: {{ effort: {quote}{effort}{quote} }}", source), None
    value = output_config.child_by_field_name("value")
    if value is None or value.type != "object" or any(c.type == "spread_element" for c in value.named_children):
        return None, "output_config is not an object literal"
    members = [c for c in value.named_children if c.type == "pair"]
    if any(key_of(c) == "effort" for c in members):
        return None, None
    if not members:
        return Edit(value.start_byte, value.end_byte, f"{{ effort: {quote}{effort}{quote} }}".encode()), None
    return insert_after(members[-1], f"effort: {quote}{effort}{quote}", source), None
