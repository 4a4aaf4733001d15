"""``check -``, ``diff -`` and ``apply -``: one source read from stdin, as editor integrations call the tool.

``--stdin-filename PATH`` names it: the configuration is the one that applies to PATH (the nearest
``pyproject.toml`` above it), the excludes are matched against it (an excluded file is reported clean and
``apply`` gives it back unchanged, as ``--force-exclude`` would for a named file), it is a notebook when it
ends in ``.ipynb``, and reports show that name. Nothing is written to disk and the cache is not used:
``apply -`` writes the fixed source to stdout (the source unchanged when there is nothing to fix) and its
report to stderr.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

from pathspec import GitIgnoreSpec

from codemod.config import Settings, load_settings
from codemod.discover import DEFAULT_EXCLUDES
from codemod.report.files import Sources
from codemod.report.output import Extra, Output
from codemod.runner import (
    APPLY,
    CHECK,
    DIFF,
    MAX_FILE_BYTES,
    FileResult,
    _engine_result,
    _prefilter,
    _unapplied,
    _unified_diff,
    from_verdict,
)

STDIN = "-"


def excluded(name: str, settings: Settings) -> bool:
    """Whether the excludes (the default ones and the configured ones) cover ``name``."""
    path = Path(name)
    if any(part in DEFAULT_EXCLUDES for part in path.parts):
        return True
    if settings.config_path is not None:  # the configured globs are relative to the project's root
        relative = os.path.relpath(os.path.abspath(name), Path(settings.config_path).parent)
        if not relative.startswith(os.pardir):
            path = Path(relative)
    return GitIgnoreSpec.from_lines(settings.exclude).match_file(path.as_posix())


def process_source(name: str, data: bytes, settings: Settings, mode: str, record_edits: bool) -> tuple[FileResult, bytes | None]:
    """The result for ``data`` as if it were the file ``name``, and the fixed source (apply, when changed)."""
    if not _prefilter(settings).passes(data):
        return FileResult(name, "unchanged", skipped=True), None
    if len(data) > MAX_FILE_BYTES:
        error = f"not analysed: {len(data) // 1024} KiB is over the {MAX_FILE_BYTES // 1024} KiB limit for one file"
        return FileResult(name, "error", error=error), None
    result, verdict = _engine_result(name, data, settings, mode, record_edits)
    if result is None:
        return from_verdict(name, verdict), None
    if mode == CHECK or result.new_source is None:
        return from_verdict(name, replace(verdict, diagnostics=tuple(result.diagnostics))), None
    if mode == DIFF:
        diff = _unified_diff(name, data, result.new_source, result.encoding)
        return FileResult(name, "changed", [_unapplied(d) for d in result.diagnostics], diff=diff), None
    return FileResult(name, "changed", result.diagnostics, record=result.record), result.new_source


def run_stdin(mode: str, fmt: str, quiet: bool, extra: Extra, overrides: dict[str, object]) -> int:
    """Process stdin; returns the exit code. Raises ConfigError and UsageError as a run over files does."""
    name = extra.stdin_filename or STDIN
    settings = load_settings([Path(extra.stdin_filename) if extra.stdin_filename else Path.cwd()], overrides)
    data = sys.stdin.buffer.read()
    output = Output(mode, fmt, settings, quiet, extra, Sources({name: data}), to_stderr=mode == APPLY)
    if extra.stdin_filename and excluded(name, settings):
        result, new = FileResult(name, "unchanged", skipped=True), None
    else:
        result, new = process_source(name, data, settings, mode, output.record_edits)
    output.on_result(result)
    if mode == APPLY:
        sys.stdout.buffer.write(new if new is not None else data)
        sys.stdout.buffer.flush()
    return output.finish([])
