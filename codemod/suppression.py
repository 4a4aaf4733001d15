"""``# claude-migrate: ignore`` and ``# claude-migrate: ignore[CM201,CM101]`` line comments.

The engine asks :meth:`Suppressions.silence` for every finding before keeping it; the suppressions record
which codes they silenced, so that CM002 (unused-suppression) can report those that silence nothing. That
record is the engine's, made while the other rules' findings are filtered: no rule needs another rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import libcst as cst

from codemod.positions import Positions

MARKER = b"claude-migrate:"
PATTERN = re.compile(r"#\s*claude-migrate:\s*ignore(?:\[(?P<codes>[A-Za-z0-9_,\s]*)\])?\s*$")

ALL = frozenset({"*"})


@dataclass(eq=False)
class Suppression:
    """One suppression comment: where it is, what it silences, and what it silenced in this run."""

    comment: cst.Comment
    owner: cst.TrailingWhitespace | cst.EmptyLine  # the node that holds the comment (an edit replaces it)
    codes: frozenset[str]  # ALL for a bare ``ignore``
    line: int = 0
    used: set[str] = field(default_factory=set)

    @property
    def bare(self) -> bool:
        return self.codes is ALL


def parse_codes(comment: str) -> frozenset[str] | None:
    """The codes a comment's suppression names (ALL when bare), or None when it is not a suppression."""
    match = PATTERN.search(comment)
    if match is None:
        return None
    codes = match["codes"]
    return ALL if codes is None else frozenset(c.strip().upper() for c in codes.split(",") if c.strip())


class _CommentCollector(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[Suppression] = []

    def _collect(self, owner: cst.TrailingWhitespace | cst.EmptyLine) -> None:
        if owner.comment is not None:
            codes = parse_codes(owner.comment.value)
            if codes is not None:
                self.found.append(Suppression(owner.comment, owner, codes))

    def visit_TrailingWhitespace(self, node: cst.TrailingWhitespace) -> None:
        self._collect(node)

    def visit_EmptyLine(self, node: cst.EmptyLine) -> None:
        self._collect(node)


class Suppressions:
    """Which codes are silenced on which line (1-based), and which of them were used."""

    def __init__(self, by_line: dict[int, Suppression] | None = None) -> None:
        self.by_line = by_line or {}

    @classmethod
    def collect(cls, module: cst.Module, source: bytes, positions: Positions) -> Suppressions:
        if MARKER not in source:  # cheap: most files have no suppression comment at all
            return cls()
        collector = _CommentCollector()
        module.visit(collector)
        positions.prepare([found.comment for found in collector.found])
        for found in collector.found:
            found.line = positions[found.comment].start.line
        return cls({found.line: found for found in collector.found})

    def silences(self, code: str, line: int) -> bool:
        found = self.by_line.get(line)
        return found is not None and (found.codes is ALL or code in found.codes)

    def silence(self, code: str, line: int) -> bool:
        """Whether a finding of ``code`` starting on ``line`` is silenced; if so, the suppression was used."""
        if not self.silences(code, line):
            return False
        self.by_line[line].used.add(code)
        return True

    def __iter__(self):
        return iter(sorted(self.by_line.values(), key=lambda s: s.line))
