"""A notebook's Python cells as one module and back: joined with markers, cut back, positions mapped.

Step 3 of ``notebook.py``: the cells run in one namespace, so they are migrated as one module; this
module numbers its lines by cell and cuts the migrated module back into cells.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from codemod.engine import Diagnostic, EngineError
from codemod.notebook_ipython import MaskedCell
from codemod.notebook_positions import locate_edits
from codemod.notebook_read import CodeCell, line_body, split_lines


@dataclass(frozen=True)
class JoinedCells:
    """The Python cells as one module: each masked cell followed by a marker statement line."""

    text: str
    cells: list[CodeCell]
    masks: list[MaskedCell]
    starts: list[int]  # the module line (1-based) where each cell begins
    markers: list[str]  # the marker line after each cell


def join_cells(cells: list[CodeCell], masks: list[MaskedCell], prefix: str) -> JoinedCells:
    """One module in document order (as ruff and nbQA read a notebook); cell k's line L is ``starts[k] + L - 1``."""
    parts: list[str] = []
    starts: list[int] = []
    markers: list[str] = []
    line = 1
    for cell, masked in zip(cells, masks):
        marker = f"{prefix}cell_end_{cell.index}"
        starts.append(line)
        markers.append(marker)
        parts += [masked.text, "\n", marker, "\n"]  # the added "\n" ends the cell's last line
        line += masked.text.count("\n") + 2
    return JoinedCells("".join(parts), cells, masks, starts, markers)


def split_cells(joined: JoinedCells, migrated: str) -> list[str]:
    """The migrated module cut back into cell texts (still masked); an error if a marker moved."""
    texts: list[str] = []
    current: list[str] = []
    for line in split_lines(migrated):
        if len(texts) < len(joined.markers) and line_body(line)[0] == joined.markers[len(texts)]:
            segment = "".join(current)
            if not segment.endswith("\n"):
                raise EngineError("a fix moved code across notebook cells; file left unchanged")
            texts.append(segment[:-1])
            current = []
        else:
            current.append(line)
    if len(texts) != len(joined.markers) or current:
        raise EngineError("a fix moved code across notebook cells; file left unchanged")
    return texts


def locate(joined: JoinedCells, diagnostic: Diagnostic) -> Diagnostic:
    """A finding of the joined module, numbered by cell, with lines inside the cell."""
    k = bisect_right(joined.starts, diagnostic.line) - 1
    offset = joined.starts[k] - 1
    return replace(
        diagnostic,
        cell=joined.cells[k].number,
        line=diagnostic.line - offset,
        end_line=diagnostic.end_line - offset,
        edits=locate_edits(joined, diagnostic.edits),
    )

