"""Rule families. Each module defines ``FAMILY``; adding a rule family is adding a module."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from codemod.analysis.model import Request
from codemod.analysis.requests import FileAnalysis
from codemod.findings import Finding, Rule
from codemod.rules.context import RuleContext


def _no_file_check(analysis: FileAnalysis, ctx: RuleContext) -> Iterable[Finding]:
    return ()


def _no_request_check(request: Request, ctx: RuleContext) -> Iterable[Finding]:
    return ()


@dataclass(frozen=True)
class RuleFamily:
    """A rule module's rules and its checks: per request, and once per file."""

    rules: tuple[Rule, ...]
    check: Callable[[Request, RuleContext], Iterable[Finding]] = _no_request_check
    check_file: Callable[[FileAnalysis, RuleContext], Iterable[Finding]] = _no_file_check
    module: str = ""  # the defining module (set on discovery): its docstring documents the rules


@lru_cache(maxsize=1)
def families() -> tuple[RuleFamily, ...]:
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name == "context":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        family = getattr(module, "FAMILY", None)
        if isinstance(family, RuleFamily):
            found.append(replace(family, module=module.__name__))
    return tuple(found)


def all_rules() -> list[Rule]:
    return sorted((rule for family in families() for rule in family.rules), key=lambda r: r.code)


def rule_by_code() -> dict[str, Rule]:
    return {rule.code: rule for rule in all_rules()}
