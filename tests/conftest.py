from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import recording_server as _recording

# Fixtures every test module may ask for (kept here so that modules do not import fixture names).
recording_server = _recording.recording_server

SCRIPT = Path(sys.executable).parent / ("claude-migrate.exe" if os.name == "nt" else "claude-migrate")


class Cli:
    """Runs the installed console script, the way users run it."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd

    def __call__(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
        return subprocess.run(
            [str(SCRIPT), *args], cwd=cwd or self.cwd, capture_output=True, text=True, env=env, timeout=120, check=False
        )


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    assert SCRIPT.exists(), f"console script not installed at {SCRIPT}: pip install -e '.[test]'"
    return Cli(tmp_path)


@pytest.fixture
def sdk_env(recording_server: _recording.RecordingServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> _recording.RecordingServer:
    """Environment for SDK clients constructed by fixture code: base URL and key from the env, nothing else."""
    monkeypatch.setenv("ANTHROPIC_BASE_URL", recording_server.url)
    monkeypatch.setenv("ANTHROPIC_API_KEY", "test")
    for name in ("ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_PROFILE", "ANTHROPIC_CUSTOM_HEADERS", "ANTHROPIC_IDENTITY_TOKEN",
                 "ANTHROPIC_IDENTITY_TOKEN_FILE", "ANTHROPIC_FEDERATION_RULE_ID", "ANTHROPIC_ORGANIZATION_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ANTHROPIC_CONFIG_DIR", str(tmp_path / "anthropic-config"))  # no profile on disk
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    return recording_server
