"""The per-source pipeline, without I/O: parse, analyse, run the rules, apply fixes, verify.

Fixes are applied to a fixed point (bounded, as ruff does): when a fix had to wait because it
conflicted with another, the result is analysed again and the fixes that became possible are
applied, until nothing changes. (Rules are written so that one pass suffices; the fixture tests
check that a second run finds nothing to fix.) Findings are the
first pass's, with positions in the source as it was read. A result that does not parse is never
returned as a success.
"""

from __future__ import annotations

import warnings
from dataclasses import replace

import libcst as cst

from codemod.analysis.analyzer import analyze_module
from codemod.catalog import Catalog, load_catalog
from codemod.catalog.sdk_features import Floor
from codemod.config import Settings
from codemod.context import RuleContext
from codemod.edit_ranges import TextEdit, record, text_edits
from codemod.edits import Edit
from codemod.facts import FileFacts, file_facts
from codemod.facts.sdk_needs import sdk_needs
from codemod.findings import Finding, Fix, fix_applies
from codemod.positions import Positions
from codemod.project.resolver import FileResolver
from codemod.results import Diagnostic, EngineError, SourceResult
from codemod.rules import RegisteredRule, registry
from codemod.suppression import Suppressions
from codemod.transform import apply_edits

__all__ = ["Diagnostic", "EngineError", "SourceResult", "migrate_source"]

# Bound on fix passes (ruff's is 100); correct rules need one, or two after a conflict.
MAX_PASSES = 100


def _context(settings: Settings, catalog: Catalog, suppressions: Suppressions, positions: Positions) -> RuleContext:
    target = catalog.get(settings.target)
    assert target is not None

    def suppressed(code: str, node: cst.CSTNode) -> bool:
        return bool(suppressions.by_line) and suppressions.silences(code, positions[node].start.line)

    return RuleContext(
        catalog, target, settings.unsafe_fixes, settings.effort_map, settings.enabled, suppressed, settings.replacements
    )


def _facts(module: cst.Module, catalog: Catalog, ctx: RuleContext, project: FileResolver | None) -> FileFacts:
    """The analysis and the facts every rule reads, computed once; a crash here is the analysis's, not a rule's."""
    try:
        return file_facts(analyze_module(module, catalog, project), ctx)
    except Exception as error:  # a bug must not take the run down; the file is left alone
        raise EngineError(f"internal error in the analysis: {type(error).__name__}: {error}") from error


def _run_rule(registered: RegisteredRule, facts: FileFacts, ctx: RuleContext, suppressions: Suppressions) -> list[Finding]:
    try:
        produced = list(registered.check_file(facts, ctx)) if registered.check_file else []
        if registered.check is not None:
            for request in facts.requests:
                produced.extend(registered.check(request, ctx))
        if registered.check_suppressions is not None:
            produced.extend(registered.check_suppressions(suppressions, ctx))
    except Exception as error:  # a rule bug must not take the run down; the file is left alone
        raise EngineError(f"internal error in rule {registered.rule.code}: {type(error).__name__}: {error}") from error
    return produced


def _findings(
    module: cst.Module,
    settings: Settings,
    catalog: Catalog,
    source: bytes,
    project: FileResolver | None,
    sdk_floor: Floor | None = None,
):
    positions = Positions(module)  # computed only if there are findings or suppression comments
    suppressions = Suppressions.collect(module, source, positions)
    ctx = replace(_context(settings, catalog, suppressions, positions), sdk_floor=sdk_floor)
    facts = _facts(module, catalog, ctx, project)
    seen: dict[tuple[str, int], Finding] = {}
    findings: list[Finding] = []
    about_suppressions: list[RegisteredRule] = []  # CM002: they read what the others' findings used
    for registered in registry():
        if not settings.enabled(registered.rule.code):
            continue
        if registered.check_suppressions is not None:
            about_suppressions.append(registered)
            continue
        for finding in _run_rule(registered, facts, ctx, suppressions):
            key = (finding.rule.code, id(finding.node))
            if suppressions.by_line and suppressions.silence(finding.rule.code, positions[finding.node].start.line):
                continue
            if key in seen:
                # A shared literal (a constant sent by several calls): one finding, all its edits.
                _merge_fix(seen[key], finding)
                continue
            seen[key] = finding
            findings.append(finding)
    for registered in about_suppressions:  # never silenced by the comments they report on
        findings.extend(_run_rule(registered, facts, ctx, suppressions))
    return findings, positions, facts


