"""The default report: ``path:line:col: CODE message`` per finding and a summary line.

A notebook finding reads ``path:cell N:line:col: CODE message`` (ruff's form), its line and column
inside cell N. A file left out although it mentions the SDK (a notebook in another language) gets
``path: skipped: reason``, even with ``--quiet``: a run never drops such a file silently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from codemod.applicability import fix_applies
from codemod.report import Summary
from codemod.results import Diagnostic
from codemod.runner import FileResult

if TYPE_CHECKING:  # rich is imported by the first line printed through it
    from rich.console import Console
    from rich.text import Text


def _marker(diagnostic: Diagnostic, mode: str, unsafe_fixes: bool) -> tuple[str, str]:
    if diagnostic.applied:
        return "[fixed]", "green"
    if diagnostic.fix is not None and not fix_applies(diagnostic.fix, unsafe_fixes):
        if fix_applies(diagnostic.fix, True):
            return "[unsafe fix: --unsafe-fixes]", "yellow"
        return f"[{diagnostic.fix} fix]", "yellow"  # display-only: shown, never applied
    if diagnostic.fix is not None:
        if mode == "apply":
            return "[not fixed: conflicting edit]", "red"
        return f"[{diagnostic.fix} fix]", "green" if diagnostic.fix == "safe" else "yellow"
    return "[manual]", "magenta"


def finding_line(path: str, diagnostic: Diagnostic, mode: str, unsafe_fixes: bool = False) -> Text:
    from rich.text import Text

    marker, style = _marker(diagnostic, mode, unsafe_fixes)
    line = Text()
    cell = f"cell {diagnostic.cell}:" if diagnostic.cell is not None else ""
    line.append(f"{path}:{cell}{diagnostic.line}:{diagnostic.column}:", style="bold")
    line.append(" ")
    line.append(diagnostic.code, style="bold red")
    line.append(f" {diagnostic.message} ")
    line.append(marker, style=style)
    return line


def print_file(console: Console, result: FileResult, mode: str, unsafe_fixes: bool) -> None:
    from rich.text import Text

    lines: list[Text] = []
    if result.error:
        lines.append(Text(f"{result.path}: error: {result.error}", style="bold red"))
    if result.reason:
        lines.append(Text(f"{result.path}: skipped: {result.reason}", style="yellow"))
    shown = result.remaining if mode == "apply" else result.diagnostics
    lines.extend(finding_line(result.path, diagnostic, mode, unsafe_fixes) for diagnostic in shown)
    if lines and _writes_plain_text(console) and not any("\t" in line.plain for line in lines):
        # What rich would write without colours (soft wrap: no wrapping, no cropping), at a fraction of
        # its cost per line: a tree with thousands of findings prints them in milliseconds.
        console.file.write("".join(f"{line.plain}\n" for line in lines))
        return
    for line in lines:
        console.print(line)


def _writes_plain_text(console: Console) -> bool:
    return console.color_system is None and console.soft_wrap and not console.is_jupyter and not console.legacy_windows


def print_diff(diff: str) -> None:
    """Write a unified diff to stdout byte-faithfully (tabs, CR) and coloured only on a terminal.

    rich is not used here: it expands tabs, which would make the patch not apply.
    """
    for line in diff.splitlines(keepends=True):
        style: dict[str, object] = {}
        if line.startswith(("+++", "---")):
            style = {"bold": True}
        elif line.startswith("+"):
            style = {"fg": "green"}
        elif line.startswith("-"):
            style = {"fg": "red"}
        elif line.startswith("@@"):
            style = {"fg": "cyan"}
        body = line.rstrip("\r\n")
        click.echo(click.style(body, **style) + line[len(body):], nl=False)  # type: ignore[arg-type]


def summary_line(summary: Summary, mode: str, as_of: str = "") -> str:
    """The closing line; ``as_of``: the day model statuses were resolved for, when it is not today."""
    parts: list[str] = []
    if mode == "apply":
        if summary.findings == 0:
            parts.append(f"Nothing to migrate in {summary.files} file{'s' if summary.files != 1 else ''}.")
        else:
            parts.append(
                f"Fixed {summary.fixed} of {summary.findings} findings in {summary.changed} "
                f"file{'s' if summary.changed != 1 else ''}; {summary.remaining} remaining"
            )
            if summary.unsafe:
                parts[-1] += f" ({summary.unsafe} fixable with --unsafe-fixes)"
            parts[-1] += "."
    elif summary.findings == 0:
        parts.append(f"Nothing to migrate in {summary.files} file{'s' if summary.files != 1 else ''}.")
    else:
        manual = summary.remaining - summary.safe - summary.unsafe
        parts.append(
            f"Found {summary.findings} finding{'s' if summary.findings != 1 else ''} in "
            f"{summary.files} file{'s' if summary.files != 1 else ''}: {summary.safe} fixable by apply, "
            f"{summary.unsafe} more with --unsafe-fixes, {manual} to change by hand."
        )
    if summary.not_analysed:
        several = summary.not_analysed != 1
        parts.append(f"{summary.not_analysed} file{'s' if several else ''} not analysed (skipped, see above).")
    if summary.errors:
        parts.append(f"{summary.errors} file{'s' if summary.errors != 1 else ''} could not be processed.")
    if as_of:
        parts.append(f"Model statuses as of {as_of}.")
    return " ".join(parts)
