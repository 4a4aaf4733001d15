"""Reading a notebook: decode the ``.ipynb`` JSON, pick out the code cells that may hold Python and
read the notebook's language from its metadata (``notebook_language``).

Step 1 of ``notebook.py``. Also how a cell's text splits into lines as Jupyter stores them (on "\\n"
only), which masking, cutting the joined module back into cells and writing back all share. Imports no
libcst: the runner reads the language of a notebook that its byte pre-filter ruled out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from codemod.notebook_language import OTHER, Language, notebook_language
from codemod.prefilter import ALL_RULES, SDK_TOKENS
from codemod.results import EngineError

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
    """What writing back needs (the original JSON text, to splice into, and the Python cells) and what
    deciding whether to analyse it needs (its language, all its code)."""

    text: str  # the JSON text, without a leading BOM
    bom: str  # "" or the BOM the file started with
    cells: list[CodeCell]  # the code cells that may be Python: all but those a non-Python cell magic owns
    language: Language  # what the metadata says
    code: list[CodeCell]  # every code cell, cell magics included (a notebook left out is judged on them)

    @property
    def code_bytes(self) -> int:
        """The size of the code a parse would read: the limit for one file applies to it, not to outputs."""
        return sum(len(cell.text.encode("utf-8", "surrogatepass")) for cell in self.cells)


def read_notebook(data: bytes) -> Notebook:
    """Decode and validate a notebook; its language and code cells, in order."""
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
    code = _code_cells(document["cells"])
    cells = [cell for cell in code if _cell_magic(cell.text) in (None, *PYTHON_CELL_MAGICS)]
    return Notebook(text, bom, cells, notebook_language(document.get("metadata")), code)


def not_analysed(notebook: Notebook, why: str) -> str | None:
    """The reason to list a notebook that is left unread, if its code mentions what the pre-filter looks
    for (the SDK, a model ID, a thinking budget); None if it does not (nothing there for a rule anyway)."""
    code = "".join(cell.text for cell in notebook.code).encode("utf-8", "surrogatepass")
    token = next((token for token in (*SDK_TOKENS, *ALL_RULES.alone) if token in code), None)
    return None if token is None else f"not analysed: {why}; its code mentions {token.decode()!r}"


def other_language(notebook: Notebook) -> str | None:
    """The reason to list a notebook whose metadata says it is in another language; None otherwise."""
    language = notebook.language
    if language.verdict != OTHER:
        return None
    return not_analysed(notebook, f"the notebook's language is {language.name}, not Python")


def other_language_reason(data: bytes) -> str | None:
    """For the runner, on a notebook the byte pre-filter ruled out although it names the SDK: the pre-filter
    looks for Python (``import anthropic``, ``.messages``), which an R notebook calling Claude never holds,
    so such a notebook is listed rather than dropped. An unreadable one stays filtered out, as before."""
    try:
        return other_language(read_notebook(data))
    except (NotebookError, RecursionError):
        return None


def _code_cells(cells: list[object]) -> list[CodeCell]:
    """Every code cell; a cell that is not an object or has no text source is an error."""
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
