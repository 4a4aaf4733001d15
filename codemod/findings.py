"""What rules produce: findings that point at a node, each with an optional fix."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from codemod.edits import Edit

SAFE = "safe"
UNSAFE = "unsafe"


@dataclass(frozen=True)
class Rule:
    """A rule's public identity. ``fix`` is its documented fix safety."""

    code: str
    name: str
    summary: str
    fix: str  # "safe" | "unsafe" | "report" | a short phrase for rules whose safety depends on the case
    explanation: str = ""


@dataclass(frozen=True)
class Fix:
    applicability: str  # SAFE | UNSAFE
    edits: tuple[Edit, ...]


@dataclass(eq=False)
class Finding:
    rule: Rule
    node: cst.CSTNode
    message: str
    fix: Fix | None = None
    extra: dict[str, object] = field(default_factory=dict)
