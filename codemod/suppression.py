"""``# claude-migrate: ignore`` and ``# claude-migrate: ignore[CM201,CM101]`` line comments."""

from __future__ import annotations

import re

import libcst as cst

from codemod.positions import Positions

MARKER = b"claude-migrate:"
_PATTERN = re.compile(r"#\s*claude-migrate:\s*ignore(?:\[(?P<codes>[A-Za-z0-9_,\s]*)\])?\s*$")

ALL = frozenset({"*"})


class _CommentCollector(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[cst.Comment, frozenset[str]]] = []

    def visit_Comment(self, node: cst.Comment) -> None:
        match = _PATTERN.search(node.value)
        if match is None:
            return
        codes = match["codes"]
        self.found.append(
            (node, ALL if codes is None else frozenset(c.strip().upper() for c in codes.split(",") if c.strip()))
        )


class Suppressions:
    """Which codes are silenced on which line (1-based)."""

    def __init__(self, by_line: dict[int, frozenset[str]] | None = None) -> None:
        self.by_line = by_line or {}

    @classmethod
    def collect(cls, module: cst.Module, source: bytes, positions: Positions) -> Suppressions:
        if MARKER not in source:  # cheap: most files have no suppression comment at all
            return cls()
        collector = _CommentCollector()
        module.visit(collector)
        return cls({positions[comment].start.line: codes for comment, codes in collector.found})

    def silences(self, code: str, line: int) -> bool:
        codes = self.by_line.get(line)
        return codes is not None and (codes is ALL or code in codes)
