"""Which process analyses which file: this one screens every file, workers parse.

The parent reads, pre-filters and looks up every file in the cache (cheap: a few seconds for 100,000
files) and sends only the files left to parse to worker processes, each with its bytes, as soon as
there are enough of them to be worth a pool. A run the cache answers, or one with a handful of files to
parse (pre-commit), starts no worker; no file is read twice; identical contents are parsed once
(``check``). multiprocessing is imported only when a pool starts.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from codemod.cache import Cache
from codemod.config import Settings
from codemod.project.dependencies import set_run_files
from codemod.runner import (
    CHECK,
    FileResult,
    ToParse,
    analyse,
    from_verdict,
    process_file,
    run_files,
    screen_file,
)

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

# Below this many files to parse one process is quicker (a pre-commit run on a few files starts at once):
# a worker imports libcst and the rules first (~0.3 s), and a parse takes ~20-40 ms.
POOL_THRESHOLD = 16

# ProcessPoolExecutor refuses more than 61 workers on Windows.
MAX_WINDOWS_WORKERS = 61


def results(
    files: list[str], settings: Settings, mode: str, cache: Cache | None, record_edits: bool = False
) -> Iterator[FileResult]:
    """Every file's result, in the order of ``files``; the files to parse go to a pool once
    ``POOL_THRESHOLD`` of them are found (and from then on, as they are found)."""
    jobs = min(settings.jobs, MAX_WINDOWS_WORKERS if os.name == "nt" else settings.jobs)
    if jobs <= 1:
        for path in files:
            yield process_file(path, settings, mode, cache, record_edits)
        return
    entries: list[FileResult | ToParse | _SameAs | Future[FileResult]] = []
    waiting: list[int] = []  # entries still to parse, not yet sent to the pool
    first_of: dict[str, int] = {}  # content key -> the entry that parses it (check: copies are parsed once)
    pool: ProcessPoolExecutor | None = None
    try:
        for path in files:
            found = screen_file(path, settings, mode, cache, record_edits)
            if isinstance(found, ToParse) and mode == CHECK and found.key in first_of:
                entries.append(_SameAs(first_of[found.key], found))
                continue
            entries.append(found)
            if isinstance(found, FileResult):
                continue
            first_of.setdefault(found.key, len(entries) - 1)
            waiting.append(len(entries) - 1)
            if pool is None and len(waiting) >= POOL_THRESHOLD:
                from concurrent.futures import ProcessPoolExecutor

                pool = ProcessPoolExecutor(
                    max_workers=jobs, initializer=_start_worker, initargs=(settings, mode, record_edits, run_files(files))
                )
            if pool is not None:
                for index in waiting:
                    entries[index] = pool.submit(_worker_task, entries[index])
                waiting.clear()
        originals = {entry.index for entry in entries if isinstance(entry, _SameAs)}
        done: dict[int, FileResult] = {}
        for index, (path, entry) in enumerate(zip(files, entries)):
            if isinstance(entry, FileResult):
                result = entry
            elif isinstance(entry, ToParse):
                result = analyse(entry, settings, mode, record_edits)
            elif isinstance(entry, _SameAs):
                result = _copy_of(done[entry.index], entry.file, settings, mode, record_edits)
            else:
                result = _outcome(path, entry)
            if index in originals:
                done[index] = result
            yield result
    finally:
        # Interrupted (SIGINT, SIGTERM, the caller stopped reading): files not started are cancelled;
        # the workers finish the file in hand, so each file is either migrated or untouched.
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


@dataclass(frozen=True)
class _SameAs:
    """A file whose bytes are those of an earlier one (a vendored copy, a generated file)."""

    index: int  # the entry of the earlier file
    file: ToParse


def _copy_of(original: FileResult, file: ToParse, settings: Settings, mode: str, record_edits: bool) -> FileResult:
    """The result of a copy: the original's verdict, unless that depended on where the file is (its
    imports) or edit ranges are asked for; then the copy is analysed on its own."""
    entry = original.cache_entry
    if entry is None or entry[0] != file.key or (record_edits and any(d.fix for d in entry[1].diagnostics)):
        return analyse(file, settings, mode, record_edits)
    return from_verdict(file.path, entry[1], cached=True)


def _outcome(path: str, future: Future[FileResult]) -> FileResult:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool:
        # A worker died (killed, or a crash in native code): its files and the rest are reported.
        return FileResult(path, "error", error="a worker process died: the file is either migrated or untouched; run again")


def _start_worker(settings: Settings, mode: str, record_edits: bool = False, files: frozenset[str] = frozenset()) -> None:
    """Workers get the run's settings once and leave SIGINT (Ctrl-C reaches the whole process group) to
    the parent, which stops them between files; SIGTERM keeps its default and is held during a write
    (``write.py``)."""
    global _worker_job
    _worker_job = (settings, mode, record_edits)
    set_run_files(files)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _worker_task(file: ToParse) -> FileResult:
    assert _worker_job is not None
    settings, mode, record_edits = _worker_job
    return analyse(file, settings, mode, record_edits)
