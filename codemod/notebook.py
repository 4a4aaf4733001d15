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
import json
import re
import warnings
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import libcst as cst

from codemod.catalog import Catalog, load_catalog
from codemod.config import Settings
from codemod.engine import Diagnostic, EngineError, SourceResult, migrate_source
from codemod.notebook_positions import cell_record, locate_edits
from codemod.prefilter import might_need_migration

BOM = "\ufeff"
NAME_PREFIX = "_claude_migrate_"
# Cell magics whose body IPython runs as Python code: the body is migrated, the magic line left alone.
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture"})


class NotebookError(EngineError):
    """A file that is not a notebook this tool can read (not UTF-8, invalid JSON, no cell list)."""


# ---------------------------------------------------------------------------------------------
# Reading


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


# ---------------------------------------------------------------------------------------------
# Masking IPython syntax

# At a statement start these characters never begin Python: IPython's escapes (magic, shell, help,
# autocall ``/f x``, ``,f x``, ``;f x``).
_ESCAPES = "%!?/,;"
# `files = !ls`, `a, b = !cmd`, `d["k"] = %env X`: plain targets only, so `print("n = %d" % n)` stays Python.
_TARGET = r"""[\w.]+(?:\[(?:\w+|'[^'\\]*'|"[^"\\]*")\])*"""
_ASSIGNED = re.compile(rf"(\s*\(?{_TARGET}(?:\s*,\s*{_TARGET})*\s*,?\s*\)?\s*=\s*)[!%]")
_HELP_SUFFIX = re.compile(r"\s*[\w.*\[\]]+\?{1,2}\s*")  # `obj?`, `obj.method??`
# Automagic without `%`: `pip install x` is not Python (a name followed by a word that is no keyword).
_AUTOMAGIC = re.compile(r"\s*(?:pip|conda|mamba)\s+(?!(?:and|or|in|is|not|if|else|for)\b)[A-Za-z]")


@dataclass(frozen=True)
class MaskedCell:
    """A cell's text with IPython lines replaced by placeholders, and how to put them back."""

    text: str
    name: str  # the placeholder prefix, absent from the original text
    originals: dict[str, str]  # placeholder line -> original line (both without the line ending)


@dataclass
class _Scanner:
    """Just enough of Python's tokenizer to know whether the next line starts a statement."""

    quote: str | None = None  # the delimiter of the string still open
    depth: int = 0  # open brackets
    continued: bool = False  # the last line ended with a backslash outside a string

    @property
    def at_statement_start(self) -> bool:
        return self.quote is None and self.depth == 0 and not self.continued

    def feed(self, line: str) -> None:
        """Advance over one line (given without its ending)."""
        self.continued = False
        i, n = 0, len(line)
        while i < n:
            char = line[i]
            if self.quote is not None:
                if char == "\\":
                    if i == n - 1:
                        return  # an escaped newline: the string goes on, whatever its quotes
                    i += 2  # an escaped character (raw strings too, as far as tokenizing goes)
                elif line.startswith(self.quote, i):
                    i, self.quote = i + len(self.quote), None
                else:
                    i += 1
                continue
            if char == "#":
                break
            if char in "\"'":
                self.quote = line[i:i + 3] if line[i:i + 3] in ('"""', "'''") else char
                i += len(self.quote)
                continue
            if char in "([{":
                self.depth += 1
            elif char in ")]}":
                self.depth = max(0, self.depth - 1)
            elif char == "\\" and i == n - 1:
                self.continued = True
            i += 1
        if self.quote in ('"', "'"):
            self.quote = None  # an unterminated one-line string: libcst will report the syntax error


def _split_lines(text: str) -> list[str]:
    """Lines with their endings, split on "\\n" only (a form feed is not a newline in Python)."""
    return re.findall(r"[^\n]*\n|[^\n]+", text)


def _body(line: str) -> tuple[str, str]:
    body = line.rstrip("\r\n")
    return body, line[len(body):]


