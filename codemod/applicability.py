"""Fix applicability (as ruff's ``Applicability``) and the one function that decides whether a fix applies.

Kept free of libcst so that the reports can import it without loading the parser.
"""

from __future__ import annotations

from enum import Enum


class Applicability(str, Enum):
    """How far a fix can be trusted (ruff's ``Applicability``).

    - ``SAFE``: the program means the same after the fix; ``apply`` makes it.
    - ``UNSAFE``: the right direction, but behaviour may change; made only with ``--unsafe-fixes``.
    - ``DISPLAY_ONLY``: shown as a suggestion (in ``diff`` and the reports), never applied.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"

    def __str__(self) -> str:
        return self.value


SAFE = Applicability.SAFE
UNSAFE = Applicability.UNSAFE
DISPLAY_ONLY = Applicability.DISPLAY_ONLY


def fix_applies(applicability: Applicability | str | None, unsafe_fixes: bool) -> bool:
    """Whether ``apply`` makes a fix of this applicability under the user's settings.

    The one place this is decided: the engine, the rules' ``RuleContext.will_fix`` and the reports ask here.
    """
    if applicability is None:
        return False
    applicability = Applicability(applicability)
    return applicability is Applicability.SAFE or (applicability is Applicability.UNSAFE and unsafe_fixes)
