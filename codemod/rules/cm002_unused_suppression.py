"""CM002 unused-suppression: a `# claude-migrate: ignore` comment that silences nothing is reported and removed.

## What it does
Reports a suppression comment that silenced no finding in this run: a `# claude-migrate: ignore[CODE,...]`
whose codes match no finding that starts on its line, a bare `# claude-migrate: ignore` on a line with no
finding, and a code in the list that names no rule. When only some codes of the list are unused, only
those are reported and removed. Codes of rules that are not enabled in the run (`--select`, `--ignore`)
are left alone: whether they are used cannot be known. A comment that lists `CM002` itself is never
reported. The fix removes the comment (or the unused codes from its list); a comment that holds other
text before the suppression (`# type: ignore  # claude-migrate: ignore`) keeps that text.

## Why
A suppression outlives the code it was written for: once a call is migrated, its `ignore` stays behind and
would silently hide the next real finding on that line (a model ID changed back, a `temperature` added
again). ruff reports unused `# noqa` comments for the same reason (RUF100).

## Fix safety
Safe: the comment silences nothing, so removing it changes no report of this run and no code. A bare
`ignore` is only fixed when every rule is enabled; otherwise it is reported without a fix, since a rule
left out of the run might need it. A suppression on a line of its own (it can silence nothing) is reported
without a fix.

## Source
- https://docs.astral.sh/ruff/rules/unused-noqa/
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.context import RuleContext
from codemod.edits import Replace
from codemod.findings import SAFE, Finding, Fix, Rule
from codemod.suppression import PATTERN, Suppression, Suppressions

RULE = Rule(
    "CM002",
    "unused-suppression",
    "A # claude-migrate: ignore comment (or one of its codes) that silences nothing: removed.",
    fixes=(SAFE,),
    tokens=(b"claude-migrate:",),
    # A suppression left in a file that no longer calls Claude is exactly what CM002 reports.
    alone=(b"claude-migrate:",),
)
CODE = "CM002"


def _rewritten(suppression: Suppression, kept: list[str]) -> cst.CSTNode | None:
    """The comment's owner with the suppression gone (or listing only ``kept``); None when no edit fits."""
    value = suppression.comment.value
    match = PATTERN.search(value)
    assert match is not None
    before = value[: match.start()].rstrip()
    owner = suppression.owner
    if kept:
        comment: cst.Comment | None = cst.Comment(f"{value[: match.start()]}# claude-migrate: ignore[{','.join(kept)}]")
    else:
        comment = cst.Comment(before) if before else None
    if isinstance(owner, cst.TrailingWhitespace):
        whitespace = owner.whitespace if comment is not None else cst.SimpleWhitespace("")
        return owner.with_changes(whitespace=whitespace, comment=comment)
    if comment is None:
        return None  # a line that is only the suppression: removing the line is beyond a comment edit
    return owner.with_changes(comment=comment)


def _finding(suppression: Suppression, message: str, kept: list[str], fixable: bool = True) -> Finding:
    new = _rewritten(suppression, kept) if fixable else None
    fix = Fix(SAFE, (Replace(suppression.owner, new),)) if new is not None else None  # type: ignore[arg-type]
    return Finding(RULE, suppression.comment, message, fix)


def check_suppressions(suppressions: Suppressions, ctx: RuleContext) -> Iterator[Finding]:
    from codemod.rules import (
        rule_by_code,  # the registry, not a rule: which codes exist
    )

    known = rule_by_code()
    for suppression in suppressions:
        own_line = isinstance(suppression.owner, cst.EmptyLine)
        if suppression.bare:
            if suppression.used:
                continue
            everything = all(ctx.enabled(code) for code in known)
            yield _finding(
                suppression,
                "unused suppression: nothing on this line is reported"
                + ("" if everything else " by the rules enabled in this run (name the code: ignore[CODE])"),
                [],
                fixable=everything and not own_line,
            )
            continue
        if CODE in suppression.codes:
            continue
        codes = sorted(suppression.codes)
        unknown = [code for code in codes if code not in known]
        unused = [code for code in codes if code in known and ctx.enabled(code) and code not in suppression.used]
        if not unknown and not unused:
            continue
        kept = [code for code in codes if code not in unknown and code not in unused]
        parts = []
        if unused:
            parts.append(f"{', '.join(unused)} {'is' if len(unused) == 1 else 'are'} not reported on this line")
        if unknown:
            parts.append(f"{', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} no rule code")
        what = "unused suppression" if not kept else "unused suppression code" + ("s" if len(unused) + len(unknown) > 1 else "")
        yield _finding(suppression, f"{what}: {'; '.join(parts)}", kept, fixable=not own_line or bool(kept))
