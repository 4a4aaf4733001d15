from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / ("claude-migrate.exe" if os.name == "nt" else "claude-migrate")


class Cli:
    """Runs the installed console script, the way users run it."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd

    def __call__(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
        return subprocess.run(
            [str(SCRIPT), *args], cwd=cwd or self.cwd, capture_output=True, text=True, env=env, timeout=120
        )


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    assert SCRIPT.exists(), f"console script not installed at {SCRIPT}: pip install -e '.[test]'"
    return Cli(tmp_path)
