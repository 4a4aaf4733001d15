"""Notebook JSON: reading a notebook's Python code cells, and splicing new cell sources into the original text.

See ``notebook.py`` for the whole procedure (steps 1 and 4 live here).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from codemod.notebook_mask import split_lines
from codemod.results import EngineError

BOM = "\ufeff"
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
    if split_lines(joined) != old and joined.splitlines(keepends=True) == old:
        return text.splitlines(keepends=True)
    return split_lines(text)


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
