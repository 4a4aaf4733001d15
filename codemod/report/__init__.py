"""Renderers for run results: text (rich, colour only on a terminal) and JSON."""

from __future__ import annotations

from dataclasses import dataclass

from codemod.applicability import fix_applies
from codemod.runner import FileResult


@dataclass(frozen=True)
class Summary:
    files: int
    changed: int
    findings: int
    fixed: int
    remaining: int
    errors: int
    skipped: int  # files the byte pre-filter ruled out without parsing
    not_analysed: int  # files listed with status "skipped": they mention the SDK but were not analysed
    cached: int  # files answered from the cache or from an identical file met before: not parsed either
    safe: int  # unapplied findings that apply would fix
    unsafe: int  # unapplied findings that only --unsafe-fixes would fix

    @classmethod
    def of(cls, results: list[FileResult], errors: int = 0, unsafe_fixes: bool = False) -> Summary:
        diagnostics = [d for r in results for d in r.diagnostics]
        remaining = [d for d in diagnostics if not d.applied]
        return cls(
            files=len(results),
            changed=sum(r.status == "changed" for r in results),
            findings=len(diagnostics),
            fixed=len(diagnostics) - len(remaining),
            remaining=len(remaining),
            errors=sum(r.status == "error" for r in results) + errors,
            skipped=sum(r.skipped for r in results),
            not_analysed=sum(r.status == "skipped" for r in results),
            cached=sum(r.cached for r in results),
            safe=sum(fix_applies(d.fix, unsafe_fixes) for d in remaining),
            unsafe=sum(d.fix is not None and not fix_applies(d.fix, unsafe_fixes) and fix_applies(d.fix, True) for d in remaining),
        )
