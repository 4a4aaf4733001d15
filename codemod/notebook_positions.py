"""Positions in notebooks: from the joined module to cells, and from cells to the ``.ipynb`` file's text.

Findings in a notebook carry a cell number and a line and column inside that cell (as ruff reports them).
Reports read by tools that only know files (SARIF, GitHub annotations, GitLab Code Quality) need a place
in the file itself: :func:`file_positions` maps a (cell, line, column) to the line and column of the
``.ipynb`` JSON text where that character is written (inside the cell's ``source`` string, escapes
counted as written), so an annotation lands on the JSON line that holds the code.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from codemod.edit_ranges import TextEdit, record

if TYPE_CHECKING:
    from codemod.notebook_join import JoinedCells
    from codemod.results import Diagnostic

Position = tuple[int, int]  # (line, column), 1-based


def locate_edits(joined: JoinedCells, edits: Iterable[TextEdit]) -> tuple[TextEdit, ...]:
    """Edits of the joined module, each moved into the cell it falls in (an added import may be in another
    cell than its finding)."""
    located = []
    for edit in edits:
        k = max(0, bisect_right(joined.starts, edit.start_line) - 1)
        offset = joined.starts[k] - 1
        located.append(
            replace(edit, start_line=edit.start_line - offset, end_line=edit.end_line - offset, cell=joined.cells[k].number)
        )
    return tuple(located)


def cell_record(changed: Iterable[tuple[int, str, str]], diagnostics: Iterable[Diagnostic]) -> list[TextEdit]:
    """The edits made to each changed cell ``(number, old text, new text)``, attributed to the fixes made."""
    fixes = [(d.code, d.edits) for d in diagnostics if d.applied]
    made: list[TextEdit] = []
    for number, old, new in changed:
        in_cell = [(code, [e for e in edits if e.cell == number]) for code, edits in fixes]
        made += [replace(edit, cell=number) for edit in record(old, new, [(c, e) for c, e in in_cell if e])]
    return made


def _string_map(text: str, start: int) -> tuple[list[int], int]:
    """For the JSON string literal opening at ``text[start]`` (a quote): the offset in ``text`` of each
    character it decodes to, and the offset just past its closing quote."""
    offsets: list[int] = []
    i = start + 1
    while text[i] != '"':
        offsets.append(i)
        if text[i] != "\\":
            i += 1
        elif text[i + 1] != "u":
            i += 2
        else:
            code = int(text[i + 2 : i + 6], 16)
            i += 6
            if 0xD800 <= code < 0xDC00 and text[i : i + 2] == "\\u":  # a surrogate pair is one character
                i += 6
    return offsets, i + 1


def file_positions(data: bytes) -> Callable[[int, int, int], Position]:
    """A function mapping (cell number, line in cell, column in cell) to (line, column) in the file."""
    from codemod.notebook_read import read_notebook
    from codemod.notebook_write import json_items, source_spans

    notebook = read_notebook(data)
    text = notebook.text
    line_starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
    spans = source_spans(text)
    per_cell: dict[int, tuple[list[int], list[int]]] = {}  # number -> (raw offset per char, cell line starts)

    def cell_map(number: int) -> tuple[list[int], list[int]]:
        found = per_cell.get(number)
        if found is None:
            start, end = spans[number - 1]
            raw = text[start:end]
            strings = [start] if raw.startswith('"') else [start + s for _, s, _ in json_items(raw, 0, keyed=False)]
            offsets: list[int] = []
            after = start + 1
            for string in strings:
                more, after = _string_map(text, string)
                offsets += more
            offsets.append(after - 1)  # one past the last character: the closing quote
            decoded = "".join(_decoded(text, string) for string in strings)
            starts = [0] + [i + 1 for i, char in enumerate(decoded) if char == "\n"]
            found = per_cell[number] = (offsets, starts)
        return found

    def position(cell: int, line: int, column: int) -> Position:
        bom = len(notebook.bom)
        try:
            offsets, starts = cell_map(cell)
            index = min(starts[min(line, len(starts)) - 1] + column - 1, len(offsets) - 1)
            raw = offsets[index]
        except (KeyError, IndexError, ValueError):
            return 1, 1
        file_line = bisect_right(line_starts, raw)
        return file_line, raw - line_starts[file_line - 1] + 1 + (bom if file_line == 1 else 0)

    return position


def _decoded(text: str, start: int) -> str:
    import json

    return json.JSONDecoder().raw_decode(text, start)[0]
