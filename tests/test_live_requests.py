"""Migrated fixture code, run with the real ``anthropic`` client against a loopback recording server.

For every fixture case whose ``case.toml`` has ``run = [...]`` (Python expressions evaluated in the module's
namespace, e.g. ``"answer('hi')"``), the case's ``output.py`` is imported as a fresh module with
``ANTHROPIC_BASE_URL`` pointing at :class:`tests.recording_server.RecordingServer` and
``ANTHROPIC_API_KEY=test``; each expression is evaluated (a returned coroutine or async generator runs on an event
loop, a returned generator is drained; ``asyncio`` and ``anthropic`` are in scope). The test then asserts that the
SDK raised nothing and that every recorded body is one the target accepts (:func:`tests.target_rules.violations`: no
sampling keys, no ``budget_tokens`` where the model rejects it, effort under ``output_config`` at a level the model
accepts, ...).

The same expressions run on ``input.py``, and there the SDK must raise ``TypeError`` before sending (SDK 2.x
for ``temperature=``) or a recorded body must violate the rules, checked against its own model or as if sent to
the target: proof that the migration fixed something real. Cases whose only findings are CM301/CM303 (a working
model moved to its successor) may send accepted requests; for them the migrated requests must equal the original
ones except for the model.

A case is runnable when its output runs with the first-party client and only the environment set here (no
Bedrock/Vertex credentials, no explicit ``api_key=``), and sends at least one request.

The server and the checker are tested here too, the server with the real SDK's parsers.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import gc
import importlib.util
import inspect
import itertools
import re
import shutil
import signal
import sys
import threading
import time
import traceback
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anthropic
import pytest

from codemod.catalog import load_catalog
from codemod.rules import all_rules
from tests.fixture_cases import Case, all_cases
from tests.recording_server import (
    BATCHES,
    COUNT_TOKENS,
    MESSAGES,
    RecordedRequest,
    RecordingServer,
    example_for_schema,
    listens_on_loopback_only,
)
from tests.target_rules import violations

RUNNABLE = [case for case in all_cases() if case.run]
CASE_TIMEOUT = 60  # seconds for one module's expressions (SIGALRM, main thread only)
USER = [{"role": "user", "content": "hi"}]
_counter = itertools.count()


# --------------------------------------------------------------------------------------------------------
# Running a fixture module
# --------------------------------------------------------------------------------------------------------


@dataclass
class Run:
    """What evaluating a case's expressions on one of its files did."""

    requests: list[RecordedRequest] = field(default_factory=list)
    errors: list[tuple[str, BaseException]] = field(default_factory=list)  # (expression, exception)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def describe_errors(self) -> str:
        return "\n".join(
            f"{expression!r} raised:\n" + "".join(traceback.format_exception(error)) for expression, error in self.errors
        )


class _Timeout(BaseException):
    """Not an Exception, so that no ``except Exception`` in the SDK or the fixture code swallows it."""


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout(f"fixture code ran longer than {CASE_TIMEOUT}s")


async def _settle(collect: bool) -> None:
    """Let async clients that were dropped close on this loop, and retrieve what their closing raised.

    ``AsyncAnthropic``'s HTTP client schedules its own ``aclose()`` on the running loop when it is collected;
    collecting here, with the loop running, closes it cleanly instead of on whatever loop runs next.
    """
    if collect:
        gc.collect()
    for _ in range(3):
        await asyncio.sleep(0)
    pending = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    await asyncio.gather(*pending, return_exceptions=True)


def _drive(value: Any, loop: asyncio.AbstractEventLoop) -> bool:
    """Finish what an expression returned: run a coroutine or async generator on ``loop``, drain a generator.

    Returns whether anything ran on the loop.
    """
    holder = [value]
    del value

    async def run_coroutine() -> None:
        await holder.pop()

    async def drain() -> None:
        generator = holder.pop()
        async for _ in generator:
            pass

    if inspect.iscoroutine(holder[0]):
        loop.run_until_complete(run_coroutine())
        return True
    if inspect.isasyncgen(holder[0]):
        loop.run_until_complete(drain())
        return True
    if inspect.isgenerator(holder[0]):
        for _ in holder.pop():
            pass
    return False


