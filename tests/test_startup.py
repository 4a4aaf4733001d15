"""Start-up stays cheap: libcst (and the rules) load only when a file needs parsing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from click.testing import CliRunner
from codemod.cli import main
result = CliRunner().invoke(main, {args!r})
assert result.exit_code == {code}, result.output
print("libcst" in sys.modules)
"""


def _loads_libcst(args: list[str], code: int, cwd: Path) -> bool:
    out = subprocess.run([sys.executable, "-c", PROBE.format(args=args, code=code)], capture_output=True, text=True, cwd=cwd, check=False)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip() == "True"


def test_version_does_not_import_libcst(tmp_path: Path) -> None:
    assert _loads_libcst(["--version"], 0, tmp_path) is False


def test_checking_files_that_never_mention_claude_does_not_import_libcst(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("print('hello')\n", encoding="utf-8")
    (tmp_path / "util.py").write_text("def add(a, b):\n    return a + b\n", encoding="utf-8")
    assert _loads_libcst(["check", str(tmp_path)], 0, tmp_path) is False


def test_a_file_that_needs_parsing_does(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("import anthropic\n", encoding="utf-8")
    assert _loads_libcst(["check", str(tmp_path)], 0, tmp_path) is True


def test_a_warm_cache_run_parses_nothing(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(
        "import anthropic\nanthropic.Anthropic().messages.create(model='claude-opus-4-6', max_tokens=1, messages=[])\n",
        encoding="utf-8",
    )
    assert _loads_libcst(["check", str(tmp_path)], 1, tmp_path) is True
    assert _loads_libcst(["check", str(tmp_path)], 1, tmp_path) is False
    assert _loads_libcst(["check", "--no-cache", str(tmp_path)], 1, tmp_path) is True
