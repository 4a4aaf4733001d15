"""CM601 on a dependency file: the diagnostics for its ``anthropic`` pins and, with fixes, its new text.

The engine's rules work on Python; a dependency file is plain text, so this module makes CM601's
diagnostics itself (same ``Diagnostic`` objects, same suppression comment: ``# claude-migrate: ignore`` or
``ignore[CM601]`` at the end of the line).
"""

from __future__ import annotations

import os
import re

from codemod.applicability import UNSAFE, fix_applies
from codemod.catalog.sdk_features import Floor
from codemod.deps import dependency_kind
from codemod.deps.pins import (
    Pin,
    lock_pins,
    pipfile_pins,
    pyproject_pins,
    requirements_pins,
    setup_cfg_pins,
)
from codemod.deps.specifiers import admits_from, replacement
from codemod.results import Diagnostic

CODE, NAME = "CM601", "sdk-version-pin"
_IGNORE = re.compile(r"#\s*claude-migrate:\s*ignore(?:\[([A-Z0-9, ]+)\])?")


def pins_of(path: str, text: str) -> list[Pin]:
    kind = dependency_kind(path)
    if kind == "requirements":
        return requirements_pins(text)
    if kind == "pyproject":
        return pyproject_pins(text)
    if kind == "setup.cfg":
        return setup_cfg_pins(text)
    if kind == "pipfile":
        return pipfile_pins(text)
    if kind == "lock":
        return lock_pins(text, os.path.basename(path))
    return []


def _suppressed(text: str, line: int) -> bool:
    lines = text.splitlines()
    match = _IGNORE.search(lines[line - 1]) if 0 < line <= len(lines) else None
    return match is not None and (match.group(1) is None or CODE in [c.strip() for c in match.group(1).split(",")])


def message_for(pin: Pin, floor: Floor, new: str | None) -> str:
    if pin.locked is not None:
        return (
            f"{pin.written} is locked below what the migrated code needs, {floor.because()}: raise the requirement, "
            f"then regenerate the lock ({pin.why_not.split(': ', 1)[0]}, never edited by claude-migrate)"
        )
    head = f"{pin.written} excludes every anthropic release the migrated code can run on: it needs {floor.because()}"
    if new is not None:
        return f"{head}; the fix writes {new!r}"
    return f"{head}; no automatic fix: {pin.why_not}" if pin.why_not else head


def check_text(path: str, text: str, floor: Floor | None, newest: str, unsafe_fixes: bool) -> tuple[list[Diagnostic], str | None]:
    """CM601's diagnostics for one dependency file, and its text with the fixes made (None: unchanged)."""
    if floor is None:
        return [], None
    diagnostics: list[Diagnostic] = []
    edits: list[tuple[int, int, str]] = []
    for pin in pins_of(path, text):
        if _suppressed(text, pin.line):
            continue
        ok = admits_from(pin.spec, floor.version, newest) if pin.locked is None else admits_from(f"=={pin.locked}", floor.version, newest)
        if ok:
            continue
        new = replacement(pin.spec, floor.version, newest, pin.style) if pin.span is not None else None
        applied = new is not None and fix_applies(UNSAFE, unsafe_fixes)
        end_line, end_column = pin.line, pin.column + len(pin.written)
        diagnostics.append(
            Diagnostic(CODE, NAME, pin.line, pin.column, end_line, end_column, message_for(pin, floor, new),
                       str(UNSAFE) if new is not None else None, applied)
        )
        if applied and pin.span is not None and new is not None:
            edits.append((pin.span[0], pin.span[1], styled(text[pin.span[0]:pin.span[1]], new)))
    if not edits:
        return diagnostics, None
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return diagnostics, text


_OPERATOR = re.compile(r"(===|==|!=|~=|<=|>=|<|>)")


def styled(old: str, new: str) -> str:
    """``new`` written as ``old`` was: a space after each operator (``== 0.50.0``) or comma, and parentheses
    kept (``anthropic (>=1)``)."""
    if re.search(r"(===|==|!=|~=|<=|>=|<|>) ", old):
        new = _OPERATOR.sub(r"\1 ", new)
    if ", " in old:
        new = new.replace(",", ", ")
    if old.startswith("(") and old.endswith(")"):
        new = f"({new})"
    return new