@contextlib.contextmanager
def placed(case: Case, name: str, tmp_path: Path) -> Iterator[Path]:
    """The case's ``name`` (input.py or output.py), placed where it sits in the case's project when it has
    one (a copy of ``project/`` on ``sys.path``, with ``src/`` for src layouts): its imports then load the
    project's real modules. The project's modules are unloaded afterwards."""
    if case.project_dir is None:
        yield case.directory / name
        return
    root = tmp_path / f"project-{name.removesuffix('.py')}"
    shutil.copytree(case.project_dir, root)
    target = root / case.path_in_project
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(case.directory / name, target)
    roots = [str(root), str(root / "src")]
    sys.path[:0] = roots
    try:
        yield target
    finally:
        for entry in roots:
            sys.path.remove(entry)
        for module_name, module in list(sys.modules.items()):
            if str(getattr(module, "__file__", "") or "").startswith(str(root)):
                del sys.modules[module_name]


def run_file(path: Path, expressions: list[str], server: RecordingServer) -> Run:
    """Import ``path`` as a new module and evaluate ``expressions`` in it; record what reached ``server``.

    Coroutines and async generators that expressions return all run on one event loop per file, so a module-level
    ``AsyncAnthropic()`` keeps working from one expression to the next (``asyncio.run(...)`` in an expression
    works too). Exceptions are collected per expression, not raised.
    """
    server.clear()
    run = Run()
    name = f"_live_fixture_{next(_counter)}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    extra = {"asyncio": asyncio, "anthropic": anthropic}  # available to expressions without importing them
    use_alarm = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGALRM, _alarm) if use_alarm else None
    loop = asyncio.new_event_loop()
    started = time.perf_counter()
    gc.freeze()  # the collection in _settle then only walks objects this run created
    sys.modules[name] = module  # dataclasses, pickling and typing look modules up here
    try:
        if use_alarm:
            signal.alarm(CASE_TIMEOUT)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            spec.loader.exec_module(module)
            is_async = "Async" in path.read_text(encoding="utf-8") or any("Async" in e for e in expressions)
            for expression in expressions:
                try:
                    is_async |= _drive(eval(compile(expression, f"<run {path}>", "eval"), vars(module), extra), loop)
                except Exception as error:  # noqa: BLE001 - reported by the caller
                    run.errors.append((expression, error))
                loop.run_until_complete(_settle(collect=False))
            sys.modules.pop(name, None)
            vars(module).clear()  # drop the module's clients while the loop still runs
            del module
            loop.run_until_complete(_settle(collect=is_async))  # a full collection is slow: only for async code
            loop.run_until_complete(loop.shutdown_asyncgens())
        run.warnings = [
            f"{w.category.__name__}: {w.message} ({w.filename}:{w.lineno})" for w in caught if w.category is not ResourceWarning
        ]
    finally:
        if use_alarm:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        sys.modules.pop(name, None)
        loop.close()
        gc.unfreeze()
        run.seconds = time.perf_counter() - started
    run.requests = server.requests
    return run


def target_of(case: Case) -> str:
    return case.settings().target


def request_problems(request: RecordedRequest, target: str, *, as_target: bool = False) -> list[str]:
    if request.path not in (MESSAGES, COUNT_TOKENS, BATCHES):
        return [f"{request.method} {request.path}: not a Messages API endpoint"]
    if not isinstance(request.body, dict):
        return [f"{request.method} {request.path}: body is not a JSON object"]
    return violations(request.body, target, headers=request.headers, as_target=as_target)


MODEL_CODES = ("CM301", "CM302", "CM303")


def _left_on_purpose(warning: str, case: Case) -> bool:
    """A model-deprecation warning for a model ID the output keeps on purpose: the code suppresses the model
    rules on its line, or the tool reported it (a CM301-CM303 finding on a line naming it) instead of fixing."""
    found = re.search(r"The model '([^']+)' is deprecated", warning)
    if found is None:
        return False
    model = found.group(1)
    if any(model in line and "claude-migrate: ignore" in line for line in case.output.decode("utf-8").splitlines()):
        return True
    source = case.input.decode("utf-8").splitlines()
    for finding in case.findings:
        position, code = finding.split()
        line = int(position.split(":")[0])
        if code in MODEL_CODES and model in source[line - 1]:
            return True
    return False


