"""Run the engine over files: read, pre-filter, consult the cache, migrate, write; the files to parse are
spread over a process pool when there are more than a handful.

Python files go through ``engine.migrate_source``, notebooks (``.ipynb``) through
``notebook.migrate_notebook``; everything else (pre-filter, cache, hash-checked write in
``write.py``, diff of the file's text) is the same for both, so a notebook's diff is the diff of its
JSON.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from codemod.cache import Cache, CachedResult, content_key, stamp_of
from codemod.catalog.sdk_features import Floor
from codemod.config import Settings
from codemod.deps import is_dependency_file
from codemod.edit_ranges import TextEdit
from codemod.prefilter import Prefilter, prefilter_for
from codemod.project.dependencies import (
    dependencies_unchanged,
    resolver_for,
    set_run_files,
    with_path,
)
from codemod.project.resolver import FileResolver
from codemod.results import Diagnostic, EngineError, SourceResult
from codemod.script import is_declaration, is_script
from codemod.script import screen as screen_script
from codemod.write import ChangedOnDisk, write_file

CHECK, DIFF, APPLY = "check", "diff", "apply"
NOTEBOOK_SUFFIX = ".ipynb"
MAX_FILE_BYTES = 256 * 1024  # of source; for a notebook, of its code cells (notebook.py), outputs aside
CM601 = "CM601"  # sdk-version-pin: reads the dependency files (codemod/deps)


@dataclass
class FileResult:
    path: str
    status: str  # "changed" | "unchanged" | "error" | "skipped" (not analysed, see ``reason``)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    diff: str | None = None
    skipped: bool = False  # the byte pre-filter ruled the file out: it was never parsed
    reason: str | None = None  # status "skipped": why a file that mentions the SDK was not analysed
    cached: bool = False  # the verdict came from the cache or an identical file met before: not parsed either
    sdk_needs: tuple[str, ...] = ()  # the SDK features the (migrated) code uses, for CM601
    # (content key, engine verdict) for the cache; None when the result is not reusable
    cache_entry: tuple[str, CachedResult] | None = field(default=None, repr=False, compare=False)
    record: list[TextEdit] | None = None  # apply with ``record_edits``: the edits written, with their rules

    @property
    def remaining(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.applied]


def _unified_diff(path: str, old: bytes, new: bytes, encoding: str) -> str:
    before = old.decode(encoding, errors="replace").splitlines(keepends=True)
    after = new.decode(encoding, errors="replace").splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, fromfile=f"a/{path}", tofile=f"b/{path}")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


def migrate_file(
    path: str,
    source: bytes,
    settings: Settings,
    fix: bool = True,
    project: FileResolver | None = None,
    record_edits: bool = False,
    sdk_floor: Floor | None = None,
) -> SourceResult:
    """The engine entry point for the file's kind, imported on first use (libcst loads only then)."""
    if is_script(path):
        from codemod.script.migrate import migrate_script

        return migrate_script(path, source, settings, fix=fix, project=project)
    if is_notebook(path):
        from codemod.notebook import migrate_notebook

        return migrate_notebook(source, settings, fix=fix, project=project, record_edits=record_edits)
    from codemod.docstring_screen import code_passes
    from codemod.engine import migrate_source

    if sdk_floor is None and not code_passes(source, _prefilter(settings)):
        return SourceResult()  # Claude is only named in docstrings: nothing a rule reads, no libcst parse
    floor = {"sdk_floor": sdk_floor} if sdk_floor is not None else {}  # only setup.py gets one
    return migrate_source(source, settings, fix=fix, project=project, record_edits=record_edits, **floor)


def is_notebook(path: str) -> bool:
    return path[-len(NOTEBOOK_SUFFIX) :].lower() == NOTEBOOK_SUFFIX


def _read(path: str) -> bytes | FileResult:
    try:
        with open(path, "rb", buffering=0) as handle:  # unbuffered: one read, no copy through a buffer
            return handle.read()
    except OSError as error:
        return FileResult(path, "error", error=f"cannot read: {error.strerror or error}")


def _engine_result(
    path: str, source: bytes, settings: Settings, mode: str, record_edits: bool = False, sdk_floor: Floor | None = None
) -> tuple[SourceResult | None, CachedResult]:
    """Run the engine; the verdict is returned in cacheable form (an engine error is one too)."""
    project = resolver_for(path)
    try:
        # record_edits and sdk_floor only when asked: the plain call stays what it was (tests stand in for
        # migrate_file); only setup.py gets a floor.
        extra: dict[str, object] = {"record_edits": True} if record_edits else {}
        if sdk_floor is not None:
            extra["sdk_floor"] = sdk_floor
        result = migrate_file(path, source, settings, fix=mode != CHECK, project=project, **extra)  # type: ignore[arg-type]
    except EngineError as error:
        return None, CachedResult((), False, str(error), project.dependencies())
    except RecursionError:
        return None, CachedResult((), False, "cannot process: expression nested too deeply", project.dependencies())
    return result, CachedResult(
        tuple(result.diagnostics), result.changes, deps=project.dependencies(), sdk_needs=result.sdk_needs
    )


