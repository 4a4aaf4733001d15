"""What rules produce: findings that point at a node, each with an optional fix, and the rules themselves."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from codemod.applicability import DISPLAY_ONLY, SAFE, UNSAFE, Applicability, fix_applies
from codemod.edits import Edit

__all__ = ["DISPLAY_ONLY", "SAFE", "UNSAFE", "Applicability", "Finding", "Fix", "Rule", "fix_applies"]


@dataclass(frozen=True)
class Rule:
    """A rule's public identity.

    ``fixes`` lists the applicabilities its fixes can have (empty: it only reports). ``fix_note`` describes
    when a rule fixes and when it only reports, where that depends on the case ("safe on beta calls, else
    report"). ``tokens``: a file must contain one of these bytes for the rule to possibly fire there (the
    pre-filter's table is generated from them; empty means the SDK tokens alone are enough). ``alone``:
    bytes that make a file worth parsing for this rule by themselves, even when it never names the SDK
    (the CM108 backstop reads every ``budget_tokens``).
    """

    code: str
    name: str
    summary: str
    fixes: tuple[Applicability, ...] = ()
    tokens: tuple[bytes, ...] = ()
    fix_note: str = ""
    alone: tuple[bytes, ...] = ()

    @property
    def fix(self) -> str:
        """The fix safety as the rules table shows it: safe, unsafe, report, or the rule's own note."""
        if self.fix_note:
            return self.fix_note
        if not self.fixes:
            return "report"
        return "/".join(str(applicability) for applicability in self.fixes)


@dataclass(frozen=True)
class Fix:
    applicability: Applicability
    edits: tuple[Edit, ...]


@dataclass(eq=False)
class Finding:
    rule: Rule
    node: cst.CSTNode
    message: str
    fix: Fix | None = None
    extra: dict[str, object] = field(default_factory=dict)