def _show(requests: list[RecordedRequest]) -> str:
    return "\n".join(f"  {r.method} {r.path} beta={r.headers.get('anthropic-beta')} {r.body}" for r in requests)


# --------------------------------------------------------------------------------------------------------
# The fixture cases
# --------------------------------------------------------------------------------------------------------


def test_enough_runnable_cases() -> None:
    codes = {case.directory.parent.name for case in RUNNABLE}
    assert len(RUNNABLE) >= 12, [case.id for case in RUNNABLE]
    assert {"CM101", "CM102", "CM103", "CM104", "CM105", "CM106", "CM201", "CM301", "CM302"} <= codes


@pytest.mark.parametrize("case", RUNNABLE, ids=[case.id for case in RUNNABLE])
def test_migrated_output_sends_what_the_target_accepts(case: Case, sdk_env: RecordingServer, tmp_path: Path) -> None:
    assert case.output != case.input, "a runnable case must change something, or its input check proves nothing"
    target = target_of(case)
    with placed(case, "output.py", tmp_path) as path:
        run = run_file(path, case.run, sdk_env)
    assert not run.errors, f"{case.id}/output.py:\n{run.describe_errors()}"
    assert run.requests, f"{case.id}/output.py: {case.run} sent no request"
    deprecated = [w for w in run.warnings if "deprecated" in w.lower() and not _left_on_purpose(w, case)]
    assert not deprecated, f"{case.id}/output.py: the SDK warns about what the migrated code sends: {deprecated}"
    problems = {f"#{i} {r.path}": request_problems(r, target) for i, r in enumerate(run.requests)}
    problems = {where: found for where, found in problems.items() if found}
    assert not problems, (
        f"{case.id}/output.py (target {target}) sent bodies the API rejects:\n{problems}\n{_show(run.requests)}"
        + "".join(f"\n  warning: {w}" for w in run.warnings)
    )


MODEL_ONLY_CODES = {"CM301", "CM303"}  # superseded / deprecated model -> successor: the old model still answers
REPORT_ONLY_CODES = {rule.code for rule in all_rules() if rule.fix == "report"}  # change nothing in the output
SDK_TYPE_ERROR = "got an unexpected keyword argument"  # SDK 1.0+: temperature/top_p/top_k are not parameters


def _without_models(request: RecordedRequest) -> tuple[str, Any, list[str]]:
    """(path, body with every model ID blanked, the model IDs in order)."""
    body = copy.deepcopy(request.body)
    models = []
    for params in RecordedRequest(request.method, request.path, request.query, request.headers, body).message_bodies():
        if "model" in params:
            models.append(params["model"])
            params["model"] = "<model>"
    return request.path, body, models


@pytest.mark.parametrize("case", RUNNABLE, ids=[case.id for case in RUNNABLE])
def test_original_input_is_rejected(case: Case, sdk_env: RecordingServer, tmp_path: Path) -> None:
    """The input fails: a TypeError from the SDK, or a body its own model or the target rejects.

    Cases whose only findings move a working model to its successor (CM301, CM303) may instead send requests
    the API accepts; then the migrated code must send the same requests with only the model changed.
    """
    target = target_of(case)
    with placed(case, "input.py", tmp_path) as path:
        before = run_file(path, case.run, sdk_env)
    unexpected = [(e, err) for e, err in before.errors if not (isinstance(err, TypeError) and SDK_TYPE_ERROR in str(err))]
    assert not unexpected, f"{case.id}/input.py failed for another reason than the SDK's TypeError:\n{before.describe_errors()}"
    problems = [p for r in before.requests for p in request_problems(r, target) + request_problems(r, target, as_target=True)]
    if before.errors or problems:
        return
    codes = {finding.split()[-1] for finding in case.findings} - REPORT_ONLY_CODES
    assert codes <= MODEL_ONLY_CODES, (
        f"{case.id}/input.py: the SDK raised no TypeError and every body is accepted by its model and by {target}; "
        f"the migration fixes nothing the API rejects:\n{_show(before.requests)}"
    )
    with placed(case, "output.py", tmp_path) as path:
        after = run_file(path, case.run, sdk_env)
    old = [_without_models(r) for r in before.requests]
    new = [_without_models(r) for r in after.requests]
    assert [(path, body) for path, body, _ in old] == [(path, body) for path, body, _ in new]
    assert [m for *_, models in old for m in models] != [m for *_, models in new for m in models]


