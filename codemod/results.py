"""Plain results of the engine and the byte pre-filter: importable without libcst.

Kept apart from ``engine.py`` so that a run whose files all fail the pre-filter (a pre-commit run on
files that never mention Claude, ``--version``) never imports libcst.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Bytes some rule must see before a file is worth parsing: every recognised call either uses a client
# imported from ``anthropic`` (or a framework's Anthropic class) or sends a Claude model ID.
PREFILTER_TOKENS = (b"anthropic", b"claude")


def might_need_migration(source: bytes) -> bool:
    return any(token in source for token in PREFILTER_TOKENS)


@dataclass(frozen=True)
class Diagnostic:
    code: str
    name: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    fix: str | None  # "safe" | "unsafe" | None
    applied: bool  # the fix is part of the returned source
    cell: int | None = None  # notebooks: 1-based cell number (line and columns are inside the cell)

    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.code)


@dataclass
class SourceResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    new_source: bytes | None = None  # None: unchanged
    error: str | None = None
    encoding: str = "utf-8"


class EngineError(Exception):
    """A file could not be migrated (bad syntax, a rule crashed, a fix did not verify)."""
