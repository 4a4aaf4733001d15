"""The runner's second phase: the dependency files, checked against what the project's code needs.

A dependency file governs the Python files of its directory and below: the floor it is held to is the one
their SDK features set (``FileResult.sdk_needs``, computed by the engine in the first phase). ``setup.py``
goes through the engine (CM601's ``check_file`` reads its literals, the other rules migrate it as usual);
the other files through ``deps/check.py``, written the same safe way as source files.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from codemod.catalog import load_catalog
from codemod.catalog.sdk_features import Floor, floor_of
from codemod.config import Settings
from codemod.deps import dependency_kind
from codemod.runner import (
    APPLY,
    CHECK,
    DIFF,
    FileResult,
    _unapplied,
    _unified_diff,
    process_file,
)
from codemod.write import ChangedOnDisk, write_file


def _uses_by_path(sources: list[FileResult]) -> list[tuple[str, tuple[str, ...]]]:
    """The Python files that need SDK features, as (absolute path, features), by path: computed once per run,
    not once per dependency file."""
    return [(os.path.abspath(r.path), r.sdk_needs) for r in sorted(sources, key=lambda r: r.path) if r.sdk_needs]


def floor_for(path: str, uses_by_path: list[tuple[str, tuple[str, ...]]]) -> Floor | None:
    """The floor the Python files under ``path``'s directory set (the first file, by path, names a feature,
    relative to that directory)."""
    directory = os.path.dirname(os.path.abspath(path))
    uses: dict[str, str] = {}
    for where, features in uses_by_path:
        if where.startswith(directory + os.sep):
            for feature in features:
                # named relative to the dependency file: "used in src/app.py" next to pyproject.toml
                uses.setdefault(feature, os.path.relpath(where, directory).replace(os.sep, "/"))
    return floor_of(uses)


def dependency_results(paths: list[str], sources: list[FileResult], settings: Settings, mode: str) -> Iterator[FileResult]:
    newest = load_catalog(settings.as_of).sdk
    uses_by_path = _uses_by_path(sources)
    for path in paths:
        floor = floor_for(path, uses_by_path)
        if dependency_kind(path) == "setup.py":
            yield process_file(path, settings, mode, sdk_floor=floor)
        else:
            yield _dependency_file(path, floor, newest, settings, mode)


def _dependency_file(path: str, floor: Floor | None, newest: str, settings: Settings, mode: str) -> FileResult:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return FileResult(path, "error", error=f"cannot read: {error.strerror or error}")
    if b"anthropic" not in data or floor is None:
        return FileResult(path, "unchanged", skipped=True)
    # imported here: it loads packaging, which only a file that names the SDK needs
    from codemod.deps.check import check_text

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return FileResult(path, "error", error=f"cannot decode: {error}")
    bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
    diagnostics, new_text = check_text(path, text, floor, newest, settings.unsafe_fixes)
    if new_text is None or mode == CHECK:
        return FileResult(path, "changed" if new_text else "unchanged", [_unapplied(d) for d in diagnostics])
    new = (bom + new_text).encode("utf-8")
    if mode == DIFF:
        return FileResult(path, "changed", [_unapplied(d) for d in diagnostics], diff=_unified_diff(path, data, new, "utf-8"))
    assert mode == APPLY
    try:
        write_file(Path(path), new, hashlib.sha256(data).digest())
    except ChangedOnDisk:
        return FileResult(path, "error", [_unapplied(d) for d in diagnostics], error="file changed while it was being migrated; not written")
    except OSError as error:
        return FileResult(path, "error", [_unapplied(d) for d in diagnostics], error=f"cannot write: {error.strerror or error}")
    return FileResult(path, "changed", diagnostics)