def _merge_fix(kept: Finding, duplicate: Finding) -> None:
    """Fold the edits of a duplicate finding into the one kept; drop the fix if they disagree."""
    if kept.fix is None or duplicate.fix is None:
        if kept.fix is not None or duplicate.fix is not None:
            kept.fix = None  # one request can be fixed, another cannot: no single edit is right
        return
    edits = list(kept.fix.edits)
    contents = {edit.identity(): edit.content() for edit in edits}
    for edit in duplicate.fix.edits:
        known = contents.get(edit.identity())
        if known is None:
            edits.append(edit)
            contents[edit.identity()] = edit.content()
        elif known != edit.content():
            kept.fix = None
            return
    kept.fix = Fix(kept.fix.applicability, tuple(edits))


def _select_edits(findings: list[Finding], settings: Settings) -> tuple[list[Edit], set[int], bool]:
    """Edits of the fixes to apply, skipping a fix that conflicts with one already taken.

    The flag says whether a fix was deferred for a conflict (then another pass is needed).
    """
    taken: dict[tuple[object, ...], str] = {}
    edits: list[Edit] = []
    applied: set[int] = set()
    deferred = False
    for finding in findings:
        fix = finding.fix
        if fix is None or not fix.edits or not fix_applies(fix.applicability, settings.unsafe_fixes):
            continue
        if any(taken.get(e.identity(), e.content()) != e.content() for e in fix.edits):
            deferred = True  # conflicts with an earlier fix; the next pass may apply it
            continue
        for edit in fix.edits:
            if edit.identity() not in taken:
                taken[edit.identity()] = edit.content()
                edits.append(edit)
        applied.add(id(finding))
    return edits, applied, deferred


def _diagnostic(finding: Finding, positions: Positions, applied: bool, edits: tuple[TextEdit, ...] = ()) -> Diagnostic:
    position = positions[finding.node]
    return Diagnostic(
        code=finding.rule.code,
        name=finding.rule.name,
        line=position.start.line,
        column=position.start.column + 1,
        end_line=position.end.line,
        end_column=position.end.column + 1,
        message=finding.message,
        fix=str(finding.fix.applicability) if finding.fix and finding.fix.edits else None,
        applied=applied,
        edits=edits,
    )


def _edits_alone(module: cst.Module, findings: list[Finding]) -> dict[int, tuple[TextEdit, ...]]:
    """Per finding with a fix: its edits alone, as ranges of the source as read (one code generation
    each, so only when a report asks for them)."""
    old = module.code
    alone: dict[int, tuple[TextEdit, ...]] = {}
    for finding in findings:
        if finding.fix is not None and finding.fix.edits:
            alone[id(finding)] = tuple(text_edits(old, apply_edits(module, list(finding.fix.edits)).code))
    return alone


def _compiles(source: bytes) -> bool:
    return _python_syntax_error(source) is None


def _python_syntax_error(source: bytes) -> SyntaxError | ValueError | None:
    """Python's own verdict on ``source`` (None: it compiles).

    Run before libcst: libcst's native parser can crash the process on nesting deep enough that
    Python refuses it (thousands of levels), so such a file must never reach it.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(source, "<claude-migrate>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as error:
            if isinstance(error, SyntaxError) and "too many nested" in (error.msg or ""):
                raise EngineError(f"cannot parse: expression nested too deeply ({error.msg})") from error
            return error
        except (RecursionError, MemoryError) as error:
            raise EngineError("cannot parse: expression nested too deeply") from error
    return None


def _syntax_error(python_error: SyntaxError | ValueError | None, error: cst.ParserSyntaxError) -> str:
    """Python's own description of the syntax error (clearer than the parser's), else libcst's."""
    if isinstance(python_error, SyntaxError):
        return f"{python_error.msg} (line {python_error.lineno}, column {python_error.offset or 1})"
    return f"{error.message} (line {error.editor_line}, column {error.editor_column})"


