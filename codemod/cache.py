"""Content-hash cache: a re-run on an unchanged tree parses nothing.

An entry is what the engine said about one content (its findings, whether the fixes would change
it, or the error it raised), keyed by the SHA-256 of the file's bytes and its kind (Python source or
notebook), so a renamed or copied file is still a hit. One cache file holds the entries for one
*fingerprint*: the tool's version, a digest of its own source and data files (an edited rule or
catalogue invalidates everything) and the settings that change results (target, enabled rules,
unsafe fixes, effort map, replacements, and the catalogue's last dated change on or before the run's day:
a verdict from another day is reused only while no model retired, was deprecated or lost its fast mode in
between). Reading or writing the cache never fails a run: a cache that cannot be
read is treated as empty, one that cannot be written is left as it was.

The cache also remembers the files the byte pre-filter ruled out, by their size, mtime, ctime and inode
(ruff and git trust a file's stat the same way): a warm run does not read them again. A file is
remembered only once its stat is two seconds older than the moment it was read, so that a file written
twice within the clock's granularity is never taken for unchanged (git's "racily clean" entries).

Layout, as ruff and pytest do it: ``.claude_migrate_cache/{CACHEDIR.TAG,.gitignore,<fingerprint>.json}``.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path
from time import time_ns

from codemod import __version__
from codemod.catalog import load_catalog
from codemod.config import Settings
from codemod.results import Diagnostic

CACHE_DIR_NAME = ".claude_migrate_cache"
# 2: entries carry the project files they depend on; 3: and the SDK features the code uses (CM601);
# 4: {"entries": ..., "unread": ...}, the stats of the files ruled out by the pre-filter beside the verdicts.
FORMAT = 4
# Entries kept per fingerprint; the least recently used go first.
MAX_ENTRIES = 200_000
# Fingerprint files kept in a cache directory (a new one is started when a model changes status or the
# settings change): the least recently written beyond this number are deleted when the cache is saved.
MAX_FINGERPRINTS = 8
# How much older than its read a file's stat must be to be trusted (see above).
RACY_NS = 2_000_000_000
_PACKAGE = Path(__file__).resolve().parent
_STORED = [f.name for f in fields(Diagnostic) if f.name != "edits"]  # edits are made on demand, never cached
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This directory is a cache of claude-migrate.\n"


@dataclass(frozen=True)
class CachedResult:
    """The engine's verdict on one content, in ``check`` form (``applied``: apply would apply it)."""

    diagnostics: tuple[Diagnostic, ...]
    changes: bool  # the fixes apply would make change the content
    error: str | None = None  # the engine could not process it (syntax error, ...)
    # (path, sha256) of every other file of the project the verdict depends on (an imported client or
    # factory): the verdict holds only while none of them changed, and only for the same importing path.
    deps: tuple[tuple[str, str], ...] = ()
    sdk_needs: tuple[str, ...] = ()  # the SDK features the code uses once fixed (CM601)

    def to_json(self) -> list[object]:
        return [
            self.changes,
            self.error,
            [[getattr(d, name) for name in _STORED] for d in self.diagnostics],
            [list(d) for d in self.deps],
            list(self.sdk_needs),
        ]

    @classmethod
    def from_json(cls, data: list[object]) -> CachedResult:
        changes, error, diagnostics, deps, needs = data
        return cls(
            tuple(Diagnostic(*d) for d in diagnostics),  # type: ignore[union-attr]
            bool(changes),
            error,  # type: ignore[arg-type]
            tuple((str(path), str(digest)) for path, digest in deps),  # type: ignore[union-attr, misc]
            tuple(str(need) for need in needs),  # type: ignore[union-attr]
        )


def _tool_digest() -> str:
    """Version plus the content of every source and data file of the package (~1 MB, a few ms to hash): the
    same release installed afresh, as a CI job does, gets the same digest, an edited rule another."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".toml"):
            digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def stamp_of(path: str) -> Stamp | None:
    """What says a file is unchanged without reading it; None when it cannot be stat'ed."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def fingerprint(settings: Settings) -> str:
    # A model retires on a date: the catalogue's last dated change before the run's day is part of the key,
    # so a verdict is reused on a later day only while no model changed status in between.
    relevant = [FORMAT, _tool_digest(), settings.target, settings.select, settings.ignore,
                settings.unsafe_fixes, repr(settings.effort_map), load_catalog(settings.as_of).epoch, settings.replacements]
    return hashlib.sha256(json.dumps(relevant).encode()).hexdigest()[:32]