# --------------------------------------------------------------------------------------------------------
# The recording server, with the real SDK
# --------------------------------------------------------------------------------------------------------


@pytest.fixture
def client(recording_server: RecordingServer) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=recording_server.url, api_key="test", max_retries=0, timeout=10)


def test_server_is_loopback_only_and_stops(recording_server: RecordingServer) -> None:
    assert recording_server.url.startswith("http://127.0.0.1:")
    assert listens_on_loopback_only(recording_server)
    server = RecordingServer().start()
    kept_alive = anthropic.Anthropic(base_url=server.url, api_key="test", max_retries=0, timeout=2)
    kept_alive.messages.create(model="claude-opus-4-8", max_tokens=5, messages=USER)  # leaves a pooled connection
    thread, handlers = server._thread, {t for t in threading.enumerate() if "process_request" in t.name}
    assert handlers, "the kept-alive connection has a handler thread waiting for its next request"
    started = time.perf_counter()
    server.stop()
    assert time.perf_counter() - started < 1 and not server.running
    with pytest.raises(anthropic.APIConnectionError):  # neither the pooled connection nor a new one is served
        kept_alive.messages.create(model="claude-opus-4-8", max_tokens=5, messages=USER)
    assert thread is not None and not thread.is_alive()
    time.sleep(0.1)
    assert [t.name for t in handlers if t.is_alive()] == []


def test_server_create(client: anthropic.Anthropic, recording_server: RecordingServer) -> None:
    message = client.messages.create(model="claude-opus-4-8", max_tokens=5, messages=USER)
    assert isinstance(message, anthropic.types.Message)
    assert (message.model, message.content[0].text, message.stop_reason, message.usage.output_tokens) == (
        "claude-opus-4-8", "ok", "end_turn", 1
    )
    (request,) = recording_server.requests
    assert (request.method, request.path) == ("POST", MESSAGES)
    assert request.body == {"model": "claude-opus-4-8", "max_tokens": 5, "messages": USER}
    assert request.headers["authorization"] == "Bearer test"
    assert request.headers["content-type"] == "application/json"
    assert "anthropic-version" in request.headers


def test_server_stream_helper(client: anthropic.Anthropic, recording_server: RecordingServer) -> None:
    with client.messages.stream(model="claude-opus-4-8", max_tokens=5, messages=USER) as stream:
        texts = list(stream.text_stream)
        final = stream.get_final_message()
    assert texts == ["ok"]
    assert (final.content[0].text, final.stop_reason, final.usage.output_tokens) == ("ok", "end_turn", 1)
    assert recording_server.requests[0].body["stream"] is True


def test_server_raw_stream(client: anthropic.Anthropic) -> None:
    events = list(client.messages.create(model="claude-opus-4-8", max_tokens=5, messages=USER, stream=True))
    assert [e.type for e in events] == [
        "message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"
    ]


def test_server_count_tokens_and_batches(client: anthropic.Anthropic, recording_server: RecordingServer) -> None:
    assert client.messages.count_tokens(model="claude-opus-4-8", messages=USER).input_tokens == 1
    params = {"model": "claude-opus-4-8", "max_tokens": 5, "messages": USER}
    batch = client.messages.batches.create(requests=[{"custom_id": "a", "params": params}, {"custom_id": "b", "params": params}])
    assert isinstance(batch, anthropic.types.messages.MessageBatch)
    assert (batch.id, batch.processing_status, batch.request_counts.processing) == ("msgbatch_test", "in_progress", 2)
    assert batch.expires_at > batch.created_at
    assert [r.path for r in recording_server.requests] == [COUNT_TOKENS, BATCHES]
    assert recording_server.requests[1].message_bodies() == [params, params]


