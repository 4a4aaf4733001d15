"""A baseline (ratchet): the findings a tree has today, so that CI fails only on new ones.

``check --write-baseline FILE`` writes every current finding; ``check --baseline FILE`` reports (and fails
on) only the findings that are not in it. A finding is matched by its rule, its file (relative to the
baseline file's directory, so the run may start anywhere) and a fingerprint of the code it points at: the
lines it spans with all whitespace removed (``report/files.py``). Lines inserted or removed elsewhere do
not make a finding new; editing the code it points at does. Identical findings in one file (the same line
of code twice) are counted: a third copy of a baselined pair is new. Entries that match nothing in the
files of this run (the finding was fixed), or whose file is gone, are reported as stale.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path

from codemod.report.files import Sources
from codemod.runner import FileResult

VERSION = 1


class BaselineError(Exception):
    """The baseline file cannot be read (a usage error)."""


@dataclass(frozen=True)
class Entry:
    path: str
    code: str
    fingerprint: str
    line: int
    cell: int | None
    message: str

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "code": self.code, "fingerprint": self.fingerprint, "line": self.line,
                "cell": self.cell, "message": self.message}


def _key_path(path: str, base: Path) -> str:
    return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()


def entries_of(result: FileResult, sources: Sources, base: Path) -> list[Entry]:
    path = _key_path(result.path, base)
    return [
        Entry(path, d.code, sources.fingerprint(result.path, d), d.line, d.cell, d.message)
        for d in result.remaining
    ]


def write(file: Path, results: list[FileResult], sources: Sources) -> int:
    """Write every finding left in ``results``; returns how many."""
    base = file.resolve().parent
    entries = sorted(
        (entry for result in results for entry in entries_of(result, sources, base)),
        key=lambda e: (e.path, e.cell or 0, e.line, e.code),
    )
    document = {"version": VERSION, "tool": "claude-migrate", "findings": [e.to_json() for e in entries]}
    file.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return len(entries)


class Baseline:
    def __init__(self, file: Path, entries: list[Entry]) -> None:
        self.file = file
        self.base = file.resolve().parent
        self._pending: dict[str, dict[tuple[str, str], list[Entry]]] = {}
        for entry in entries:
            self._pending.setdefault(entry.path, {}).setdefault((entry.code, entry.fingerprint), []).append(entry)
        self._seen: set[str] = set()
        self.matched = 0

    @classmethod
    def load(cls, file: Path) -> Baseline:
        try:
            document = json.loads(file.read_text(encoding="utf-8"))
            if document.get("version") != VERSION:
                raise ValueError(f"version {document.get('version')!r}, expected {VERSION}")
            entries = [
                Entry(str(e["path"]), str(e["code"]), str(e["fingerprint"]), int(e.get("line", 0)), e.get("cell"),
                      str(e.get("message", "")))
                for e in document["findings"]
            ]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise BaselineError(f"{file}: not a claude-migrate baseline: {error}") from error
        return cls(file, entries)

    def filter(self, result: FileResult, sources: Sources) -> FileResult:
        """The result without the findings the baseline holds (each entry absorbs one finding)."""
        path = _key_path(result.path, self.base)
        self._seen.add(path)
        pending = self._pending.get(path)
        if not pending or not result.diagnostics:
            return result
        remaining = [d for d in result.diagnostics if not d.applied]
        keys = [(d.code, sources.fingerprint(result.path, d)) for d in remaining]
        known: set[int] = set()
        # Same code, same line first (nothing moved), then any entry with the same fingerprint.
        for exact in (True, False):
            for index, key in enumerate(keys):
                candidates = pending.get(key)
                if index in known or not candidates:
                    continue
                pick = next((c for c in candidates if c.line == remaining[index].line and c.cell == remaining[index].cell), None)
                if pick is None and exact:
                    continue
                candidates.remove(pick or candidates[0])
                known.add(index)
        self.matched += len(known)
        dropped = {id(remaining[index]) for index in known}
        return replace(result, diagnostics=[d for d in result.diagnostics if id(d) not in dropped])

    def stale(self) -> list[Entry]:
        """Entries that matched nothing in the files of this run, and entries whose file is gone."""
        left = []
        for path, groups in self._pending.items():
            if path in self._seen or not (self.base / path).exists():
                left += [entry for entries in groups.values() for entry in entries]
        return sorted(left, key=lambda e: (e.path, e.cell or 0, e.line, e.code))