def from_verdict(shown: str, verdict: CachedResult, **extra: object) -> FileResult:
    """A result that writes nothing: ``check`` (or a file apply would leave unchanged)."""
    if verdict.error is not None:
        return FileResult(shown, "error", error=verdict.error, **extra)  # type: ignore[arg-type]
    status = "changed" if verdict.changes else "unchanged"
    diagnostics = [_unapplied(d) for d in verdict.diagnostics]
    return FileResult(shown, status, diagnostics, sdk_needs=verdict.sdk_needs, **extra)  # type: ignore[arg-type]


class _SeenContents:
    """Verdicts of contents this process has analysed under the current settings (``check`` only): a
    vendored copy or a generated file met twice in one run is analysed once, cache or no cache."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.verdicts: dict[str, CachedResult] = {}

    def get(self, settings: Settings, key: str) -> CachedResult | None:
        return self.verdicts.get(key) if settings == self.settings else None

    def put(self, settings: Settings, key: str, verdict: CachedResult) -> None:
        if settings != self.settings:
            self.settings, self.verdicts = settings, {}
        self.verdicts[key] = verdict


_seen = _SeenContents()
_prefilters: dict[tuple[tuple[str, ...], tuple[str, ...]], Prefilter] = {}


def _prefilter(settings: Settings) -> Prefilter:
    """The pre-filter of the rules the settings enable (asked once per file, so kept)."""
    key = (settings.select, settings.ignore)
    found = _prefilters.get(key)
    if found is None:
        found = _prefilters[key] = prefilter_for(settings.enabled)
    return found


def process_file(
    path: str | os.PathLike[str],
    settings: Settings,
    mode: str,
    cache: Cache | None = None,
    record_edits: bool = False,
    sdk_floor: Floor | None = None,
) -> FileResult:
    """Read, pre-filter, look up, migrate and (in apply mode) write one file; the file is read once.

    ``sdk_floor`` (``setup.py``, once the project's other files are done): CM601 reads its requirement
    literals, so any file naming ``anthropic`` is parsed, and the verdict is neither looked up nor kept.
    """
    name = os.fspath(path)  # a string: a tree's worth of Path objects costs more than the pre-filter
    if sdk_floor is not None:
        source = _read(name)
        if isinstance(source, FileResult):
            return source
        if b"anthropic" in source and len(source) <= MAX_FILE_BYTES:
            result = _migrate(name, source, hashlib.sha256(source).digest(), "", settings, mode, record_edits, sdk_floor)
            return replace(result, cache_entry=None)
    found = screen_file(name, settings, mode, cache, record_edits)
    return found if isinstance(found, FileResult) else analyse(found, settings, mode, record_edits)


@dataclass(frozen=True)
class ToParse:
    """A file the screen let through and nothing already known answers: what analysing it takes."""

    path: str
    source: bytes
    digest: bytes  # sha256 of ``source``: the cache key and the check before writing both come from it
    key: str


def screen_file(name: str, settings: Settings, mode: str, cache: Cache | None, record_edits: bool = False) -> FileResult | ToParse:
    """Everything short of parsing: read, pre-filter, size limit, cache. A result, or the file to parse."""
    stamp = stamp_of(name) if cache is not None else None  # before the read: a later write changes it
    if stamp is not None and cache is not None and cache.screened_out_before(name, stamp):
        return FileResult(name, "unchanged", skipped=True)
    source = _read(name)
    if isinstance(source, FileResult):
        return source
    if is_declaration(name):  # named on the command line: types only, no calls
        return FileResult(name, "unchanged", skipped=True)
    script = is_script(name)
    if not (screen_script(source) if script else _prefilter(settings).passes(source)):
        result = _filtered_out(name, source)
        if stamp is not None and cache is not None and result.skipped:
            cache.remember_screened_out(name, stamp)
        return result
    if script and len(source) > MAX_FILE_BYTES:
        return FileResult(name, "skipped", reason=f"{len(source) // 1024} KiB of script (a bundle?) is over the {MAX_FILE_BYTES // 1024} KiB limit: not analysed")
    if len(source) > MAX_FILE_BYTES and not is_notebook(name):
        # libcst needs ~1 GB and half a minute for 1 MB of source: a file this size is generated.
        return FileResult(
            name, "error", error=f"not analysed: {len(source) // 1024} KiB is over the {MAX_FILE_BYTES // 1024} KiB limit for one file"
        )
    digest = hashlib.sha256(source).digest()
    key = content_key(digest, "script" if script else "ipynb" if is_notebook(name) else "py")
    verdict = _known_verdict(key, name, settings, mode, cache)
    # A verdict from the cache has no edit ranges: a file with fixes is analysed again when they are asked for.
    if verdict is not None and not (record_edits and any(d.fix for d in verdict.diagnostics)):
        return from_verdict(name, verdict, cached=True)
    return ToParse(name, source, digest, key)


def analyse(file: ToParse, settings: Settings, mode: str, record_edits: bool = False) -> FileResult:
    """Parse and analyse a file the screen let through; in apply mode, write it."""
    return _migrate(file.path, file.source, file.digest, file.key, settings, mode, record_edits)


def _filtered_out(path: str, source: bytes) -> FileResult:
    """A file the pre-filter ruled out. The pre-filter looks for Python (``import anthropic``, a
    ``.messages`` call), which a notebook in another language calling Claude (R, say) never holds: such
    a notebook is listed as not analysed rather than dropped silently (a JSON read, no libcst)."""
    if is_notebook(path) and (b"claude" in source or b"anthropic" in source):
        from codemod.notebook_read import other_language_reason

        reason = other_language_reason(source)
        if reason is not None:
            return FileResult(path, "skipped", reason=reason)
    return FileResult(path, "unchanged", skipped=True)


def _known_verdict(key: str, path: str, settings: Settings, mode: str, cache: Cache | None) -> CachedResult | None:
    """A verdict on this content that needs no parse: from the cache, or (check) from this process.

    A verdict that depends on other files of the project is kept under the importing path too, and used
    only while those files are unchanged."""
    for lookup in (key, with_path(key, path)):
        verdict = cache.get(lookup) if cache is not None else None
        # diff and apply need the fixed text, which the cache does not keep.
        if verdict is not None and not (verdict.changes and mode != CHECK) and dependencies_unchanged(verdict.deps):
            return verdict
        verdict = _seen.get(settings, lookup) if mode == CHECK else None
        if verdict is not None and dependencies_unchanged(verdict.deps):
            return verdict
    return None


def _migrate(
    path: str,
    source: bytes,
    digest: bytes,
    key: str,
    settings: Settings,
    mode: str,
    record_edits: bool = False,
    sdk_floor: Floor | None = None,
) -> FileResult:
    result, verdict = _engine_result(path, source, settings, mode, record_edits, sdk_floor)
    if result is not None and result.not_analysed is not None:
        # Not cached (a cached verdict has no room for it): deciding again costs a JSON read and at most
        # a parse of each cell, and only for such notebooks.
        return FileResult(path, "skipped", reason=result.not_analysed)
    key = with_path(key, path) if verdict.deps else key
    if mode == CHECK and sdk_floor is None:
        _seen.put(settings, key, verdict)
    if result is None or mode == CHECK or result.new_source is None:
        if result is not None and record_edits:  # the verdict has no edits; the result has them
            verdict = replace(verdict, diagnostics=tuple(result.diagnostics))
        return from_verdict(path, verdict, cache_entry=(key, verdict))
    diagnostics = result.diagnostics
    if mode == DIFF:
        # Nothing is written: findings say what apply would do.
        diff = _unified_diff(path, source, result.new_source, result.encoding)
        unapplied = [_unapplied(d) for d in diagnostics]
        return FileResult(path, "changed", unapplied, diff=diff, cache_entry=(key, verdict), sdk_needs=result.sdk_needs)
    try:
        write_file(Path(path), result.new_source, digest)
    except ChangedOnDisk:
        return FileResult(path, "error", [_unapplied(d) for d in diagnostics], error="file changed while it was being migrated; not written")
    except OSError as error:
        return FileResult(path, "error", [_unapplied(d) for d in diagnostics], error=f"cannot write: {error.strerror or error}")
    return FileResult(path, "changed", diagnostics, record=result.record, sdk_needs=result.sdk_needs)


def _unapplied(diagnostic: Diagnostic) -> Diagnostic:
    return replace(diagnostic, applied=False) if diagnostic.applied else diagnostic


def run(
    files: Sequence[str | os.PathLike[str]],
    settings: Settings,
    mode: str,
    on_result: Callable[[FileResult], None] | None = None,
    cache: Cache | None = None,
    record_edits: bool = False,
) -> list[FileResult]:
    """Process ``files`` (in parallel when worth it); results come back in the order of ``files``, the
    dependency files (CM601) last: they are checked against what the source files need.

    ``record_edits``: findings carry their fix's edits as ranges, and apply's results the edits written.
    """
    from codemod.parallel import results  # it imports this module

    found: list[FileResult] = []
    paths = [os.fspath(path) for path in files]
    set_run_files(run_files(paths))
    dependencies = [p for p in paths if is_dependency_file(p)] if settings.enabled(CM601) else []
    deferred = set(dependencies)
    sources = [p for p in paths if p not in deferred and (not is_dependency_file(p) or p.endswith(".py"))]
    try:
        for result in results(sources, settings, mode, cache, record_edits):
            if cache is not None and result.cache_entry is not None:
                cache.put(*result.cache_entry)
            if on_result is not None:
                on_result(result)
            found.append(result)
        if dependencies:
            from codemod.deps.process import dependency_results

            for result in dependency_results(dependencies, found, settings, mode):
                if on_result is not None:
                    on_result(result)
                found.append(result)
    finally:
        if cache is not None:
            cache.save()  # what was learnt before an interruption is kept
    return found


def run_files(paths: Sequence[str]) -> frozenset[str]:
    """The run's Python files as resolved paths: a constant is rewritten in another module only when that
    module is one of them (``project/uses.py``)."""
    return frozenset(os.path.abspath(p) for p in paths if p.endswith(".py"))  # no syscall per file