def test_server_beta_calls(client: anthropic.Anthropic, recording_server: RecordingServer) -> None:
    message = client.beta.messages.create(model="claude-opus-4-8", max_tokens=5, messages=USER, betas=["task-budgets-2026-03-13"])
    assert isinstance(message, anthropic.types.beta.BetaMessage) and message.content[0].text == "ok"
    with client.beta.messages.stream(model="claude-opus-4-8", max_tokens=5, messages=USER) as stream:
        assert stream.get_final_message().content[0].text == "ok"
    assert client.beta.messages.count_tokens(model="claude-opus-4-8", messages=USER).input_tokens == 1
    batch = client.beta.messages.batches.create(requests=[{"custom_id": "a", "params": {"model": "claude-opus-4-8", "max_tokens": 5, "messages": USER}}])
    assert batch.type == "message_batch"
    assert recording_server.requests[0].betas() == ["task-budgets-2026-03-13"]
    assert [r.path for r in recording_server.requests] == [MESSAGES, MESSAGES, COUNT_TOKENS, BATCHES]


def test_server_accepts_beta_query(recording_server: RecordingServer) -> None:
    """SDK 2.12 sends no ``?beta=true`` (it keeps the qualifier client-side); the server still accepts one."""
    client = anthropic.Anthropic(base_url=recording_server.url, api_key="test", max_retries=0, timeout=10)
    message = client.messages.create(model="claude-opus-4-8", max_tokens=5, messages=USER, extra_query={"beta": "true"})
    assert message.content[0].text == "ok"
    (request,) = recording_server.requests
    assert request.path == MESSAGES and request.beta


def test_server_raw_and_streaming_response(client: anthropic.Anthropic) -> None:
    raw = client.messages.with_raw_response.create(model="claude-opus-4-8", max_tokens=5, messages=USER)
    assert raw.headers.get("request-id") == "req_test" and raw.parse().content[0].text == "ok"
    with client.messages.with_streaming_response.create(model="claude-opus-4-8", max_tokens=5, messages=USER) as response:
        assert response.parse().content[0].text == "ok"


def test_server_structured_output_parses(client: anthropic.Anthropic) -> None:
    import pydantic

    class Invoice(pydantic.BaseModel):
        total: float
        currency: str
        lines: list[str]

    parsed = client.messages.parse(model="claude-opus-4-8", max_tokens=5, messages=USER, output_format=Invoice)
    assert parsed.parsed_output == Invoice(total=0, currency="ok", lines=[])
    assert example_for_schema({"type": "object", "properties": {"a": {"enum": ["x"]}}, "required": ["a"]}) == {"a": "x"}


def test_server_async_client(recording_server: RecordingServer) -> None:
    async def main() -> tuple[str, str]:
        async with anthropic.AsyncAnthropic(base_url=recording_server.url, api_key="test", max_retries=0, timeout=10) as client:
            message = await client.messages.create(model="claude-opus-4-8", max_tokens=5, messages=USER)
            async with client.messages.stream(model="claude-opus-4-8", max_tokens=5, messages=USER) as stream:
                final = await stream.get_final_message()
            return message.content[0].text, final.content[0].text

    assert asyncio.run(main()) == ("ok", "ok")
    assert len(recording_server.requests) == 2


def test_server_unknown_route_is_recorded_and_404(client: anthropic.Anthropic, recording_server: RecordingServer) -> None:
    with pytest.raises(anthropic.NotFoundError):
        client.models.list()
    assert recording_server.requests[0].method == "GET"