def _kept_prefix(body: str) -> str | None:
    """For an IPython line at a statement start, the text kept before the placeholder; else None."""
    stripped = body.lstrip()
    indent = body[: len(body) - len(stripped)]
    if stripped[:1] and stripped[0] in _ESCAPES or _HELP_SUFFIX.fullmatch(body) or _AUTOMAGIC.match(body):
        return indent
    assigned = _ASSIGNED.match(body)
    return assigned.group(1) if assigned else None


def unique_prefix(texts: Iterable[str]) -> str:
    """A name prefix for placeholders and markers that none of ``texts`` contains."""
    texts = list(texts)
    prefix = NAME_PREFIX
    while any(prefix in text for text in texts):
        prefix += "x"
    return prefix


def mask_ipython(text: str, name: str) -> MaskedCell:
    """Replace each IPython line (and its backslash continuations) by a placeholder statement ``<name><n>``.

    ``name`` must not occur in ``text`` (see ``unique_prefix``). Line numbers do not move, so findings
    point into the cell as the user sees it.
    """
    scanner = _Scanner()
    out: list[str] = []
    originals: dict[str, str] = {}
    continuation: str | None = None  # the indentation to use while a masked line's backslash continues it
    for line in _split_lines(text):
        body, ending = _body(line)
        prefix = continuation
        if prefix is None and scanner.at_statement_start:
            prefix = _kept_prefix(body)
        if prefix is None:
            scanner.feed(body)
            out.append(line)
            continue
        placeholder = f"{prefix}{name}{len(originals)}"
        originals[placeholder] = body
        out.append(placeholder + ending)
        if continuation is None:
            continuation = body[: len(body) - len(body.lstrip())]
        if not body.endswith("\\"):
            continuation = None
    return MaskedCell("".join(out), name, originals)


def unmask(masked: MaskedCell, migrated: str) -> str:
    """The migrated text with every placeholder line back as it was; an error if one moved or changed."""
    remaining = dict(masked.originals)
    out: list[str] = []
    for line in _split_lines(migrated):
        body, ending = _body(line)
        if masked.name not in body:
            out.append(line)
            continue
        original = remaining.pop(body, None)
        if original is None:
            raise EngineError("a fix changed an IPython line; file left unchanged")
        out.append(original + ending)
    if remaining:
        raise EngineError("a fix removed an IPython line; file left unchanged")
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Writing: splice new sources into the original JSON text

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
# A \uXXXX escape (not itself escaped) of a non-ASCII character.
_ESCAPED_NON_ASCII = re.compile(r"(?<!\\)(?:\\\\)*\\u(?!00[0-7])[0-9a-fA-F]{4}")


