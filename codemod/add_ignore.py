"""``check --add-ignore``: a ``# claude-migrate: ignore[CODE]`` comment on the line of every current finding
(as ``ruff --add-noqa``), so that a large tree can adopt the check today and migrate call by call.

A finding is silenced by a suppression on the line where it starts, so the comment goes at the end of that
line. Codes are merged into a suppression already there; another comment on the line (``# type: ignore``)
is kept and the suppression follows it. Where no comment can go, the finding is listed and stays
reported: the line ends inside a string that spans lines, or continues with a backslash. Files are
written as ``apply`` writes them (only if unchanged since they were read, atomically); notebooks have only
the ``source`` of the cells concerned rewritten.
"""

from __future__ import annotations

import hashlib
import io
import tokenize
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from codemod.edit_ranges import split_lines
from codemod.results import EngineError
from codemod.runner import FileResult, is_notebook
from codemod.suppression import PATTERN, parse_codes
from codemod.write import ChangedOnDisk, write_file

UNUSED_SUPPRESSION = "CM002"  # its findings are about suppressions: never silenced by a new one


@dataclass
class Outcome:
    added: int = 0  # comments written or extended
    files: int = 0
    not_added: list[str] = field(default_factory=list)  # "path:line: reason (CODES)"
    errors: list[str] = field(default_factory=list)


def _slots(text: str) -> dict[int, str | None]:
    """Lines (1-based) whose end can take a comment, with the comment already there (None if none)."""
    slots: dict[int, str | None] = {}
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT:
            slots[token.start[0]] = token.string
        elif token.type in (tokenize.NEWLINE, tokenize.NL):
            slots.setdefault(token.start[0], None)
    return slots


def _with_codes(line: str, comment: str | None, codes: set[str]) -> str:
    body = line.rstrip("\r\n")
    ending = line[len(body):]
    existing = parse_codes(comment) if comment is not None else None
    if comment is not None and existing is not None:
        match = PATTERN.search(body)
        assert match is not None
        merged = sorted(codes | set(existing)) if existing != frozenset({"*"}) else None
        suppression = "# claude-migrate: ignore" + (f"[{','.join(merged)}]" if merged else "")
        return body[: match.start()] + suppression + ending
    return body.rstrip() + f"  # claude-migrate: ignore[{','.join(sorted(codes))}]" + ending


def _annotated(text: str, scanned: str, wanted: dict[int, set[str]], shown: str, outcome: Outcome, cell: str = "") -> str:
    """``text`` with the comments added; ``scanned`` is what is tokenized (a notebook cell, masked)."""
    try:
        slots = _slots(scanned)
    except (tokenize.TokenError, SyntaxError, IndentationError) as error:
        outcome.not_added += [f"{shown}:{cell}{line}: cannot add a comment: {error}" for line in sorted(wanted)]
        return text
    lines = split_lines(text)
    for line, codes in sorted(wanted.items()):
        if line not in slots or line > len(lines):
            outcome.not_added.append(
                f"{shown}:{cell}{line}: no comment can go at the end of this line (it ends inside a string or "
                f"continues with a backslash); {', '.join(sorted(codes))} {'stay' if len(codes) > 1 else 'stays'} reported"
            )
            continue
        lines[line - 1] = _with_codes(lines[line - 1], slots[line], codes)
        outcome.added += 1
    return "".join(lines)


def _python(path: str, data: bytes, wanted: dict[int, set[str]], outcome: Outcome) -> bytes:
    encoding = tokenize.detect_encoding(io.BytesIO(data).readline)[0]
    text = data.decode(encoding)
    return _annotated(text, text, wanted, path, outcome).encode(encoding)


def _notebook(path: str, data: bytes, wanted: dict[tuple[int, int], set[str]], outcome: Outcome) -> bytes | None:
    from codemod.notebook import (
        mask_ipython,
        read_notebook,
        unique_prefix,
        write_sources,
    )

    notebook = read_notebook(data)
    prefix = unique_prefix(cell.text for cell in notebook.cells)
    by_cell: dict[int, dict[int, set[str]]] = defaultdict(dict)
    for (cell, line), codes in wanted.items():
        by_cell[cell][line] = codes
    sources: dict[int, str] = {}
    for cell in notebook.cells:
        if cell.number in by_cell:
            masked = mask_ipython(cell.text, f"{prefix}ipython_{cell.index}_").text
            new = _annotated(cell.text, masked, by_cell[cell.number], path, outcome, f"cell {cell.number}:")
            if new != cell.text:
                sources[cell.index] = new
    return write_sources(notebook, sources) if sources else None


def add_ignores(results: list[FileResult]) -> Outcome:
    outcome = Outcome()
    for result in results:
        wanted: dict[tuple[int | None, int], set[str]] = defaultdict(set)
        for diagnostic in result.remaining:
            if diagnostic.code != UNUSED_SUPPRESSION:
                wanted[(diagnostic.cell, diagnostic.line)].add(diagnostic.code)
        if not wanted:
            continue
        try:
            data = Path(result.path).read_bytes()
            before = outcome.added
            if is_notebook(result.path):
                new = _notebook(result.path, data, {(c or 0, line): codes for (c, line), codes in wanted.items()}, outcome)
            else:
                new = _python(result.path, data, {line: codes for (_, line), codes in wanted.items()}, outcome)
            if new is not None and new != data:
                write_file(Path(result.path), new, hashlib.sha256(data).digest())
                outcome.files += 1
            elif outcome.added != before:
                outcome.added = before
        except ChangedOnDisk:
            outcome.errors.append(f"{result.path}: error: file changed while comments were being added; not written")
        except (OSError, UnicodeDecodeError, SyntaxError, ValueError, EngineError) as error:
            outcome.errors.append(f"{result.path}: error: cannot add comments: {error}")
    return outcome
