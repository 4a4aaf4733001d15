"""``--format gitlab``: a GitLab Code Quality report (a JSON array of issues, the CodeClimate subset GitLab
reads): ``description``, ``check_name`` (the rule code), ``fingerprint`` (unique per issue, stable across
runs: the baseline's fingerprint of the rule and the code pointed at, with the path and its occurrence),
``severity`` (``major``; ``minor`` when ``apply`` fixes it; ``blocker`` for a file that could not be
processed) and ``location.path`` / ``location.lines.begin`` (for a notebook, the line of the ``.ipynb``
file where the code is written).
"""

from __future__ import annotations

import hashlib
import json

from codemod.report.files import Sources
from codemod.runner import FileResult


def _fingerprint(*parts: object) -> str:
    return hashlib.sha256("\0".join(str(part) for part in parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def render(results: list[FileResult], path_errors: list[str], mode: str, sources: Sources) -> str:
    issues: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    for result in results:
        if result.error:
            issues.append(_error(result.path, result.error))
        shown = result.remaining if mode == "apply" else result.diagnostics
        for diagnostic in shown:
            base = _fingerprint(result.path, sources.fingerprint(result.path, diagnostic))
            occurrence = seen[base] = seen.get(base, 0) + 1
            description = diagnostic.message
            if diagnostic.cell is not None:
                description = f"cell {diagnostic.cell}, line {diagnostic.line}: {description}"
            issues.append(
                {
                    "description": f"{diagnostic.code} {description}",
                    "check_name": diagnostic.code,
                    "fingerprint": _fingerprint(base, occurrence),
                    "severity": "minor" if diagnostic.fix == "safe" else "major",
                    "location": {"path": result.path, "lines": {"begin": sources.region(result.path, diagnostic)[0]}},
                }
            )
    for error in path_errors:
        path, _, message = error.partition(": error: ")
        issues.append(_error(path, message))
    return json.dumps(issues, indent=2)


def _error(path: str, message: str) -> dict[str, object]:
    return {
        "description": f"claude-migrate could not process this file: {message}",
        "check_name": "claude-migrate/error",
        "fingerprint": _fingerprint("error", path, message),
        "severity": "blocker",
        "location": {"path": path, "lines": {"begin": 1}},
    }