def test_sdk_env_fixture_points_module_clients_at_the_server(sdk_env: RecordingServer, tmp_path: Path) -> None:
    module = tmp_path / "app.py"
    module.write_text(
        "import anthropic\nclient = anthropic.Anthropic()\n"
        "def ask():\n    return client.messages.create(model='claude-opus-4-8', max_tokens=5, messages=[{'role': 'user', 'content': 'x'}])\n"
        "async def ask_async():\n    return await anthropic.AsyncAnthropic().messages.create(model='claude-opus-4-8', max_tokens=5, messages=[])\n"
        "def sampled():\n    return client.messages.create(model='claude-opus-4-8', max_tokens=5, messages=[], temperature=0)\n",
        encoding="utf-8",
    )
    run = run_file(module, ["ask()", "ask_async()", "sampled()"], sdk_env)
    assert [e for e, _ in run.errors] == ["sampled()"] and isinstance(run.errors[0][1], TypeError)
    assert len(run.requests) == 2 and all(r.headers["authorization"] == "Bearer test" for r in run.requests)


def test_broken_migration_is_caught(sdk_env: RecordingServer, tmp_path: Path) -> None:
    """What a wrong fix would send (sampling smuggled in extra_body, a budget left in place) fails the check."""
    module = tmp_path / "broken.py"
    module.write_text(
        "import anthropic\nclient = anthropic.Anthropic()\n"
        f"def ask():\n    return client.messages.create(model={TARGET!r}, max_tokens=8000, messages=[],\n"
        "        thinking={'type': 'adaptive', 'budget_tokens': 4000}, extra_body={'temperature': 0})\n",
        encoding="utf-8",
    )
    run = run_file(module, ["ask()"], sdk_env)
    assert not run.errors
    (request,) = run.requests
    assert request_problems(request, TARGET) == [
        "body.temperature: sampling parameter (400 on every model under API 2026-10-21)",
        "body.thinking: budget_tokens is not accepted with thinking type 'adaptive'",
    ]


# --------------------------------------------------------------------------------------------------------
# The checker
# --------------------------------------------------------------------------------------------------------


def _models(predicate: Any) -> list[str]:
    return [m.id for m in load_catalog().models if predicate(m)]


TARGET = load_catalog().default_target
REJECTS_ENABLED = _models(lambda m: not m.is_retired and m.capabilities.thinking_enabled == "rejected")
ACCEPTS_ENABLED = _models(lambda m: not m.is_retired and m.capabilities.thinking_enabled in ("accepted", "deprecated"))
NO_EFFORT = _models(lambda m: not m.is_retired and not m.capabilities.effort_levels)
NO_XHIGH = _models(lambda m: not m.is_retired and m.capabilities.effort_levels and "xhigh" not in m.capabilities.effort_levels)
RETIRED = _models(lambda m: m.is_retired)
CANNOT_DISABLE = _models(lambda m: not m.is_retired and not m.capabilities.thinking_disabled)


def body(**extra: Any) -> dict[str, Any]:
    return {"model": TARGET, "max_tokens": 16000, "messages": USER, **extra}


def test_checker_accepts_a_migrated_body() -> None:
    level = load_catalog().get(TARGET).capabilities.effort_levels[-1]
    assert violations(body(thinking={"type": "adaptive"}, output_config={"effort": level}), TARGET) == []
    assert violations(body(thinking={"type": "adaptive", "display": "summarized"}), TARGET) == []
    assert violations(body(), TARGET) == []


def test_checker_sampling_anywhere_but_not_in_data() -> None:
    for key in ("temperature", "top_p", "top_k"):
        assert len(violations(body(**{key: 1}), TARGET)) == 1
    nested = {"requests": [{"custom_id": "a", "params": body(temperature=0.0)}]}
    assert violations(nested, TARGET) == ["requests[0].params.temperature: sampling parameter (400 on every model under API 2026-10-21)"]
    weather_tool = {"name": "w", "input_schema": {"type": "object", "properties": {"temperature": {"type": "number"}}}}
    assert violations(body(tools=[weather_tool], messages=[{"role": "user", "content": "temperature?"}]), TARGET) == []


@pytest.mark.parametrize("model", REJECTS_ENABLED)
def test_checker_enabled_and_budget_rejected(model: str) -> None:
    found = violations(body(model=model, thinking={"type": "enabled", "budget_tokens": 4000}), TARGET)
    assert any("'enabled' is rejected" in p for p in found) and any("budget_tokens" in p for p in found)


