"""Writing a notebook back: splice the changed cells' new sources into the original JSON text.

Step 4 of ``notebook.py``: the notebook is never re-serialised, so everything but the changed
``source`` values keeps its original bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from codemod.engine import EngineError
from codemod.notebook_read import Notebook, split_lines

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
# A \uXXXX escape (not itself escaped) of a non-ASCII character.
_ESCAPED_NON_ASCII = re.compile(r"(?<!\\)(?:\\\\)*\\u(?!00[0-7])[0-9a-fA-F]{4}")


def _skip(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    assert match is not None  # the pattern matches the empty string
    return match.end()


def json_items(text: str, position: int, keyed: bool) -> Iterator[tuple[str | None, int, int]]:
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


def source_spans(text: str) -> dict[int, tuple[int, int]]:
    """Where each cell's ``source`` value lies in the JSON text (the last duplicate wins, as in json.loads)."""
    top = {key: (start, end) for key, start, end in json_items(text, _skip(text, 0), keyed=True)}
    spans: dict[int, tuple[int, int]] = {}
    for index, (_, cell_start, _) in enumerate(json_items(text, top["cells"][0], keyed=False)):
        members = {key: (start, end) for key, start, end in json_items(text, cell_start, keyed=True)}
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
    elements = [(start, end) for _, start, end in json_items(raw, 0, keyed=False)]
    if not lines or not elements:
        return json.dumps(lines, ensure_ascii=ensure_ascii)
    spelling = {line: raw[start:end] for line, (start, end) in zip(old, elements)}
    items = [spelling[line] if line in spelling else json.dumps(line, ensure_ascii=ensure_ascii) for line in lines]
    opener, separator, closer = _array_layout(raw, elements)
    return "[" + opener + separator.join(items) + closer + "]"


def write_sources(notebook: Notebook, sources: dict[int, str]) -> bytes:
    """The notebook's bytes with the sources of the given cells (index -> new text) replaced."""
    text = notebook.text
    spans = source_spans(text)
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
