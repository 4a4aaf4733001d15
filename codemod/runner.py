"""Run the engine over files: read, migrate, write atomically; spread over a process pool.

Python files go through ``engine.migrate_source``, notebooks (``.ipynb``) through
``notebook.migrate_notebook``; everything else (hash check, atomic write, diff of the file's text) is
the same for both, so a notebook's diff is the diff of its JSON.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from codemod.config import Settings
from codemod.results import Diagnostic, EngineError, SourceResult, might_need_migration

CHECK, DIFF, APPLY = "check", "diff", "apply"
# Below this many files a process pool costs more than it saves.
POOL_THRESHOLD = 32
NOTEBOOK_SUFFIX = ".ipynb"


@dataclass
class FileResult:
    path: str
    status: str  # "changed" | "unchanged" | "error"
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    diff: str | None = None
    skipped: bool = False  # the byte pre-filter ruled the file out: it was never parsed

    @property
    def remaining(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.applied]


class _ChangedOnDisk(Exception):
    pass


def write_atomically(path: Path, data: bytes, expected_digest: bytes) -> None:
    """Replace ``path`` with ``data`` via a temporary file in the same directory, keeping its mode.

    If the file changed since it was read (its digest differs), nothing is written.
    """
    current = path.read_bytes()
    if hashlib.sha256(current).digest() != expected_digest:
        raise _ChangedOnDisk()
    mode = stat.S_IMODE(os.stat(path).st_mode)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".claude-migrate")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _unified_diff(path: str, old: bytes, new: bytes, encoding: str) -> str:
    before = old.decode(encoding, errors="replace").splitlines(keepends=True)
    after = new.decode(encoding, errors="replace").splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, fromfile=f"a/{path}", tofile=f"b/{path}")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


def migrate_source(source: bytes, settings: Settings) -> SourceResult:
    """``engine.migrate_source``, imported on first use: libcst loads only when a file needs it."""
    from codemod.engine import migrate_source as migrate

    return migrate(source, settings)


def migrate_notebook(source: bytes, settings: Settings) -> SourceResult:
    from codemod.notebook import migrate_notebook as migrate

    return migrate(source, settings)


def migrate_file(path: Path, source: bytes, settings: Settings) -> SourceResult:
    """The engine entry point for the file's kind: a notebook's code cells, or Python source."""
    if path.suffix.lower() == NOTEBOOK_SUFFIX:
        return migrate_notebook(source, settings)
    return migrate_source(source, settings)


def process_file(path: Path, settings: Settings, mode: str) -> FileResult:
    shown = str(path)
    try:
        source = path.read_bytes()
    except OSError as error:
        return FileResult(shown, "error", error=f"cannot read: {error.strerror or error}")
    if not might_need_migration(source):
        return FileResult(shown, "unchanged", skipped=True)
    try:
        result = migrate_file(path, source, settings)
    except EngineError as error:
        return FileResult(shown, "error", error=str(error))
    except RecursionError:
        return FileResult(shown, "error", error="cannot process: expression nested too deeply")
    diagnostics = result.diagnostics
    if result.new_source is None:
        return FileResult(shown, "unchanged", diagnostics)
    if mode != APPLY:
        # Nothing is written: findings say what apply would do.
        diagnostics = [_unapplied(d) for d in diagnostics]
        diff = _unified_diff(shown, source, result.new_source, result.encoding) if mode == DIFF else None
        return FileResult(shown, "changed", diagnostics, diff=diff)
    try:
        write_atomically(path, result.new_source, hashlib.sha256(source).digest())
    except _ChangedOnDisk:
        return FileResult(shown, "error", [_unapplied(d) for d in diagnostics], error="file changed while it was being migrated; not written")
    except OSError as error:
        return FileResult(shown, "error", [_unapplied(d) for d in diagnostics], error=f"cannot write: {error.strerror or error}")
    return FileResult(shown, "changed", diagnostics)


def _unapplied(diagnostic: Diagnostic) -> Diagnostic:
    return replace(diagnostic, applied=False)


def _process_star(args: tuple[Path, Settings, str]) -> FileResult:
    return process_file(*args)


def run(files: list[Path], settings: Settings, mode: str, on_result: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Process ``files`` (in parallel when worth it); results come back in the order of ``files``."""
    results: list[FileResult] = []
    for result in _results(files, settings, mode):
        if on_result is not None:
            on_result(result)
        results.append(result)
    return results


# ProcessPoolExecutor refuses more than 61 workers on Windows.
MAX_WINDOWS_WORKERS = 61


def _results(files: list[Path], settings: Settings, mode: str) -> Iterator[FileResult]:
    jobs = min(settings.jobs, len(files))
    if os.name == "nt":
        jobs = min(jobs, MAX_WINDOWS_WORKERS)
    if jobs <= 1 or len(files) < POOL_THRESHOLD:
        for path in files:
            yield process_file(path, settings, mode)
        return
    chunksize = max(1, len(files) // (jobs * 8))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_process_star, [(path, settings, mode) for path in files], chunksize=chunksize)