def content_key(digest: bytes, kind: str) -> str:
    """The key of a content of ``kind`` (py, ipynb, script), from the SHA-256 ``digest`` of its bytes (the
    write check uses it too)."""
    return f"{kind}:{digest.hex()}"


class Cache:
    def __init__(self, directory: Path, settings: Settings) -> None:
        self.directory = directory
        self.path = directory / f"{fingerprint(settings)}.json"
        self._entries, self._unread = self._load()
        self._dirty = False
        # The stat memory is keyed by absolute path; the working directory is asked once, not per file.
        self._cwd = os.getcwd()

    def _load(self) -> tuple[dict[str, list[object]], dict[str, list[int]]]:
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return {}, {}
        if not isinstance(data, dict):
            return {}, {}
        entries, unread = data.get("entries"), data.get("unread")
        return (entries if isinstance(entries, dict) else {}), (unread if isinstance(unread, dict) else {})

    def screened_out_before(self, path: str, stamp: Stamp) -> bool:
        """Whether the pre-filter ruled out ``path`` in an earlier run, and its stat has not changed since."""
        return self._unread.get(self._absolute(path)) == list(stamp)

    def remember_screened_out(self, path: str, stamp: Stamp) -> None:
        """``path``, stat'ed as ``stamp`` before it was read, was ruled out by the pre-filter."""
        if time_ns() - max(stamp[1], stamp[2]) < RACY_NS:
            return  # written too recently for its stat to tell a later write apart
        key = self._absolute(path)
        if self._unread.get(key) != list(stamp):
            self._unread[key] = list(stamp)
            self._dirty = True

    def _absolute(self, path: str) -> str:
        return path if os.path.isabs(path) else os.path.join(self._cwd, path)

    def get(self, key: str) -> CachedResult | None:
        data = self._entries.pop(key, None)
        if data is None:
            return None
        self._entries[key] = data  # most recently used last
        try:
            return CachedResult.from_json(data)
        except (TypeError, ValueError):  # an entry written by hand or by a broken run: ignore it
            del self._entries[key]
            return None

    def put(self, key: str, result: CachedResult) -> None:
        self._entries.pop(key, None)
        self._entries[key] = result.to_json()
        self._dirty = True

    def save(self) -> None:
        """Write the cache atomically if it gained entries; errors leave the old cache in place."""
        if not self._dirty:
            return
        entries, unread = self._entries, self._unread
        if len(entries) > MAX_ENTRIES:
            entries = dict(list(entries.items())[-MAX_ENTRIES:])
        if len(unread) > MAX_ENTRIES:
            unread = dict(list(unread.items())[-MAX_ENTRIES:])
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# Created by claude-migrate.\n*\n")):
                marker = self.directory / name
                if not marker.exists():
                    marker.write_text(text, encoding="utf-8")
            descriptor, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            try:
                with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                    # dumps, not dump: only a one-shot encoding runs in C
                    handle.write(json.dumps({"entries": entries, "unread": unread}, separators=(",", ":")))
                os.replace(temporary, self.path)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            return
        self._dirty = False
        self._prune()

    def _prune(self) -> None:
        """Delete the oldest fingerprint files beyond ``MAX_FINGERPRINTS`` (yesterday's, other settings')."""
        try:
            others = [(p.stat().st_mtime, p) for p in self.directory.glob("*.json") if p != self.path]
            for _, stale in sorted(others, reverse=True)[MAX_FINGERPRINTS - 1:]:
                stale.unlink()
        except OSError:
            return


def default_cache_dir(settings: Settings) -> Path:
    """Beside the pyproject.toml that configures the run (the project root), else the working directory."""
    root = Path(settings.config_path).parent if settings.config_path else Path.cwd()
    return root / CACHE_DIR_NAME
