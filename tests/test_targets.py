"""The whole fixture suite under every ``--target`` the catalogue's rules differ on (issue 4, "Evidence").

Each case's ``input.py`` goes through the engine with ``Settings(target=...)`` set to each model of ``TARGETS``
(the case's other options kept), once with its own ``unsafe-fixes`` and once with unsafe fixes on, and:

- the engine raises no ``EngineError`` (no rule crashes on any target) and the result parses (and compiles when
  the input did);
- a second run on the result is a fixed point: nothing changes and no fix that would be applied is left;
- decoys (``fixtures/decoys``) stay byte-identical except for the model-ID moves (CM301-CM303) of the genuine
  Claude calls some of them hold, which depend on the target; with those rules ignored they stay byte-identical;
- runnable cases (``run`` in ``case.toml``) whose findings were all fixed (with unsafe fixes on; findings that do
  not mean a rejected request, CM304 and CM504, may remain), and cases with nothing to fix for that target, send,
  through the real SDK to the recording server, only bodies that the target's rules accept
  (``tests/target_rules.py``), with no SDK error.

Where the expected output differs by target, the case itself sets ``target`` in ``case.toml``; this test checks
the properties every target must keep, not the exact output.

It also checks the validator's per-model rules added for CM107/CM501/CM502/CM505 against the catalogue.
"""

from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path

import libcst as cst
import pytest

from codemod.catalog import load_catalog
from codemod.config import Settings
from codemod.engine import EngineError, migrate_source
from tests.fixture_cases import Case, all_cases
from tests.recording_server import RecordingServer
from tests.target_rules import FAST_MODE_BETA, violations
from tests.test_live_requests import request_problems, run_file

TARGETS = (
    "claude-opus-4-7",
    "claude-opus-4-8",
    "claude-opus-5",
    "claude-opus-5-5",
    "claude-sonnet-5-5",
    "claude-haiku-5-5",
)
MODEL_ID_CODES = ("CM301", "CM302", "CM303")  # the only rules a decoy's genuine Claude call may trigger a fix of
# Report-only findings that do not mean the API rejects the request (a model ID tested in code, thinking that may
# use up a small max_tokens): a run with only these left must still send bodies the target accepts.
ADVISORY_CODES = ("CM304", "CM504")

CASES = all_cases()
RUNNABLE = [case for case in CASES if case.run]

# Known failures of rules outside this test's scope, one line each, so that the rest of the matrix stays green and
# a fix shows up (strict xfail). Key: (case id, target).
KNOWN_FAILURES: dict[tuple[str, str], str] = {}


