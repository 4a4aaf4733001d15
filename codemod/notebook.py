"""Jupyter notebooks (``.ipynb``): migrate the code cells and write back only what changed.

Cells are numbered as ruff numbers them: the 1-based position among *all* cells of the notebook
(markdown and raw cells count), so "cell 3" is the third cell from the top in Jupyter. Findings
carry that number and their line and column inside the cell.

Four steps, each exact:

1. Reading. The file must be UTF-8 JSON with a ``cells`` list (nbformat 4), else ``NotebookError``
   and the file is left alone. Only code cells are Python; a cell that starts with a cell magic
   (``%%bash``, ``%%writefile``...) is not Python and is skipped whole, except the magics that run
   their body as Python in the kernel (``%%time``, ``%%timeit``, ``%%capture``: the magic line is
   masked like any other); every cell of a notebook whose kernel language is not Python is skipped.
2. Masking. IPython syntax that libcst cannot parse (``%magic``, ``!shell``, ``?obj`` / ``obj??``,
   ``var = !cmd`` / ``var = %magic``, autocall escapes, ``pip install x`` automagic) is found only
   where a statement starts (a small scanner tracks strings, brackets and backslash continuations,
   so ``!= b`` or ``% args`` continuing a bracketed expression stay Python). Each such physical line
   is replaced by a placeholder name statement at the same indentation (keeping ``var =`` for the
   assignment forms), so the cell keeps its line numbers. After migration every placeholder line is
   swapped back for its original line, byte for byte; a placeholder that vanished, was duplicated or
   was edited is an error and the file is left untouched.
3. Analysis. The cells of a notebook run in one namespace, so the masked cells are migrated as one
   module, in document order (as ruff and nbQA read notebooks), each followed by a marker statement
   line: a client or a ``MODEL`` constant set in a setup cell proves and resolves the calls of later
   cells, and a constant that another cell uses in logic is not rewritten (cell-by-cell analysis
   would get both wrong). Positions are mapped back to (cell, line in cell); the migrated module is
   cut back into cells at the markers, and a marker that moved is an error. A cell that does not
   parse on its own is an error naming the cell if it contains ``anthropic`` or ``claude``, and is
   otherwise left out (as a .py file without those tokens is never parsed).
4. Writing. The notebook is not re-serialised: only the JSON ``source`` values of the cells that
   changed are replaced in the original text. The new value copies the old one's layout (the
   whitespace after ``[``, between elements and before ``]``, hence the file's indentation and line
   endings), keeps the exact JSON spelling of every line that did not change, escapes new lines as the
   file does (``ensure_ascii`` detected: non-ASCII written raw or as ``\\uXXXX``) and keeps the cell's
   representation (a list of lines ending in "\\n" except the last, or one string). So key order,
   indentation, escaping, outputs, metadata, execution counts and the trailing newline are the
   original bytes by construction, not by a guess at the writer's settings; the result is checked to
   be valid JSON whose changed sources decode to the migrated text.
"""

from __future__ import annotations

import ast
import warnings
from bisect import bisect_right
from dataclasses import dataclass, replace

import libcst as cst

from codemod.catalog import Catalog, load_catalog
from codemod.config import Settings
from codemod.engine import Diagnostic, EngineError, SourceResult, migrate_source
from codemod.notebook_json import (
    CodeCell,
    Notebook,
    NotebookError,
    read_notebook,
    write_sources,
)
from codemod.notebook_mask import (
    MaskedCell,
    line_body,
    mask_ipython,
    split_lines,
    unique_prefix,
    unmask,
)
from codemod.prefilter import might_need_migration

__all__ = [
    "CodeCell", "MaskedCell", "Notebook", "NotebookError", "mask_ipython", "migrate_notebook", "read_notebook",
    "unique_prefix", "unmask", "write_sources",
]


# ---------------------------------------------------------------------------------------------
# Migrating


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
    )


def _syntax_error(text: str) -> str | None:
    """Why a (masked) cell is not Python on its own, or None.

    Python's own parser first (fast, and its messages are clear); libcst decides when Python says no,
    since it may know syntax newer than the running interpreter.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ast.parse(text)  # accepts top-level await, as notebooks do
            return None
        except (SyntaxError, ValueError) as error:
            python_error = error
    try:
        cst.parse_module(text)
        return None
    except cst.ParserSyntaxError as error:
        if isinstance(python_error, SyntaxError):
            return f"{python_error.msg} (line {python_error.lineno}, column {python_error.offset or 1})"
        return f"{error.message} (line {error.editor_line}, column {error.editor_column})"


def _python_cells(notebook: Notebook, prefix: str) -> tuple[list[CodeCell], list[MaskedCell]]:
    """The cells that parse once masked. A cell that does not is an error naming it if a rule could act
    on it (it contains ``anthropic`` or ``claude``); otherwise it is left out, as such a .py file is."""
    cells: list[CodeCell] = []
    masks: list[MaskedCell] = []
    for cell in notebook.cells:
        masked = mask_ipython(cell.text, f"{prefix}ipython_{cell.index}_")
        error = _syntax_error(masked.text)
        if error is None:
            cells.append(cell)
            masks.append(masked)
        elif might_need_migration(cell.text.encode("utf-8", "surrogatepass")):
            raise EngineError(f"cell {cell.number}: cannot parse: {error}")
    return cells, masks


def migrate_notebook(data: bytes, settings: Settings, catalog: Catalog | None = None, *, fix: bool = True) -> SourceResult:
    """Findings for a notebook (each with its cell number) and, if fixes apply, the new notebook bytes.

    The cells run in one namespace, so they are analysed as one module: a client or a model constant
    defined in a setup cell proves and resolves the calls of later cells, and a constant that another
    cell uses in logic is not rewritten. An unchanged notebook gives ``new_source=None``; the runner's
    byte pre-filter keeps notebooks that never mention the SDK from getting here.
    """
    notebook = read_notebook(data)
    prefix = unique_prefix(cell.text for cell in notebook.cells)
    cells, masks = _python_cells(notebook, prefix)
    if not cells:
        return SourceResult()
    joined = join_cells(cells, masks, prefix)
    result = migrate_source(joined.text.encode("utf-8", "surrogatepass"), settings, catalog or load_catalog(settings.as_of), fix=fix)
    diagnostics = [locate(joined, diagnostic) for diagnostic in result.diagnostics]
    if result.new_source is None:
        return SourceResult(diagnostics=diagnostics, would_change=result.would_change, sdk_needs=result.sdk_needs)
    sources: dict[int, str] = {}
    for cell, masked, text in zip(cells, masks, split_cells(joined, result.new_source.decode("utf-8"))):
        try:
            new_text = unmask(masked, text)
        except EngineError as error:
            raise EngineError(f"cell {cell.number}: {error}") from error
        if new_text != cell.text:
            sources[cell.index] = new_text
    new_source = write_sources(notebook, sources) if sources else None
    return SourceResult(diagnostics=diagnostics, new_source=new_source, encoding="utf-8", sdk_needs=result.sdk_needs)
