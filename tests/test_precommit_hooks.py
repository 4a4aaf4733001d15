"""The .pre-commit-hooks.yaml at the repository root has the shape pre-commit expects."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from codemod.cli import main

HOOKS = Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml"


def _parse(text: str) -> list[dict[str, object]]:
    """Parse the YAML subset the file uses: a top-level list of flat mappings (scalars, [a, b])."""
    hooks: list[dict[str, object]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = re.fullmatch(r"(- |  )(\w+): (.+)", line)
        assert match, f"unexpected line in .pre-commit-hooks.yaml: {line!r}"
        start, key, raw = match.groups()
        if start == "- ":
            hooks.append({})
        value: object = raw
        if raw.startswith("[") and raw.endswith("]"):
            value = [part.strip() for part in raw[1:-1].split(",")]
        elif raw in ("true", "false"):
            value = raw == "true"
        hooks[-1][key] = value
    return hooks


def test_hooks_file_shape() -> None:
    hooks = _parse(HOOKS.read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["claude-migrate", "claude-migrate-check"]
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python"
        assert hook["types_or"] == ["python", "jupyter", "javascript", "jsx", "ts", "tsx"]  # notebooks and scripts too
        assert hook["require_serial"] is True
    entries = {hook["id"]: shlex.split(str(hook["entry"])) for hook in hooks}
    assert entries["claude-migrate"][:2] == ["claude-migrate", "apply"]
    assert entries["claude-migrate-check"][:2] == ["claude-migrate", "check"]


def test_hook_entries_are_valid_commands() -> None:
    """Every option in an entry is one the CLI accepts (pre-commit appends the file names)."""
    for hook in _parse(HOOKS.read_text(encoding="utf-8")):
        arguments = shlex.split(str(hook["entry"]))[1:]
        result = CliRunner().invoke(main, [*arguments, "--help"])
        assert result.exit_code == 0, result.output
