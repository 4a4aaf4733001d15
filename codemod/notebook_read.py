"""Reading a notebook: decode the ``.ipynb`` JSON and pick out the code cells that hold Python.

Step 1 of ``notebook.py``. Also how a cell's text splits into lines as Jupyter stores them (on "\\n"
only), which masking, cutting the joined module back into cells and writing back all share.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from codemod.engine import EngineError

BOM = "\ufeff"
# Cell magics whose body IPython runs as Python code: the body is migrated, the magic line left alone.
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture"})


class NotebookError(EngineError):
    """A file that is not a notebook this tool can read (not UTF-8, invalid JSON, no cell list)."""


@dataclass(frozen=True)
class CodeCell:
    """A Python code cell: ``index`` is 0-based among all cells; ``number`` is what reports show."""

    index: int
    text: str  # the cell's source as one string
    source: str | list[str]  # as stored in the JSON

    @property
    def number(self) -> int:
        return self.index + 1


@dataclass(frozen=True)
class Notebook:
    """What writing back needs: the original JSON text, to splice into, and the Python cells."""

    text: str  # the JSON text, without a leading BOM
    bom: str  # "" or the BOM the file started with
    cells: list[CodeCell]  # the code cells that are Python


def read_notebook(data: bytes) -> Notebook:
    """Decode and validate a notebook; the code cells that hold Python, in order."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotebookError(f"not a notebook: not UTF-8 ({error.reason} at byte {error.start})") from error
    bom = BOM if text.startswith(BOM) else ""
    text = text[len(bom):]
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotebookError(
            f"not a notebook: invalid JSON ({error.msg}, line {error.lineno}, column {error.colno})"
        ) from error
    except RecursionError as error:
        raise NotebookError("not a notebook: JSON nested too deeply") from error
    if not isinstance(document, dict) or not isinstance(document.get("cells"), list):
        if isinstance(document, dict) and "worksheets" in document:
            raise NotebookError("nbformat 3 is not supported; upgrade with `jupyter nbconvert --to notebook`")
        raise NotebookError('not a notebook: no "cells" list (nbformat 4)')
    cells = [] if not _is_python(document) else _code_cells(document["cells"])
    return Notebook(text, bom, cells)


def _is_python(document: dict[str, object]) -> bool:
    """False for notebooks whose kernel runs another language (R, Julia...): nothing there is Python."""
    metadata = document.get("metadata")
    if not isinstance(metadata, dict):
        return True
    for key, field in (("language_info", "name"), ("kernelspec", "language")):
        section = metadata.get(key)
        if isinstance(section, dict) and isinstance(section.get(field), str):
            return section[field].lower() == "python"
    return True


def _code_cells(cells: list[object]) -> list[CodeCell]:
    """The code cells that hold Python; a cell that is not an object or has no text source is an error."""
    found: list[CodeCell] = []
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict):
            raise NotebookError(f"not a notebook: cell {index + 1} is not a JSON object")
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(line, str) for line in source):
            text = "".join(source)
        elif isinstance(source, str):
            text = source
        else:
            raise NotebookError(f"not a notebook: cell {index + 1} has a source that is not text")
        magic = _cell_magic(text)
        if magic is None or magic in PYTHON_CELL_MAGICS:
            found.append(CodeCell(index, text, source))
    return found


def _cell_magic(text: str) -> str | None:
    """The name of the cell magic that owns the cell (``bash`` for ``%%bash``), if any.

    IPython drops leading blank lines first, so the magic is on the first line that is not blank.
    """
    for line in text.splitlines():
        if line.strip():
            words = line.strip()[2:].split() if line.lstrip().startswith("%%") else []
            return words[0] if words else None
    return None


def split_lines(text: str) -> list[str]:
    """Lines with their endings, split on "\\n" only (a form feed is not a newline in Python)."""
    return re.findall(r"[^\n]*\n|[^\n]+", text)


def line_body(line: str) -> tuple[str, str]:
    """A line split into its text and its ending ("\\n", "\\r\\n" or "")."""
    body = line.rstrip("\r\n")
    return body, line[len(body):]
