"""Bytes in, bytes out: encoding, BOM, line endings, tabs, permissions and atomic writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from codemod.config import Settings
from codemod.engine import migrate_source
from codemod.runner import APPLY, process_file
from tests.conftest import Cli

SETTINGS = Settings(target="claude-opus-4-8", jobs=1)

SOURCE = (
    "import anthropic\n"
    "\n"
    "client = anthropic.Anthropic()\n"
    "\n"
    "def ask(prompt):\n"
    "\treturn client.messages.create(\n"
    "\t\tmodel='claude-opus-4-6',\n"
    "\t\tmax_tokens=1024,\n"
    "\t\ttemperature=0.5,\n"
    "\t\tmessages=[{'role': 'user', 'content': prompt}],\n"
    "\t)\n"
)
EXPECTED = SOURCE.replace("'claude-opus-4-6'", "'claude-opus-4-8'").replace("\t\ttemperature=0.5,\n", "")


def test_tabs_and_quote_style_are_kept() -> None:
    result = migrate_source(SOURCE.encode(), SETTINGS)
    assert result.new_source == EXPECTED.encode()


def test_crlf_line_endings_are_kept() -> None:
    result = migrate_source(SOURCE.replace("\n", "\r\n").encode(), SETTINGS)
    assert result.new_source == EXPECTED.replace("\n", "\r\n").encode()


def test_utf8_bom_is_kept() -> None:
    result = migrate_source(b"\xef\xbb\xbf" + SOURCE.encode(), SETTINGS)
    assert result.new_source == b"\xef\xbb\xbf" + EXPECTED.encode()


def test_latin1_coding_cookie_is_kept() -> None:
    header = "# -*- coding: latin-1 -*-\n# Caf\u00e9 assistant\n"
    result = migrate_source((header + SOURCE).encode("latin-1"), SETTINGS)
    assert result.new_source == (header + EXPECTED).encode("latin-1")
    assert result.encoding in ("latin-1", "iso-8859-1")


def test_unicode_in_strings_and_comments_is_kept() -> None:
    source = SOURCE.replace("'content': prompt}],", "'content': '\u00bfQu\u00e9 tal? \U0001f600'}],  # \u2713")
    result = migrate_source(source.encode(), SETTINGS)
    assert result.new_source is not None
    assert "'\u00bfQu\u00e9 tal? \U0001f600'}],  # \u2713" in result.new_source.decode()


def test_mode_is_kept_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    path = tmp_path / "tool.py"
    path.write_bytes(SOURCE.encode())
    os.chmod(path, 0o754)
    result = process_file(path, SETTINGS, APPLY)
    assert result.status == "changed"
    assert path.read_bytes() == EXPECTED.encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o754
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tool.py"]


def test_a_failed_write_leaves_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tool.py"
    path.write_bytes(SOURCE.encode())

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = process_file(path, SETTINGS, APPLY)
    assert result.status == "error" and "No space left on device" in (result.error or "")
    assert path.read_bytes() == SOURCE.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tool.py"]


def test_file_changed_after_read_is_not_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tool.py"
    path.write_bytes(SOURCE.encode())
    from codemod import runner

    original = runner.migrate_file

    def edit_meanwhile(path_: Path, source: bytes, settings: Settings, fix: bool = True):
        result = original(path_, source, settings, fix)
        path.write_bytes(SOURCE.encode() + b"# edited by someone else\n")
        return result

    monkeypatch.setattr(runner, "migrate_file", edit_meanwhile)
    result = process_file(path, SETTINGS, APPLY)
    assert result.status == "error" and "changed while" in (result.error or "")
    assert path.read_bytes().endswith(b"# edited by someone else\n")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_cli_apply_twice_is_stable(cli: Cli, tmp_path: Path, newline: str) -> None:
    path = tmp_path / "app.py"
    path.write_bytes(SOURCE.replace("\n", newline).encode())
    assert cli("apply").returncode == 0
    once = path.read_bytes()
    assert once == EXPECTED.replace("\n", newline).encode()
    assert cli("apply").returncode == 0
    assert path.read_bytes() == once