def migrate_source(
    source: bytes,
    settings: Settings,
    catalog: Catalog | None = None,
    *,
    fix: bool = True,
    project: FileResolver | None = None,
    record_edits: bool = False,
    sdk_floor: Floor | None = None,
) -> SourceResult:
    """Findings for ``source`` and, if fixes apply, the migrated source (same encoding, newlines).

    With ``fix=False`` (``check``) the fixes are chosen exactly as ``apply`` would choose them (the
    diagnostics' ``applied`` says which), but not carried out: ``would_change`` tells whether they
    would change the file, and nothing is re-parsed. ``record_edits`` adds each fix's edits as ranges
    (``Diagnostic.edits``) and, when the source is fixed, the record of what changed (``SourceResult.record``).
    ``sdk_floor``: the SDK release the project's migrated code needs, for CM601 on ``setup.py`` (the runner
    knows it once the other files are done).
    """
    catalog = catalog or load_catalog(settings.as_of)
    python_error = _python_syntax_error(source)
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        raise EngineError(f"cannot parse: {_syntax_error(python_error, error)}") from error
    except (UnicodeDecodeError, LookupError, SyntaxError) as error:
        raise EngineError(f"cannot decode: {error}") from error
    except RecursionError as error:
        raise EngineError("cannot parse: expression nested too deeply") from error

    findings, positions, facts = _findings(module, settings, catalog, source, project, sdk_floor)
    positions.prepare([finding.node for finding in findings])  # one pass for all the diagnostics
    edits, applied, deferred = _select_edits(findings, settings)
    alone = _edits_alone(module, findings) if record_edits and module.bytes == source else {}
    result = SourceResult(
        diagnostics=sorted(
            (_diagnostic(f, positions, id(f) in applied, alone.get(id(f), ())) for f in findings), key=Diagnostic.sort_key
        ),
        encoding=module.encoding,
        sdk_needs=sdk_needs(facts, findings, applied, edits),
    )
    if not fix:
        result.would_change = bool(edits)
        return result
    if not edits:
        return result  # nothing to write: the source is never regenerated
    if module.bytes != source:
        # libcst does not give this file back byte for byte (e.g. a last-line comment ending in a
        # backslash loses the final newline): a fix would change more than it says.
        raise EngineError("cannot fix: the parser does not reproduce this file exactly; file left unchanged")
    current = module
    applied_later: set[tuple[str, str]] = set()  # (code, message) of fixes made by a later pass
    for _ in range(MAX_PASSES):
        if not edits:
            break
        current = apply_edits(current, edits)
        # Re-parse the new text: later passes must see real positions, and this verifies the result.
        try:
            current = cst.parse_module(current.bytes)
        except cst.ParserSyntaxError as error:
            raise EngineError(f"fix produced code that does not parse ({error.message}); file left unchanged") from error
        if not deferred:
            break  # every fix of this pass was applied: the rules leave nothing for another pass
        more, _, _ = _findings(current, settings, catalog, current.bytes, project, sdk_floor)
        edits, taken, deferred = _select_edits(more, settings)
        applied_later.update((f.rule.code, f.message) for f in more if id(f) in taken)
    else:
        raise EngineError(f"fixes did not converge after {MAX_PASSES} passes; file left unchanged")
    if applied_later:
        # A fix that waited for a later pass (it conflicted with another) was made all the same.
        result.diagnostics = [
            replace(d, applied=True) if not d.applied and (d.code, d.message) in applied_later else d
            for d in result.diagnostics
        ]

    new_source = current.bytes
    if new_source != source:
        if python_error is None and not _compiles(new_source):
            raise EngineError("fixed code does not compile; file left unchanged")
        result.new_source = new_source
        if record_edits:
            result.record = record(module.code, current.code, [(d.code, d.edits) for d in result.diagnostics if d.applied])
    return result
