"""Where an edit lies in the text as it was read: line and column ranges, text before and after.

The engine edits libcst trees, which know nothing of ranges once regenerated. When a report needs the
ranges (SARIF ``fixes``, the edit record of ``apply --format json``), the engine asks for them: each fix is
applied alone to the module as read and the two texts are compared here, so the normal path (text and JSON
reports, ``apply``) never pays for it. Lines split on ``\\r\\n``, ``\\r`` and ``\\n`` (as libcst counts them);
columns count characters; both are 1-based, the end column exclusive (as findings' ``end_column``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


@dataclass(frozen=True)
class TextEdit:
    """Replace ``before`` (from start to end, end column exclusive) with ``after``; an insertion has an empty
    range and ``before == ""``. ``cell``: a notebook's 1-based cell number, lines counted inside it."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int
    before: str
    after: str
    cell: int | None = None
    codes: tuple[str, ...] = ()  # the rules whose fixes made it (the record of apply)

    def to_json(self) -> dict[str, object]:
        return {
            "rules": list(self.codes),
            "cell": self.cell,
            "start": {"line": self.start_line, "column": self.start_column},
            "end": {"line": self.end_line, "column": self.end_column},
            "before": self.before,
            "after": self.after,
        }


def split_lines(text: str) -> list[str]:
    return _LINE.findall(text)


def _position(lines: Sequence[str], line_index: int, offset: int) -> tuple[int, int]:
    """(line, column), 1-based, of ``offset`` characters into the text that starts at ``lines[line_index]``."""
    while line_index < len(lines) and offset >= len(lines[line_index]) and lines[line_index].endswith(("\n", "\r")):
        offset -= len(lines[line_index])
        line_index += 1
    return line_index + 1, offset + 1


def text_edits(old: str, new: str) -> list[TextEdit]:
    """The smallest replacements that turn ``old`` into ``new``: per changed block of lines, the common
    leading and trailing characters are left out."""
    old_lines, new_lines = split_lines(old), split_lines(new)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    edits: list[TextEdit] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before, after = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        prefix = len(_common_prefix(before, after))
        suffix = len(_common_prefix(before[prefix:][::-1], after[prefix:][::-1]))
        # Whole words: "claude-opus-4-6" -> "claude-opus-4-8", not "6" -> "8".
        while prefix and _word(before[prefix - 1]) and (_word(before[prefix : prefix + 1]) or _word(after[prefix : prefix + 1])):
            prefix -= 1
        while suffix and _word(before[-suffix]) and (_word(before[-suffix - 1 : len(before) - suffix]) or _word(after[-suffix - 1 : len(after) - suffix])):
            suffix -= 1
        start = _position(old_lines, i1, prefix)
        end = _position(old_lines, i1, len(before) - suffix)
        edits.append(TextEdit(*start, *end, before[prefix : len(before) - suffix], after[prefix : len(after) - suffix]))
    return edits


def _word(char: str) -> bool:
    return len(char) == 1 and (char.isalnum() or char in "_-.")


def _common_prefix(a: str, b: str) -> str:
    length = 0
    for x, y in zip(a, b):
        if x != y:
            break
        length += 1
    return a[:length]


def _key(edit: TextEdit) -> tuple[int | None, int, int, int, int]:
    return (edit.cell or 0, edit.start_line, edit.start_column, edit.end_line, edit.end_column)


def _overlaps(a: TextEdit, b: TextEdit) -> bool:
    """The ranges meet (touching counts: an insertion right at the end of a removal belongs to it)."""
    if a.cell != b.cell:
        return False
    return (a.start_line, a.start_column) <= (b.end_line, b.end_column) and (b.start_line, b.start_column) <= (
        a.end_line,
        a.end_column,
    )


def attribute(made: Iterable[TextEdit], fixes: Iterable[tuple[str, Sequence[TextEdit]]]) -> list[TextEdit]:
    """The edits actually made, each with the codes of the fixes (``(code, their edits alone)``) that touch it."""
    fixes = list(fixes)
    attributed = []
    for edit in made:
        codes = sorted({code for code, alone in fixes if any(_overlaps(edit, other) for other in alone)})
        attributed.append(replace(edit, codes=tuple(codes)))
    return sorted(attributed, key=_key)


def _offsets(text: str) -> list[int]:
    starts = [0]
    for line in split_lines(text):
        starts.append(starts[-1] + len(line))
    return starts


def _apply(text: str, edits: Sequence[TextEdit]) -> str | None:
    """``text`` with non-overlapping ``edits`` made, or None if they overlap."""
    starts = _offsets(text)

    def offset(line: int, column: int) -> int:
        return starts[min(line, len(starts)) - 1] + column - 1

    spans = sorted((offset(e.start_line, e.start_column), offset(e.end_line, e.end_column), e.after) for e in edits)
    pieces, position = [], 0
    for start, end, after in spans:
        if start < position:
            return None
        pieces += [text[position:start], after]
        position = end
    return "".join(pieces) + text[position:]


def record(old: str, new: str, fixes: Iterable[tuple[str, Sequence[TextEdit]]]) -> list[TextEdit]:
    """What apply changed: each fix's own edits when together they make exactly ``new`` (then every edit
    names the one rule that made it), else the changed ranges, each naming the rules whose fixes touch it."""
    fixes = list(fixes)
    merged: dict[tuple[object, ...], TextEdit] = {}
    for code, edits in fixes:
        for edit in edits:
            key = (*_key(edit), edit.after)
            known = merged.get(key)
            merged[key] = replace(edit, codes=tuple(sorted({*(known.codes if known else ()), code})))
    if merged and _apply(old, list(merged.values())) == new:
        return sorted(merged.values(), key=_key)
    return attribute(text_edits(old, new), fixes)


def shift(edits: Iterable[TextEdit], lines: int, cell: int | None) -> tuple[TextEdit, ...]:
    """Edits moved up by ``lines`` lines into ``cell`` (a notebook's joined module -> the cell)."""
    return tuple(replace(e, start_line=e.start_line - lines, end_line=e.end_line - lines, cell=cell) for e in edits)
