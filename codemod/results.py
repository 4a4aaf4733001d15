"""Plain results of the engine: importable without libcst.

Kept apart from ``engine.py`` so that a run whose files all fail the pre-filter (a pre-commit run on
files that never mention Claude, ``--version``) never imports libcst.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from codemod.edit_ranges import TextEdit


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
    # The fix's edits alone, on the source as read; only when the run asked for them (``record_edits``).
    edits: tuple[TextEdit, ...] = field(default=(), compare=False)

    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.code)


@dataclass
class SourceResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    new_source: bytes | None = None  # None: unchanged
    error: str | None = None
    encoding: str = "utf-8"
    would_change: bool = False  # ``fix=False``: applying the chosen fixes would change the source
    # Why the file was left out although it may concern the SDK (a notebook in another language): the
    # run lists it, so that no file that mentions Claude goes unread silently.
    not_analysed: str | None = None
    record: list[TextEdit] | None = None  # ``record_edits``: the edits made, each with the codes that made it
    # The SDK features the code uses once the fixes are made (``catalog/sdk_features.toml`` ids; CM601).
    sdk_needs: tuple[str, ...] = ()

    @property
    def changes(self) -> bool:
        return self.new_source is not None or self.would_change


class EngineError(Exception):
    """A file could not be migrated (bad syntax, a rule crashed, a fix did not verify)."""


class UnsupportedLibcst(RuntimeError):
    """The installed libcst lacks or changed a private name the analysis relies on (``libcst_compat.py``).

    Not an :class:`EngineError`: no file can be analysed, so the run stops with this message. Defined
    here, not in ``libcst_compat.py``, so that the command line can catch it without importing libcst.
    """
