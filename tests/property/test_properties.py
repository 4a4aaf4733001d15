"""Property-based tests (issue 6): no generated input can make the tool damage a user's code.

Modules come from :func:`tests.property.strategies.modules` (Anthropic requests written every way people write
them, mixed with non-Anthropic decoys). Each property runs under ``--target claude-opus-4-8`` (the default) and
``claude-opus-5``, with and without ``--unsafe-fixes`` (drawn per example). What each asserts:

- ``test_generated_modules_are_valid``: the generator itself: every module compiles, and its comments are exactly
  the tagged comments it wrote (so the comment property below compares what it should).
- ``test_output_parses``: the engine raises no ``EngineError`` on valid code, and its output parses with libcst
  and compiles.
- ``test_second_run_is_a_fixed_point``: migrating the output again changes nothing (``new_source is None``) and
  leaves no finding whose fix that run would apply.
- ``test_code_outside_the_edited_requests_is_kept``: every *fixed* piece of the module (imports, client
  constructions, ``def`` lines and statements around the calls, all decoys) appears in the output verbatim and in
  order, with nothing inserted between two adjacent fixed pieces (only the call expressions, ``params`` dict
  literals, module constants and parameter defaults a request reads may change); texts that only look like
  parameters inside a request (a tool schema's ``"temperature"`` property) are kept; and no finding points into a
  decoy, except CM304 on a decoy that compares a model ID in code (a report, never a fix).
- ``test_comments_are_kept``: the rule enforced, with every comment tagged uniquely: (1) the output has no comment
  the input did not have, and none twice; (2) every comment of the input except those written inside an item the
  tool may remove or after it on the same line (``temperature=0,  # why``; the items are the sampling parameters,
  ``thinking`` and its ``budget_tokens`` / ``effort``, ``output_format``, ``output_config.effort``, ``betas``
  and their elements, ``extra_headers`` / ``anthropic-beta``, ``stream`` on ``parse``; likewise a
  ``params["key"] = value`` statement setting one of them, and the ``if`` holding only it) is in the output, in
  the same order. The exception is the documented behaviour of ``transform.py`` (a removed argument or statement
  takes the comment on its own line with it; comment lines above and below it stay), tested in
  ``test_transform.py`` and ``test_regressions.py``.
- ``test_decoy_modules_are_untouched``: a module of decoys only gives ``new_source is None`` and no finding.
- ``test_check_reports_what_apply_does``: on a file, ``check`` and ``apply`` (the runner, as the CLI calls it)
  report the same findings (code, position, message, fix safety) and the same status; ``apply`` marks as applied
  exactly the findings whose fix ``check`` calls applicable (safe, or unsafe with ``--unsafe-fixes``), and writes
  the engine's output; ``check`` on the written file finds exactly the findings apply left (the same multiset of
  codes: positions move and a suggestion may be worded for the fixed file); when the engine takes ``fix=False``,
  its findings equal those of ``fix=True`` (what it marks applied, ``apply`` applies too).
- ``test_line_endings_encoding_and_indentation_are_kept``: CRLF files stay CRLF (no bare LF, no lone CR), LF
  files gain no CR; a BOM is kept (or not added); latin-1 files stay latin-1 (the result's ``encoding`` too);
  every line's indentation is made of the file's indent character only.
- ``test_runnable_output_sends_what_the_target_accepts`` (live): a runnable module (first-party clients, every
  value known at run time) is migrated with unsafe fixes; when no finding that means a rejected request is left,
  the output is run with the real SDK against ``tests/recording_server.py``: no exception, one request per site,
  and every recorded body passes ``tests/target_rules.violations`` for the target.

Example counts: ``tests/property/profiles.py``.
"""

from __future__ import annotations

import inspect
import io
import tempfile
import tokenize
import warnings
from collections import Counter
from dataclasses import replace
from pathlib import Path

import libcst as cst
from hypothesis import event, given
from hypothesis import strategies as st

from codemod.config import Settings
from codemod.engine import EngineError, migrate_source
from codemod.prefilter import might_need_migration
from codemod.results import Diagnostic, SourceResult
from codemod.runner import APPLY, CHECK, process_file
from tests.property.profiles import property_settings
from tests.property.strategies import Module, modules
from tests.recording_server import RecordingServer
from tests.test_live_requests import request_problems, run_file

