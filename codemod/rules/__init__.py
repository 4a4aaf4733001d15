"""The rules: one module per rule code, ``cmNNN_<name>.py``, found by discovery.

A rule module defines ``RULE`` (a ``Rule``) and one or both of ``check(facts, ctx)``, called once per
request with its ``RequestFacts``, and ``check_file(facts, ctx)``, called once per file with its
``FileFacts``; or ``check_suppressions(suppressions, ctx)``, called once per file after every other rule,
with the file's suppression comments and the codes each one silenced (the engine's record). Modules whose name starts with ``_`` are shared helpers, not rules. No rule module imports
another: what several rules need is a fact (``codemod/facts``), computed once by the engine.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from codemod.findings import Finding, Rule

if TYPE_CHECKING:
    from codemod.context import RuleContext
    from codemod.facts import FileFacts, RequestFacts
    from codemod.suppression import Suppressions

RULE_MODULE = re.compile(r"^cm(\d{3})_[a-z0-9_]+$")


@dataclass(frozen=True)
class RegisteredRule:
    """A rule and its checks, as its module defines them."""

    rule: Rule
    module: str  # the defining module: its docstring is the rule's documentation
    check: Callable[[RequestFacts, RuleContext], Iterable[Finding]] | None = None
    check_file: Callable[[FileFacts, RuleContext], Iterable[Finding]] | None = None
    check_suppressions: Callable[[Suppressions, RuleContext], Iterable[Finding]] | None = None


class RuleModuleError(Exception):
    """A ``cmNNN_*`` module that does not define a rule properly."""


def _registered(name: str) -> RegisteredRule:
    module = importlib.import_module(f"{__name__}.{name}")
    rule = getattr(module, "RULE", None)
    if not isinstance(rule, Rule):
        raise RuleModuleError(f"{module.__name__} defines no RULE = Rule(...)")
    match = RULE_MODULE.match(name)
    assert match is not None
    if rule.code != f"CM{match.group(1)}":
        raise RuleModuleError(f"{module.__name__} defines {rule.code}; its file name says CM{match.group(1)}")
    check = getattr(module, "check", None)
    check_file = getattr(module, "check_file", None)
    check_suppressions = getattr(module, "check_suppressions", None)
    if check is None and check_file is None and check_suppressions is None:
        raise RuleModuleError(f"{module.__name__} defines neither check(facts, ctx) nor check_file(facts, ctx)")
    return RegisteredRule(rule, module.__name__, check, check_file, check_suppressions)


@lru_cache(maxsize=1)
def registry() -> tuple[RegisteredRule, ...]:
    """Every rule, in code order."""
    names = sorted(info.name for info in pkgutil.iter_modules(__path__) if RULE_MODULE.match(info.name))
    return tuple(_registered(name) for name in names)


def all_rules() -> list[Rule]:
    return [registered.rule for registered in registry()]


def rule_by_code() -> dict[str, Rule]:
    return {rule.code: rule for rule in all_rules()}
