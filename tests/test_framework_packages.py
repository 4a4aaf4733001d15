"""Migrated framework fixtures run with the real framework packages, against the recording server.

The framework table (``codemod/catalog/frameworks.toml``) says how each framework forwards its arguments;
these tests check that claim where the package is light enough to install with the tests (agno and
pydantic-ai, pinned in the ``test`` extra at the versions the table was written from): the rewritten code
constructs without error, and the request the framework sends is the one the rules meant, with no
``budget_tokens``, no sampling parameter and an adaptive thinking with its effort where one was asked for.
"""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import agno.agent as agno_agent
import pydantic_ai
import pytest

from tests import recording_server as _recording

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"



def _run_module(path: Path) -> dict[str, Any]:
    return runpy.run_path(str(path), run_name=f"fixture_{path.parent.name}")


def _bodies(server: _recording.RecordingServer) -> list[dict[str, Any]]:
    return [body for request in server.requests if request.path == _recording.MESSAGES for body in request.message_bodies()]


def _drive_agno(namespace: dict[str, Any]) -> int:
    """Run every agno Agent on the Claude API the module builds (its AWS, Vertex and Azure variants need cloud
    credentials); the number of agents run."""
    from agno.models.anthropic import Claude

    agents = [value for value in namespace.values() if isinstance(value, agno_agent.Agent) and type(value.model) is Claude]
    for agent in agents:
        agent.run("Say ok.")
    return len(agents)


def _drive_pydantic_ai(namespace: dict[str, Any]) -> int:
    """Run every pydantic-ai Agent the module builds, and an Agent around every bare AnthropicModel."""
    from pydantic_ai.models.anthropic import AnthropicModel

    runners = [value for value in namespace.values() if isinstance(value, pydantic_ai.Agent)]
    runners += [pydantic_ai.Agent(value) for value in namespace.values() if isinstance(value, AnthropicModel)]
    for agent in runners:
        agent.run_sync("Say ok.")
    return len(runners)


def _no_rejected_keys(body: dict[str, Any]) -> None:
    for key in ("temperature", "top_p", "top_k"):
        assert key not in body, body
    thinking = body.get("thinking")
    if thinking is not None:
        assert "budget_tokens" not in thinking and thinking.get("type") != "enabled", body


@pytest.fixture
def framework_env(sdk_env: _recording.RecordingServer, monkeypatch: pytest.MonkeyPatch) -> _recording.RecordingServer:
    monkeypatch.setenv("AGNO_TELEMETRY", "false")
    return sdk_env


@pytest.mark.parametrize(
    ("fixture", "drive", "agents"),
    [
        ("CM101/agno_claude_thinking", _drive_agno, 1),
        ("CM201/agno_claude_sampling", _drive_agno, 2),
        ("CM101/pydantic_ai_model_settings", _drive_pydantic_ai, 4),
    ],
)
def test_migrated_framework_code_sends_an_accepted_request(framework_env: _recording.RecordingServer, fixture: str, drive: Any, agents: int) -> None:
    ran = drive(_run_module(FIXTURES / fixture / "output.py"))
    assert ran == agents
    bodies = _bodies(framework_env)
    assert len(bodies) == agents
    for body in bodies:
        _no_rejected_keys(body)


def test_pydantic_ai_thinking_settings_become_adaptive_thinking_with_effort(framework_env: _recording.RecordingServer) -> None:
    _drive_pydantic_ai(_run_module(FIXTURES / "CM101/pydantic_ai_model_settings" / "output.py"))
    sent = sorted((str(body.get("thinking")), str(body.get("output_config"))) for body in _bodies(framework_env))
    assert sent == [
        ("{'type': 'adaptive'}", "{'effort': 'high'}"),
        ("{'type': 'adaptive'}", "{'effort': 'high'}"),  # pydantic-ai's own thinking="high", left as written
        ("{'type': 'adaptive'}", "{'effort': 'medium'}"),
        ("{'type': 'adaptive'}", "{'effort': 'xhigh'}"),
    ]


def test_pydantic_ai_refuses_the_unmigrated_budget(framework_env: _recording.RecordingServer) -> None:
    """The input the fixture starts from fails in pydantic-ai itself on the target model: the fix is needed."""
    from pydantic_ai.exceptions import UserError

    agent = _run_module(FIXTURES / "CM101/pydantic_ai_model_settings" / "input.py")["typed"]
    with pytest.raises(UserError, match="anthropic_effort"):
        agent.run_sync("Say ok.")


def test_agno_thinking_fixture_sends_adaptive_thinking_and_effort(framework_env: _recording.RecordingServer) -> None:
    _drive_agno(_run_module(FIXTURES / "CM101/agno_claude_thinking" / "output.py"))
    [body] = _bodies(framework_env)
    assert body["model"] == "claude-opus-4-8"
    assert body["thinking"] == {"type": "adaptive"}
    assert body["output_config"] == {"effort": "high"}