TARGETS = ("claude-opus-4-8", "claude-opus-5")
MODES = st.sampled_from([(target, unsafe) for target in TARGETS for unsafe in (False, True)])
# Report-only findings that do not mean the API rejects the request (as in test_targets.py).
ADVISORY_CODES = ("CM304", "CM504")

MODULES = modules()


def _settings(mode: tuple[str, bool]) -> Settings:
    target, unsafe = mode
    return Settings(target=target, unsafe_fixes=unsafe, jobs=1)


def _migrate(module: Module, mode: tuple[str, bool]) -> tuple[SourceResult, bytes]:
    source = module.source
    try:
        result = migrate_source(source, _settings(mode))
    except EngineError as error:
        raise AssertionError(f"EngineError on valid code ({mode}): {error}") from error
    return result, result.new_source if result.new_source is not None else source


def _applicable(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix == "safe" or (d.fix == "unsafe" and unsafe)


def _compiles(source: bytes) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        compile(source, "<generated>", "exec", dont_inherit=True)


def _decode(data: bytes, module: Module) -> str:
    return data.decode("utf-8-sig" if module.encoding == "utf-8-sig" else module.encoding)


def comments(source: bytes) -> list[str]:
    """The comment tokens of ``source``, in order (tokenize reads the coding cookie and the BOM)."""
    return [t.string for t in tokenize.tokenize(io.BytesIO(source).readline) if t.type == tokenize.COMMENT]


def _describe(result: SourceResult) -> str:
    return "\n".join(f"  {d.line}:{d.column} {d.code} [{d.fix}{' applied' if d.applied else ''}] {d.message}" for d in result.diagnostics)


# --------------------------------------------------------------------------------------------------------


@property_settings(100)
@given(module=MODULES)
def test_generated_modules_are_valid(module: Module) -> None:
    _compiles(module.source)
    cst.parse_module(module.source)
    found = comments(module.source)
    assert len(found) == len(set(found)), "comment tags are unique"
    assert module.removable_comments <= set(found)


@property_settings(120)
@given(module=MODULES, mode=MODES)
def test_output_parses(module: Module, mode: tuple[str, bool]) -> None:
    _, output = _migrate(module, mode)
    cst.parse_module(output)
    _compiles(output)


@property_settings(100)
@given(module=MODULES, mode=MODES)
def test_second_run_is_a_fixed_point(module: Module, mode: tuple[str, bool]) -> None:
    result, output = _migrate(module, mode)
    if result.new_source is None:
        event("unchanged")
        return
    second = migrate_source(output, _settings(mode))
    assert second.new_source is None, (
        f"a second run changes the output again:\n{second.new_source.decode('utf-8', 'replace')}\n"
        f"first run:\n{_describe(result)}\nsecond run:\n{_describe(second)}\n--- first output:\n{output.decode('utf-8', 'replace')}"
    )
    leftover = [f"{d.line}:{d.column} {d.code} {d.message}" for d in second.diagnostics if _applicable(d, mode[1])]
    assert leftover == [], f"fixes left after a run: {leftover}\n--- first output:\n{output.decode('utf-8', 'replace')}"


def _fixed_runs_in_order(output: str, runs: list[tuple[bool, str]]) -> str | None:
    """Why ``output`` does not hold the fixed runs verbatim and in order (None when it does)."""
    position = 0
    for index, (fixed, text) in enumerate(runs):
        if not fixed:
            continue
        if index == 0:
            if not output.startswith(text):
                return f"the module no longer starts with:\n{text!r}"
            position = len(text)
        elif index == len(runs) - 1:
            if not output.endswith(text) or len(output) - len(text) < position:
                return f"the module no longer ends with:\n{text!r}"
        else:
            found = output.find(text, position)
            if found < 0:
                return f"fixed code changed or moved (after offset {position}):\n{text!r}"
            position = found + len(text)
    return None


@property_settings(120)
@given(module=MODULES, mode=MODES)
def test_code_outside_the_edited_requests_is_kept(module: Module, mode: tuple[str, bool]) -> None:
    result, output = _migrate(module, mode)
    text = _decode(output, module)
    problem = _fixed_runs_in_order(text, module.fixed_runs())
    assert problem is None, f"{problem}\n--- output:\n{text}\n--- findings:\n{_describe(result)}"
    for kept in module.must_keep:
        assert text.count(kept) == module.text.count(kept), f"data inside a request was changed: {kept!r}\n{text}"
    for first, last, piece in module.decoy_lines():
        inside = [d for d in result.diagnostics if first <= d.line <= last and not (piece.logic and d.code == "CM304")]
        # A thinking budget in a decoy (an archived config) is exactly what the CM108 backstop reports: a
        # report, never an edit, and only where a budget is written.
        backstop = [d for d in inside if d.code == "CM108"]
        assert all(d.fix is None for d in backstop) and (not backstop or "budget_tokens" in piece.text), backstop
        inside = [d for d in inside if d.code != "CM108"]
        assert inside == [], f"findings inside a decoy (lines {first}-{last}):\n{piece.text}\n{inside}"


@property_settings(120)
@given(module=MODULES, mode=MODES)
def test_comments_are_kept(module: Module, mode: tuple[str, bool]) -> None:
    _, output = _migrate(module, mode)
    before, after = comments(module.source), comments(output)
    invented = Counter(after) - Counter(before)
    assert not invented, f"comments added or duplicated: {sorted(invented)}"
    expected = [c for c in before if c not in module.removable_comments]
    kept = [c for c in after if c not in module.removable_comments]
    assert kept == expected, (
        f"comments lost or reordered: missing {[c for c in expected if c not in kept]}\n"
        f"--- output:\n{output.decode('utf-8', 'replace')}"
    )


@property_settings(150)
@given(module=modules(decoys_only=True, max_decoys=5), mode=MODES)
def test_decoy_modules_are_untouched(module: Module, mode: tuple[str, bool]) -> None:
    result = migrate_source(module.source, _settings(mode))
    assert result.new_source is None, result.new_source.decode("utf-8", "replace")
    # The only finding a decoy may carry: the CM108 report on a thinking budget it writes (never a fix).
    assert [d for d in result.diagnostics if d.code != "CM108" or d.fix is not None] == []
    assert not any(d.code == "CM108" for d in result.diagnostics) or b"budget_tokens" in module.source


LATER_PASS_EXAMPLE = b"""import anthropic

client = anthropic.Anthropic()


def ask():
    return client.messages.create(
        model="claude-opus-4-8",
        max_tokens=4096,
        messages=[{"role": "user", "content": "hi"}],
        thinking={"type": "enabled", "budget_tokens": 2048},
        output_format={"type": "json_schema", "schema": {"type": "object"}},
    )
"""


def test_fix_applied_in_a_later_pass_is_reported_as_applied() -> None:
    """CM101 and CM401 both add ``output_config``: CM101 waits for the second pass, which makes it."""
    result = migrate_source(LATER_PASS_EXAMPLE, Settings(target="claude-opus-4-8", jobs=1))
    assert result.new_source is not None and b'"effort": "medium"' in result.new_source  # CM101 was made
    assert [(d.code, d.applied) for d in result.diagnostics] == [("CM101", True), ("CM401", True)]


def test_last_comment_ending_in_a_backslash_keeps_the_final_newline() -> None:
    source = b'PRICES = {"claude-opus-4-6": 5.0}  # see pricing \\\n'
    assert source.endswith(b"\\\n")
    result = migrate_source(source, Settings(target="claude-opus-4-8", jobs=1))
    assert result.new_source is None and result.diagnostics == []


def _seen(d: Diagnostic) -> tuple[object, ...]:
    return (d.code, d.line, d.column, d.end_line, d.end_column, d.message, d.fix)


@property_settings(80)
@given(module=MODULES, mode=MODES)
def test_check_reports_what_apply_does(module: Module, mode: tuple[str, bool]) -> None:
    settings = _settings(mode)
    source = module.source
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "generated_module.py"
        path.write_bytes(source)
        checked = process_file(path, settings, CHECK)
        assert path.read_bytes() == source, "check wrote the file"
        applied = process_file(path, settings, APPLY)
        written = path.read_bytes()
        rechecked = process_file(path, settings, CHECK)
    assert checked.status != "error" and applied.status != "error", (checked.error, applied.error)
    assert checked.status == applied.status
    assert [_seen(d) for d in checked.diagnostics] == [_seen(d) for d in applied.diagnostics]
    assert not any(d.applied for d in checked.diagnostics)
    wrong = [d for d in applied.diagnostics if d.applied != _applicable(d, settings.unsafe_fixes)]
    left = Counter((d.code, d.message) for d in applied.diagnostics if not d.applied)
    again = Counter((d.code, d.message) for d in rechecked.diagnostics)
    assert wrong == [], f"apply did not do what check announced: {[(_seen(d), d.applied) for d in wrong]}"

    engine = migrate_source(source, settings)
    # The pre-filter never hides a finding: a module the engine reports on passes it.
    assert not engine.diagnostics or might_need_migration(source)
    assert written == (engine.new_source if engine.new_source is not None else source)
    assert (applied.status == "changed") == (engine.new_source is not None)
    # Messages describe the file as it is (a suggestion may name an effort the fix has since written): codes only.
    left_codes = Counter(code for (code, _), n in left.items() for _ in range(n))
    again_codes = Counter(code for (code, _), n in again.items() for _ in range(n))
    assert again_codes == left_codes, (
        f"after apply, check finds {sorted((again - left).elements())} new and misses {sorted((left - again).elements())}"
    )

    if "fix" in inspect.signature(migrate_source).parameters:
        # ``check`` runs no fix passes: its ``applied`` says what the first pass takes; a fix that
        # waits for a later pass is made by ``apply`` (and marked applied there). Otherwise identical.
        dry = migrate_source(source, settings, fix=False)
        assert [replace(d, applied=False) for d in dry.diagnostics] == [replace(d, applied=False) for d in engine.diagnostics]
        assert all(e.applied for d, e in zip(dry.diagnostics, engine.diagnostics) if d.applied)
        assert dry.new_source is None
        assert getattr(dry, "would_change", engine.new_source is not None) == (engine.new_source is not None)


@property_settings(100)
@given(module=MODULES, mode=MODES)
def test_line_endings_encoding_and_indentation_are_kept(module: Module, mode: tuple[str, bool]) -> None:
    result, output = _migrate(module, mode)
    if module.newline == "\r\n":
        assert output.count(b"\n") == output.count(b"\r\n") and output.count(b"\r") == output.count(b"\r\n")
    else:
        assert b"\r" not in output
    assert output.startswith(b"\xef\xbb\xbf") == (module.encoding == "utf-8-sig")
    text = _decode(output, module)  # raises if the encoding changed
    if module.encoding == "latin-1":
        assert result.encoding.replace("_", "-").lower() in ("latin-1", "iso-8859-1")
    unit = set(module.indent)
    for number, line in enumerate(text.splitlines(), 1):
        indentation = line[: len(line) - len(line.lstrip(" \t"))]
        assert set(indentation) <= unit, f"line {number} is indented with {indentation!r}, the file with {module.indent!r}:\n{text}"


@property_settings(30, expensive=True)
@given(module=modules(runnable=True, max_sites=2, max_decoys=1), target=st.sampled_from(TARGETS))
def test_runnable_output_sends_what_the_target_accepts(module: Module, target: str, sdk_env: RecordingServer) -> None:
    settings = Settings(target=target, unsafe_fixes=True, jobs=1)
    result, output = _migrate(module, (target, True))
    # What is left is what a run on the output finds.
    after = migrate_source(output, settings) if result.new_source is not None else result
    left = sorted({d.code for d in after.diagnostics if d.code not in ADVISORY_CODES})
    if left:
        event(f"not run: findings left ({', '.join(left)})")
        return
    event("run")
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "migrated_module.py"
        path.write_bytes(output)
        run = run_file(path, list(module.run), sdk_env)
    assert not run.errors, f"the migrated module raised:\n{run.describe_errors()}\n--- output:\n{output.decode()}"
    assert len(run.requests) == len(module.run), f"{len(run.requests)} requests for {module.run}"
    problems = {f"#{i} {r.path}": request_problems(r, target) for i, r in enumerate(run.requests)}
    problems = {where: found for where, found in problems.items() if found}
    assert not problems, f"--target {target}: migrated bodies the target rejects: {problems}\n--- output:\n{output.decode()}"


def test_settings_profiles_are_reproducible_by_default() -> None:
    """The default profile is derandomized and writes no example database (CI reproducibility)."""
    from hypothesis import settings

    from tests.property import profiles

    if profiles.PROFILE == "default" and not profiles._OVERRIDE:
        chosen = property_settings(10)
        assert chosen.derandomize and chosen.database is None and chosen.deadline is None
        assert chosen.max_examples == 10
    assert settings.get_profile("thorough").deadline is None
