"""Jupyter notebooks (``.ipynb``): migrate the code cells and write back only what changed.

Cells are numbered as ruff numbers them: the 1-based position among *all* cells of the notebook
(markdown and raw cells count), so "cell 3" is the third cell from the top in Jupyter. Findings
carry that number and their line and column inside the cell.

Four steps, each exact:

1. Reading. The file must be UTF-8 JSON with a ``cells`` list (nbformat 4), else ``NotebookError``
   and the file is left alone. Only code cells are Python; a cell that starts with a cell magic
   (``%%bash``, ``%%writefile``...) is not Python and is skipped whole, except the magics that run
   their body as Python in the kernel (``%%time``, ``%%timeit``, ``%%capture``: the magic line is
   masked like any other). The notebook's language decides whether it is read at all
   (``notebook_language``): Python, or a Python-based kernel, is; a notebook clearly in another
   language (R, Julia...) is not; when the metadata is silent or names an unknown kernel, a code cell
   that parses as Python (once masked) makes it Python. A notebook left out whose code mentions the
   SDK (the pre-filter's tokens) is listed as not analysed, never dropped silently. The size limit
   for one file applies to the code cells' source: outputs (images, long logs) are never parsed.
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

Each step has its module: ``notebook_read`` (1), ``notebook_ipython`` (2), ``notebook_join`` (3: the
cells joined into one module, positions mapped back) and ``notebook_write`` (4); this one runs them.
"""

from __future__ import annotations

import ast
import warnings

import libcst as cst

from codemod.catalog import Catalog, load_catalog
from codemod.config import Settings
from codemod.engine import EngineError, SourceResult, migrate_source
from codemod.notebook_ipython import MaskedCell, mask_ipython, unique_prefix, unmask
from codemod.notebook_join import join_cells, locate, split_cells
from codemod.notebook_language import OTHER, UNKNOWN
from codemod.notebook_positions import cell_record
from codemod.notebook_read import (
    CodeCell,
    Notebook,
    not_analysed,
    other_language,
    read_notebook,
)
from codemod.notebook_write import write_sources
from codemod.prefilter import might_need_migration
from codemod.project.resolver import FileResolver
from codemod.runner import MAX_FILE_BYTES


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


def _has_code(text: str) -> bool:
    """Whether a cell holds more than blank lines and comments (which parse in most languages)."""
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())


# A cell that may be Python, masked, with why it does not parse (None if it does).
Checked = tuple[CodeCell, MaskedCell, str | None]


def _masked_cells(notebook: Notebook, prefix: str) -> list[Checked]:
    """Each cell that may be Python, masked and parsed once (to decide the language and to keep it)."""
    found: list[Checked] = []
    for cell in notebook.cells:
        masked = mask_ipython(cell.text, f"{prefix}ipython_{cell.index}_")
        found.append((cell, masked, _syntax_error(masked.text)))
    return found


def _parses_as_python(masked_cells: list[Checked]) -> bool:
    """For a notebook whose metadata does not settle its language: a cell with code that parses makes it
    Python; so does having no cell that fails (nothing there to lose either way)."""
    with_code = [(masked, error) for _, masked, error in masked_cells if _has_code(masked.text)]
    return not with_code or any(error is None for _, error in with_code)


def _python_cells(masked_cells: list[Checked]) -> tuple[list[CodeCell], list[MaskedCell]]:
    """The cells that parse once masked. A cell that does not is an error naming it if a rule could act
    on it (it contains ``anthropic`` or ``claude``); otherwise it is left out, as such a .py file is."""
    cells: list[CodeCell] = []
    masks: list[MaskedCell] = []
    for cell, masked, error in masked_cells:
        if error is None:
            cells.append(cell)
            masks.append(masked)
        elif might_need_migration(cell.text.encode("utf-8", "surrogatepass")):
            raise EngineError(f"cell {cell.number}: cannot parse: {error}")
    return cells, masks


def migrate_notebook(
    data: bytes,
    settings: Settings,
    catalog: Catalog | None = None,
    *,
    fix: bool = True,
    project: FileResolver | None = None,
    record_edits: bool = False,
) -> SourceResult:
    """Findings for a notebook (each with its cell number) and, if fixes apply, the new notebook bytes.

    The cells run in one namespace, so they are analysed as one module: a client or a model constant
    defined in a setup cell proves and resolves the calls of later cells, and a constant that another
    cell uses in logic is not rewritten. An unchanged notebook gives ``new_source=None``; the runner's
    byte pre-filter keeps notebooks that never mention the SDK from getting here. A notebook that is not
    Python, and whose code mentions the SDK, gives ``not_analysed`` (the reason) and nothing else.
    """
    notebook = read_notebook(data)
    language = notebook.language
    if language.verdict == OTHER:
        return SourceResult(not_analysed=other_language(notebook))
    if notebook.code_bytes > MAX_FILE_BYTES:
        # As for a .py file (runner.py); the outputs are not counted, as they are never parsed.
        raise EngineError(
            f"not analysed: its code cells hold {notebook.code_bytes // 1024} KiB, over the "
            f"{MAX_FILE_BYTES // 1024} KiB limit for one file"
        )
    prefix = unique_prefix(cell.text for cell in notebook.cells)
    masked_cells = _masked_cells(notebook, prefix)
    if language.verdict == UNKNOWN and not _parses_as_python(masked_cells):
        declared = f"its language ({language.name}) is not known to be Python" if language.name else "it names no language"
        why = f"{declared} and no code cell parses as Python"
        return SourceResult(not_analysed=not_analysed(notebook, why))
    cells, masks = _python_cells(masked_cells)
    if not cells:
        return SourceResult()
    joined = join_cells(cells, masks, prefix)
    result = migrate_source(
        joined.text.encode("utf-8", "surrogatepass"),
        settings,
        catalog or load_catalog(settings.as_of),
        fix=fix,
        project=project,
        record_edits=record_edits,
    )
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
    record = None
    if record_edits:
        changed = [(cell.number, cell.text, sources[cell.index]) for cell in cells if cell.index in sources]
        record = cell_record(changed, diagnostics)
    return SourceResult(diagnostics=diagnostics, new_source=new_source, encoding="utf-8", record=record, sdk_needs=result.sdk_needs)
