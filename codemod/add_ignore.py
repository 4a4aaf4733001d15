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
import re
import tokenize
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from codemod.config import Settings
from codemod.edit_ranges import split_lines
from codemod.results import EngineError
from codemod.runner import FileResult, is_notebook, migrate_file
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


# CM002's message names the codes a suppression no longer needs ("CM501 is not reported on this line").
_UNUSED = re.compile(r"((?:CM\d{3}, )*CM\d{3}) (?:is|are) not reported on this line")
ROUNDS = 3


def _render(path: str, data: bytes, wanted: dict[tuple[int | None, int], set[str]], outcome: Outcome) -> bytes | None:
    if is_notebook(path):
        return _notebook(path, data, {(c or 0, line): codes for (c, line), codes in wanted.items()}, outcome)
    return _python(path, data, {line: codes for (_, line), codes in wanted.items()}, outcome)


def _settled(
    path: str, data: bytes, wanted: dict[tuple[int | None, int], set[str]], settings: Settings
) -> tuple[bytes | None, Outcome]:
    """The file with the comments, checked: a suppression can change what another rule sees (a model ID kept
    by ``ignore[CM302]`` still accepts a prefill, so CM501 no longer fires); codes that CM002 then finds
    unused are left out, and the comments made again."""
    new, trial = None, Outcome()
    for _ in range(ROUNDS):
        trial = Outcome()
        new = _render(path, data, wanted, trial)
        if new is None:
            return None, trial
        unused = {}
        for d in migrate_file(path, new, settings, fix=False).diagnostics:
            match = _UNUSED.search(d.message) if d.code == UNUSED_SUPPRESSION else None
            if match and (d.cell, d.line) in wanted:
                unused[(d.cell, d.line)] = set(match.group(1).split(", "))
        if not unused:
            break
        for key, codes in unused.items():
            wanted[key] -= codes
            if not wanted[key]:
                del wanted[key]
        if not wanted:
            return None, Outcome()
    return new, trial


def add_ignores(results: list[FileResult], settings: Settings) -> Outcome:
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
            new, made = _settled(result.path, data, dict(wanted), settings)
            if new is not None and new != data:
                write_file(Path(result.path), new, hashlib.sha256(data).digest())
                outcome.files += 1
                outcome.added += made.added
            outcome.not_added += made.not_added
        except ChangedOnDisk:
            outcome.errors.append(f"{result.path}: error: file changed while comments were being added; not written")
        except (OSError, UnicodeDecodeError, SyntaxError, ValueError, EngineError) as error:
            outcome.errors.append(f"{result.path}: error: cannot add comments: {error}")
    return outcome
