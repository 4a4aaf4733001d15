"""``--format json``: one document on stdout (version 1; keys may be added, never renamed).

``cell`` is a notebook finding's 1-based cell number (its line and columns are inside that cell);
null for Python files. A file with status ``skipped`` was not analysed although it mentions the SDK (a
notebook in another language): ``reason`` says why (null for every other status); it is no error.
``as_of`` is the day model statuses were resolved for (today, or ``--as-of``).
"""

from __future__ import annotations

import json
from dataclasses import asdict

from codemod.report import Summary
from codemod.runner import FileResult


def render(
    results: list[FileResult],
    target: str,
    path_errors: list[str],
    mode: str,
    extra: dict[str, object] | None = None,
    as_of: str = "",
) -> str:
    """``extra``: more top-level keys (``baseline``). In apply mode a file's ``edits`` (when recorded) list
    each edit written: ``rules``, ``cell``, ``start`` and ``end`` (line, column; 1-based, in the file as it
    was read, end exclusive), ``before`` and ``after`` (the text replaced and the text written)."""
    files = []
    for result in results:
        if not (result.diagnostics or result.status != "unchanged"):
            continue  # files with nothing to report are counted in the summary only
        entry: dict[str, object] = {
            "path": result.path,
            "status": result.status,
            "error": result.error,
            "reason": result.reason,
            "findings": [
                {
                    "code": d.code,
                    "name": d.name,
                    "cell": d.cell,
                    "line": d.line,
                    "column": d.column,
                    "end_line": d.end_line,
                    "end_column": d.end_column,
                    "message": d.message,
                    "fix": d.fix,
                    "applied": d.applied,
                }
                for d in result.diagnostics
            ],
        }
        if mode == "diff":
            entry["diff"] = result.diff
        if mode == "apply" and result.record is not None:
            entry["edits"] = [edit.to_json() for edit in result.record]
        files.append(entry)
    for error in path_errors:
        path, _, message = error.partition(": error: ")
        files.append({"path": path, "status": "error", "error": message, "findings": []})
    summary = asdict(Summary.of(results, errors=len(path_errors)))
    for key in ("safe", "unsafe"):
        summary.pop(key)
    document = {
        "version": 1, "mode": mode, "target": target, "as_of": as_of or None, "files": files, "summary": summary, **(extra or {})
    }
    return json.dumps(document, indent=2)
