"""What reports need from the files after the run: their text, positions in the file, fingerprints.

Read on demand (only files with findings), once each. A notebook finding's position is given in its cell;
reports that address the file itself (SARIF, GitHub, GitLab) get the place in the ``.ipynb`` JSON text
where that code is written (``notebook_positions.file_positions``). A fingerprint identifies a finding by
its rule and the code it points at, not by its line, so it survives edits elsewhere in the file: the
baseline matches findings by it, and SARIF and GitLab carry it.
"""

from __future__ import annotations

import hashlib
import io
import re
import tokenize
from collections.abc import Callable

from codemod.edit_ranges import split_lines
from codemod.results import Diagnostic, EngineError

Region = tuple[int, int, int, int]  # start line, start column, end line, end column (1-based, end exclusive)
_SPACE = re.compile(r"\s+")


class Sources:
    """File contents, read at most once; ``given`` holds contents that are not on disk (stdin)."""

    def __init__(self, given: dict[str, bytes] | None = None) -> None:
        self._bytes: dict[str, bytes | None] = dict(given or {})
        self._lines: dict[tuple[str, int | None], list[str]] = {}
        self._positions: dict[str, Callable[[int, int, int], tuple[int, int]] | None] = {}

    def data(self, path: str) -> bytes | None:
        if path not in self._bytes:
            try:
                with open(path, "rb") as handle:
                    self._bytes[path] = handle.read()
            except OSError:
                self._bytes[path] = None
        return self._bytes[path]

    def lines(self, path: str, cell: int | None = None) -> list[str]:
        """The lines of a Python file, or of a notebook's cell (with their line endings)."""
        key = (path, cell)
        if key not in self._lines:
            data = self.data(path) or b""
            text = ""
            if cell is None:
                try:
                    encoding = tokenize.detect_encoding(io.BytesIO(data).readline)[0]
                except SyntaxError:
                    encoding = "utf-8"
                text = data.decode(encoding, errors="replace")
            else:
                try:
                    from codemod.notebook import read_notebook

                    found = [c for c in read_notebook(data).cells if c.number == cell]
                    text = found[0].text if found else ""
                except (EngineError, ValueError, KeyError, IndexError):  # a notebook that changed since: no text
                    text = ""
            self._lines[key] = split_lines(text)
        return self._lines[key]

    def region(self, path: str, diagnostic: Diagnostic) -> Region:
        """The finding's range in the file itself (for a notebook: in its JSON text)."""
        d = diagnostic
        if d.cell is None:
            return d.line, d.column, d.end_line, d.end_column
        return (*self._file_position(path, d.cell, d.line, d.column), *self._file_position(path, d.cell, d.end_line, d.end_column))

    def _file_position(self, path: str, cell: int, line: int, column: int) -> tuple[int, int]:
        if path not in self._positions:
            try:
                from codemod.notebook_positions import file_positions

                self._positions[path] = file_positions(self.data(path) or b"")
            except (EngineError, ValueError, KeyError, IndexError):  # not a notebook any more
                self._positions[path] = None
        position = self._positions[path]
        return (1, 1) if position is None else position(cell, line, column)

    def snippet(self, path: str, diagnostic: Diagnostic) -> str:
        """The lines the finding spans, whitespace removed (so re-indenting or re-wrapping keeps it)."""
        lines = self.lines(path, diagnostic.cell)
        return _SPACE.sub("", "".join(lines[diagnostic.line - 1 : diagnostic.end_line]))

    def fingerprint(self, path: str, diagnostic: Diagnostic) -> str:
        text = f"{diagnostic.code}\0{self.snippet(path, diagnostic)}"
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]