def _skip(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    assert match is not None  # the pattern matches the empty string
    return match.end()


def _items(text: str, position: int, keyed: bool) -> Iterator[tuple[str | None, int, int]]:
    """(key, start, end) of each member of the JSON object opening at ``text[position]``, or
    (None, start, end) of each element of the array there. ``text`` is known to be valid JSON."""
    closing = "}" if keyed else "]"
    position = _skip(text, position + 1)
    if text[position] == closing:
        return
    while True:
        key = None
        if keyed:
            key, position = _DECODER.raw_decode(text, position)
            position = _skip(text, _skip(text, position) + 1)  # past the colon
        end = _DECODER.raw_decode(text, position)[1]
        yield key, position, end
        position = _skip(text, end)
        if text[position] == closing:
            return
        position = _skip(text, position + 1)  # past the comma


def _source_spans(text: str) -> dict[int, tuple[int, int]]:
    """Where each cell's ``source`` value lies in the JSON text (the last duplicate wins, as in json.loads)."""
    top = {key: (start, end) for key, start, end in _items(text, _skip(text, 0), keyed=True)}
    spans: dict[int, tuple[int, int]] = {}
    for index, (_, cell_start, _) in enumerate(_items(text, top["cells"][0], keyed=False)):
        members = {key: (start, end) for key, start, end in _items(text, cell_start, keyed=True)}
        if "source" in members:
            spans[index] = members["source"]
    return spans


def _escapes_non_ascii(text: str) -> bool:
    """The writer's ``ensure_ascii``: non-ASCII written as \\uXXXX escapes (Jupyter writes it raw)."""
    return text.isascii() and _ESCAPED_NON_ASCII.search(text) is not None


def _split_like(text: str, old: list[str]) -> list[str]:
    """Split as the writer did: on "\\n" (Jupyter, VS Code) unless only str.splitlines gives the old list."""
    joined = "".join(old)
    if _split_lines(joined) != old and joined.splitlines(keepends=True) == old:
        return text.splitlines(keepends=True)
    return _split_lines(text)


def _array_layout(raw: str, elements: list[tuple[int, int]]) -> tuple[str, str, str]:
    """The whitespace after ``[``, between elements (with the comma) and before ``]`` in ``raw``."""
    opener = raw[1:elements[0][0]]
    closer = raw[elements[-1][1]:-1]
    if len(elements) > 1:
        separator = raw[elements[0][1]:elements[1][0]]
    else:
        separator = "," + opener if "\n" in opener else ", "
    return opener, separator, closer


def _render_source(raw: str, old: str | list[str], new_text: str, ensure_ascii: bool) -> str:
    """The JSON for a cell's new source in the old value's representation, layout and spelling."""
    if isinstance(old, str):
        return json.dumps(new_text, ensure_ascii=ensure_ascii)
    lines = _split_like(new_text, old)
    elements = [(start, end) for _, start, end in _items(raw, 0, keyed=False)]
    if not lines or not elements:
        return json.dumps(lines, ensure_ascii=ensure_ascii)
    spelling = {line: raw[start:end] for line, (start, end) in zip(old, elements)}
    items = [spelling[line] if line in spelling else json.dumps(line, ensure_ascii=ensure_ascii) for line in lines]
    opener, separator, closer = _array_layout(raw, elements)
    return "[" + opener + separator.join(items) + closer + "]"


def write_sources(notebook: Notebook, sources: dict[int, str]) -> bytes:
    """The notebook's bytes with the sources of the given cells (index -> new text) replaced."""
    text = notebook.text
    spans = _source_spans(text)
    ensure_ascii = _escapes_non_ascii(text)
    cells = {cell.index: cell for cell in notebook.cells}
    pieces: list[str] = []
    position = 0
    for index in sorted(sources):
        start, end = spans[index]
        rendered = _render_source(text[start:end], cells[index].source, sources[index], ensure_ascii)
        value = json.loads(rendered)
        if (value if isinstance(value, str) else "".join(value)) != sources[index]:
            raise EngineError(f"cell {index + 1}: internal error: the new source does not round-trip; file left unchanged")
        pieces += [text[position:start], rendered]
        position = end
    pieces.append(text[position:])
    new_text = "".join(pieces)
    try:
        json.loads(new_text)
        return (notebook.bom + new_text).encode("utf-8")
    except (ValueError, UnicodeEncodeError) as error:
        raise EngineError(f"internal error: the new notebook is not UTF-8 JSON ({error}); file left unchanged") from error


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
    for line in _split_lines(migrated):
        if len(texts) < len(joined.markers) and _body(line)[0] == joined.markers[len(texts)]:
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


def migrate_notebook(
    data: bytes, settings: Settings, catalog: Catalog | None = None, *, fix: bool = True, record_edits: bool = False
) -> SourceResult:
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
    result = migrate_source(
        joined.text.encode("utf-8", "surrogatepass"), settings, catalog or load_catalog(), fix=fix, record_edits=record_edits
    )
    diagnostics = [locate(joined, diagnostic) for diagnostic in result.diagnostics]
    if result.new_source is None:
        return SourceResult(diagnostics=diagnostics, would_change=result.would_change)
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
    return SourceResult(diagnostics=diagnostics, new_source=new_source, encoding="utf-8", record=record)