def _compiles(source: bytes) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(source, "<fixture>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            return False
    return True


def _settings(case: Case, target: str, *, unsafe: bool) -> Settings:
    settings = case.settings()
    return dataclasses.replace(settings, target=target, unsafe_fixes=settings.unsafe_fixes or unsafe)


def _migrate(source: bytes, settings: Settings, where: str):
    try:
        return migrate_source(source, settings)
    except EngineError as error:  # pragma: no cover - the assertion message is the point
        pytest.fail(f"{where}: EngineError: {error}")


def _matrix() -> list:
    params = []
    for case in CASES:
        for target in TARGETS:
            reason = KNOWN_FAILURES.get((case.id, target))
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            params.append(pytest.param(case, target, id=f"{case.id}@{target}", marks=marks))
    return params


@pytest.mark.parametrize(("case", "target"), _matrix())
def test_case_under_target(case: Case, target: str) -> None:
    for unsafe in (False, True):
        settings = _settings(case, target, unsafe=unsafe)
        where = f"{case.id} --target {target}{' --unsafe-fixes' if settings.unsafe_fixes else ''}"
        result = _migrate(case.input, settings, where)
        output = result.new_source if result.new_source is not None else case.input
        cst.parse_module(output)
        if _compiles(case.input):
            assert _compiles(output), f"{where}: the result does not compile"

        # An unchanged input needs no second run: the first one is it.
        second = result if result.new_source is None else _migrate(output, settings, f"{where} (second run)")
        assert second.new_source is None, f"{where}: a second run changes the result again"
        leftover = [
            f"{d.line}:{d.column} {d.code} {d.message}"
            for d in second.diagnostics
            if d.fix == "safe" or (d.fix == "unsafe" and settings.unsafe_fixes)
        ]
        assert leftover == [], f"{where}: fixes left after a run: {leftover}"

        if case.directory.parent.name == "decoys":
            applied = {d.code for d in result.diagnostics if d.applied}
            assert applied <= set(MODEL_ID_CODES), f"{where}: a decoy got fixes other than model-ID moves: {applied}"
            quiet = dataclasses.replace(settings, ignore=(*settings.ignore, *MODEL_ID_CODES))
            assert _migrate(case.input, quiet, where).new_source is None, f"{where}: a decoy was changed"
        if settings.unsafe_fixes or not any(d.fix == "unsafe" for d in result.diagnostics):
            break  # the run with unsafe fixes on would be the same run


@pytest.mark.parametrize("target", TARGETS)
def test_every_target_is_in_the_catalogue(target: str) -> None:
    model = load_catalog().get(target)
    assert model is not None and not model.is_retired


def _runnable_matrix() -> list:
    return [pytest.param(case, target, id=f"{case.id}@{target}") for case in RUNNABLE for target in TARGETS]


@pytest.mark.parametrize(("case", "target"), _runnable_matrix())
def test_runnable_output_is_accepted_by_the_target(case: Case, target: str, sdk_env: RecordingServer, tmp_path: Path) -> None:
    """Where every finding was fixed (or none was made), the migrated code sends only what ``target`` accepts."""
    settings = _settings(case, target, unsafe=True)
    result = _migrate(case.input, settings, f"{case.id} --target {target}")
    left = [d.code for d in result.diagnostics if not d.applied and d.code not in ADVISORY_CODES]
    if left:
        return  # something the API may reject is left to the user for this target: nothing to prove
    module = tmp_path / "migrated.py"
    module.write_bytes(result.new_source if result.new_source is not None else case.input)
    run = run_file(module, case.run, sdk_env)
    assert not run.errors, f"{case.id} --target {target}:\n{run.describe_errors()}"
    problems = {f"#{i} {r.path}": request_problems(r, target) for i, r in enumerate(run.requests)}
    problems = {where: found for where, found in problems.items() if found}
    assert not problems, f"{case.id} --target {target}: migrated bodies the target rejects: {problems}"


# --------------------------------------------------------------------------------------------------------
# The validator's checks for CM107, CM501, CM502, CM505 (tests/target_rules.py), model lists from the catalogue
# --------------------------------------------------------------------------------------------------------

USER = [{"role": "user", "content": "hi"}]
PREFILLED = [*USER, {"role": "assistant", "content": "{"}]


def _models(predicate) -> list[str]:
    return [m.id for m in load_catalog().models if not m.is_retired and predicate(m.capabilities)]


def _body(model: str, **extra) -> dict:
    return {"model": model, "max_tokens": 16000, "messages": USER, **extra}


@pytest.mark.parametrize("model", _models(lambda c: not c.prefill))
def test_validator_prefill_rejected(model: str) -> None:
    assert violations(_body(model, messages=PREFILLED), model) == [
        f"body.messages[-1]: ends with an assistant turn (prefill), rejected (model {model})"
    ]


@pytest.mark.parametrize("model", _models(lambda c: c.prefill))
def test_validator_prefill_accepted(model: str) -> None:
    assert violations(_body(model, messages=PREFILLED), model) == []


@pytest.mark.parametrize("model", _models(lambda c: not c.forced_tool_choice))
def test_validator_forced_tool_choice_rejected(model: str) -> None:
    for choice in ({"type": "any"}, {"type": "tool", "name": "t"}):
        assert violations(_body(model, tool_choice=choice), model)
    assert violations(_body(model, tool_choice={"type": "auto"}), model) == []


@pytest.mark.parametrize("model", _models(lambda c: c.forced_tool_choice))
def test_validator_forced_tool_choice_accepted(model: str) -> None:
    assert violations(_body(model, tool_choice={"type": "tool", "name": "t"}), model) == []


@pytest.mark.parametrize("model", _models(lambda c: not c.fast_mode))
def test_validator_fast_mode_missing(model: str) -> None:
    assert violations(_body(model, speed="fast"), model) == [f"body.speed: 'fast' is rejected (model {model}): no fast mode"]
    assert violations(_body(model, speed="standard"), model) == []


@pytest.mark.parametrize("model", _models(lambda c: c.fast_mode == "removed"))
def test_validator_fast_mode_removed(model: str) -> None:
    removed = load_catalog().get(model).capabilities.fast_mode_removed
    assert violations(_body(model, speed="fast"), model) == [
        f"body.speed: 'fast' is rejected (model {model}): fast mode removed {removed}"
    ]
    assert violations(_body(model, speed="standard"), model) == []


@pytest.mark.parametrize("model", _models(lambda c: c.fast_mode == "beta"))
def test_validator_fast_mode_needs_its_header(model: str) -> None:
    body = _body(model, speed="fast")
    assert violations(body, model, headers={}) == [
        f"body.speed: 'fast' needs the {FAST_MODE_BETA} beta header (model {model})"
    ]
    assert violations(body, model, headers={"anthropic-beta": f"other-2026-01-01,{FAST_MODE_BETA}"}) == []
    assert violations(body, model) == []  # headers unknown: not checked


@pytest.mark.parametrize("model", _models(lambda c: c.fast_mode == "available"))
def test_validator_fast_mode_available(model: str) -> None:
    assert violations(_body(model, speed="fast"), model, headers={}) == []


@pytest.mark.parametrize("model", _models(lambda c: c.thinking_between_tools))
def test_validator_between_tools_effort_cap(model: str) -> None:
    caps = load_catalog().get(model).capabilities
    assert violations(_body(model, thinking={"type": "disabled"}), model)
    assert violations(_body(model, thinking={"type": "between_tools"}, output_config={"effort": caps.between_tools_max_effort}), model) == []
    assert violations(_body(model, thinking={"type": "between_tools"}, output_config={"effort": "max"}), model)
