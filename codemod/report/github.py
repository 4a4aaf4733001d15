"""``--format github``: one GitHub Actions workflow command per finding, shown as an annotation on the
pull request (``::error file=app.py,line=8,col=15,endLine=8,endColumn=32,title=CM301::message``).

Escaping as GitHub's runner decodes it: in the message ``%``, ``\\r`` and ``\\n`` become ``%25``, ``%0D``
and ``%0A``; in property values ``:`` and ``,`` also become ``%3A`` and ``%2C``. Columns are given only
for a finding on one line (GitHub ignores them otherwise). A notebook finding points at the line of the
``.ipynb`` file where its code is written, its message naming the cell. Files that could not be processed
are annotated too.
"""

from __future__ import annotations

from codemod.report.files import Sources
from codemod.results import Diagnostic
from codemod.runner import FileResult

_MARKERS = {"safe": " [safe fix: claude-migrate apply]", "unsafe": " [unsafe fix: claude-migrate apply --unsafe-fixes]"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: object) -> str:
    shown = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{level} {shown}::{escape_data(message)}" if shown else f"::{level}::{escape_data(message)}"


def _annotation(path: str, diagnostic: Diagnostic, sources: Sources) -> str:
    line, column, end_line, end_column = sources.region(path, diagnostic)
    message = diagnostic.message + _MARKERS.get(str(diagnostic.fix), "")
    if diagnostic.cell is not None:
        message = f"cell {diagnostic.cell}, line {diagnostic.line}, column {diagnostic.column}: {message}"
    one_line = line == end_line
    return command(
        "error",
        message,
        file=path,
        line=line,
        endLine=end_line,
        col=column if one_line else None,
        endColumn=end_column if one_line else None,
        title=diagnostic.code,
    )


def render(results: list[FileResult], path_errors: list[str], mode: str, sources: Sources) -> str:
    lines = []
    for result in results:
        if result.error:
            lines.append(command("error", result.error, file=result.path, title="claude-migrate"))
        shown = result.remaining if mode == "apply" else result.diagnostics
        lines += [_annotation(result.path, d, sources) for d in shown]
    for error in path_errors:
        path, _, message = error.partition(": error: ")
        lines.append(command("error", message, file=path, title="claude-migrate"))
    return "\n".join(lines)
