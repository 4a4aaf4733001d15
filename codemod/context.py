"""What the facts and every rule may ask: the catalogue, the target, the user's choices."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst

from codemod.applicability import Applicability, fix_applies
from codemod.catalog import Catalog, Model
from codemod.catalog.sdk_features import Floor
from codemod.effort_map import EffortMap


@dataclass(frozen=True)
class RuleContext:
    catalog: Catalog
    target: Model
    unsafe_fixes: bool
    effort_map: EffortMap
    enabled: Callable[[str], bool]
    suppressed: Callable[[str, cst.CSTNode], bool]
    # Per-family replacement of retired and deprecated models ([tool.claude-migrate.replacements])
    replacements: tuple[tuple[str, str], ...] = ()
    # The SDK release the project's migrated code needs (CM601 on setup.py; None when not known)
    sdk_floor: Floor | None = None

    def will_fix(self, code: str, applicability: Applicability | str | None, node: cst.CSTNode) -> bool:
        """Whether a fix of this code on this node would be applied by ``apply``."""
        return self.enabled(code) and not self.suppressed(code, node) and fix_applies(applicability, self.unsafe_fixes)