@pytest.mark.parametrize("model", ACCEPTS_ENABLED)
def test_checker_enabled_accepted_where_the_model_accepts_it(model: str) -> None:
    assert violations(body(model=model, thinking={"type": "enabled", "budget_tokens": 4000}), TARGET) == []
    assert violations(body(model=model, max_tokens=4000, thinking={"type": "enabled", "budget_tokens": 4000}), TARGET)
    assert violations(body(model=model, thinking={"type": "enabled", "budget_tokens": 512}), TARGET)


def test_checker_budget_tokens_with_adaptive() -> None:
    assert violations(body(thinking={"type": "adaptive", "budget_tokens": 4000}), TARGET) == [
        "body.thinking: budget_tokens is not accepted with thinking type 'adaptive'"
    ]


def test_checker_effort_and_task_budget_inside_thinking() -> None:
    found = violations(body(thinking={"type": "adaptive", "effort": "high", "task_budget": 80000}), TARGET)
    assert found == [
        "body.thinking.effort: effort belongs in output_config.effort",
        "body.thinking.task_budget: task budgets belong in output_config.task_budget",
    ]


def test_checker_task_budget_in_output_config() -> None:
    good = body(output_config={"task_budget": {"type": "tokens", "total": 80000}})
    assert violations(good, TARGET, headers={"anthropic-beta": "task-budgets-2026-03-13"}) == []
    assert violations(good, TARGET) == []  # headers unknown: not checked
    assert violations(good, TARGET, headers={}) == ["body.output_config.task_budget: needs the task-budgets-2026-03-13 beta header"]
    small = body(output_config={"task_budget": {"type": "tokens", "total": 5000}})
    assert violations(small, TARGET) == ["body.output_config.task_budget.total: 5000 < 20000"]
    assert violations(body(output_config={"task_budget": 80000}), TARGET)


@pytest.mark.parametrize("model", NO_XHIGH + NO_EFFORT)
def test_checker_effort_level_the_model_lacks(model: str) -> None:
    found = violations(body(model=model, output_config={"effort": "xhigh"}), TARGET)
    assert found and "output_config.effort" in found[0]


def test_checker_thinking_type_not_valid() -> None:
    assert violations(body(thinking={"type": "none"}), TARGET) == [
        "body.thinking.type: 'none' is not a thinking type (adaptive, between_tools, disabled, enabled)"
    ]


@pytest.mark.parametrize("model", CANNOT_DISABLE)
def test_checker_disabled_where_it_cannot_be(model: str) -> None:
    assert violations(body(model=model, thinking={"type": "disabled"}), TARGET)


def test_checker_disabled_above_the_models_effort_cap() -> None:
    capped = [m for m in load_catalog().models if m.capabilities.disabled_max_effort]
    assert capped, "the catalogue has a model that accepts disabled only up to an effort"
    for model in capped:
        assert violations(body(model=model.id, thinking={"type": "disabled"}, output_config={"effort": "max"}), TARGET)
        cap = model.capabilities.disabled_max_effort
        assert violations(body(model=model.id, thinking={"type": "disabled"}, output_config={"effort": cap}), TARGET) == []


@pytest.mark.parametrize("model", RETIRED[:5])
def test_checker_retired_model(model: str) -> None:
    assert violations(body(model=model), TARGET) == [f"body.model: {model} is retired (model {model})"]


def test_checker_model_choice() -> None:
    """The body's model when the catalogue knows it (any platform form), else the target."""
    no_effort = NO_EFFORT[0]
    assert violations(body(model=no_effort, output_config={"effort": "high"}), TARGET)
    assert violations(body(model=no_effort, output_config={"effort": "high"}), TARGET, as_target=True) == []
    vertex = load_catalog().get(no_effort).vertex
    if vertex:
        assert violations(body(model=vertex[0], output_config={"effort": "high"}), TARGET)
    unknown = body(model="my-proxy-alias", thinking={"type": "enabled", "budget_tokens": 4000})
    assert violations(unknown, ACCEPTS_ENABLED[0]) == []
    assert violations(unknown, REJECTS_ENABLED[0])
    with pytest.raises(ValueError):
        violations(body(), "not-a-model")
