"""CM601 sdk-version-pin: an `anthropic` requirement that excludes every SDK release the migrated code needs.

## What it does
Reads the project's dependency files, found by the same discovery and excludes as its source files:
`requirements*.txt` / `*.in` (and the files of a `requirements/` directory, `constraints*.txt`),
`pyproject.toml` (PEP 621 `dependencies` and `optional-dependencies`, `[dependency-groups]`, Poetry's
`[tool.poetry.dependencies]` and groups), `setup.cfg` (`install_requires`, `extras_require`), `setup.py`
(requirement string literals), `Pipfile`, and the lock files `poetry.lock`, `Pipfile.lock`, `uv.lock`,
`pdm.lock`. It reports the `anthropic` requirement, at its exact line and column, when its specifier
admits no release at or above the lowest one that has everything the migrated code of the project (the
Python files in the dependency file's directory and below, after the fixes `apply` makes) uses, and says
which feature sets that floor: `speed=` needs anthropic 1.15.0, `output_config=` and `messages.parse` 0.77.0,
`thinking=` 0.47.0, the `.with_raw_response` methods CM404 writes 1.0.0, `client.messages` with
`cache_control` (CM410) 0.41.0 (the table is data: `codemod/catalog/sdk_features.toml`). A `0.x` pin, `<1`
or `~=0.40` is reported when the code needs a later release; a `<2` pin only if it needs 2.x (projects on
the legacy Bedrock endpoints pin `<2` on purpose). A lock file (or a requirements file with hashes, or one
pip-compile / uv generated) that locks a release below the floor is reported, never edited.

## Why
A migrated call that passes `speed=` raises `TypeError` on an SDK older than 1.15.0; a pin that keeps the
project on such a release turns a correct migration into a crash at the first request, and the reason is
far from the line that fails.

## Fix safety
Unsafe: changing a dependency range changes what the project installs. With `--unsafe-fixes` only the
specifier is rewritten, keeping the name, extras, markers, comments and formatting: an exact pin
(`==0.40.0`, Poetry's `0.40.0`) becomes the release the catalogue was checked against (`==2.16.0`);
anything else becomes `>=FLOOR`, with `<3` where the original had an upper bound. Lock files are never
edited: change the requirement and regenerate them.

## Source
- https://github.com/anthropics/anthropic-sdk-python/blob/main/CHANGELOG.md (1.15.0: the speed parameter; 0.77.0: output_config; 0.47.0: thinking; 0.41.0: prompt caching generally available)
- https://github.com/anthropics/anthropic-sdk-python/blob/main/MIGRATION.md
- https://packaging.python.org/en/latest/specifications/version-specifiers/
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.analysis.literals import literal_str, quote_like
from codemod.context import RuleContext
from codemod.deps.check import message_for, styled
from codemod.deps.pins import pep508_pin
from codemod.deps.specifiers import admits_from, replacement
from codemod.edits import Replace
from codemod.facts import FileFacts
from codemod.findings import UNSAFE, Finding, Fix, Rule

RULE = Rule(
    "CM601",
    "sdk-version-pin",
    "An anthropic requirement (requirements, pyproject, setup.cfg, setup.py, Pipfile, lock files) that excludes the SDK "
    "release the migrated code needs: reported with the feature that sets the floor; the specifier rewritten with "
    "--unsafe-fixes, lock files never edited.",
    fixes=(UNSAFE,),
    fix_note="unsafe (lock files: report)",
)


class _Strings(cst.CSTVisitor):
    """String literals that are elements of a list, tuple or set display (``install_requires=[...]``)."""

    def __init__(self) -> None:
        self.found: list[cst.SimpleString] = []

    def visit_Element(self, node: cst.Element) -> None:
        if isinstance(node.value, cst.SimpleString):
            self.found.append(node.value)


def check_file(facts: FileFacts, ctx: RuleContext) -> Iterator[Finding]:
    """``setup.py``: the runner passes the project's floor (``ctx.sdk_floor``) once the other files are done;
    other Python files have none and nothing to check."""
    floor = ctx.sdk_floor
    index = facts.analysis.index
    if floor is None or index is None:
        return
    strings = _Strings()
    index.module.visit(strings)
    for node in strings.found:
        value = literal_str(node)
        pin = pep508_pin(value, value, 0, [0], editable=True) if value else None
        if pin is None or admits_from(pin.spec, floor.version, ctx.catalog.sdk):
            continue
        fix = None
        new = None
        if pin.span is not None and value is not None:
            new = replacement(pin.spec, floor.version, ctx.catalog.sdk, "pep508")
            start, end = pin.span
            fix = Fix(UNSAFE, (Replace(node, quote_like(node, value[:start] + styled(value[start:end], new) + value[end:])),))
        yield Finding(RULE, node, message_for(pin, floor, new), fix)
