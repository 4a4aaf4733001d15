"""Where a run's results go: the chosen format, the output file, statistics, the baseline, added
suppression comments, and the exit code. The command line builds one :class:`Output` per run.

Text is printed as results arrive (the other formats are one document at the end). ``--output-file``
sends the report to a file instead of stdout (in ``diff`` mode the patch stays on stdout). With a baseline,
the findings it holds are left out of every format, of the summary and of the exit code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import cache, cached_property
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from codemod.applicability import fix_applies
from codemod.catalog import today
from codemod.config import Settings
from codemod.report import Summary
from codemod.report import json as json_report
from codemod.report import text as text_report
from codemod.report.files import Sources
from codemod.runner import DIFF, FileResult

if TYPE_CHECKING:
    from rich.console import Console


@cache
def stderr_console() -> Console:
    """The console for messages on stderr, made on first use (importing rich costs ~50 ms of start-up)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DOCUMENT_FORMATS = ("json", "sarif", "github", "gitlab")


class UsageError(Exception):
    """Options that do not go together (exit code 2)."""


@dataclass
class Extra:
    """The options about output and the run's verdict (not about what the engine does)."""

    output_file: Path | None = None
    exit_zero: bool = False
    statistics: bool = False
    rules_url: str | None = None
    stdin_filename: str | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    add_ignore: bool = False

    @classmethod
    def take(cls, options: dict[str, object]) -> Extra:
        """Pop these options out of the command's keyword arguments (the rest are settings)."""
        return cls(**{f.name: options.pop(f.name) for f in fields(cls) if f.name in options})  # type: ignore[arg-type]


def statistics(results: list[FileResult], unsafe_fixes: bool) -> list[dict[str, object]]:
    """Per rule: findings, fixed, left, and how many of those left apply would fix."""
    rows: dict[str, dict[str, object]] = {}
    for diagnostic in (d for r in results for d in r.diagnostics):
        row = rows.setdefault(diagnostic.code, {"code": diagnostic.code, "name": diagnostic.name, "count": 0, "fixed": 0, "remaining": 0, "fixable": 0})
        row["count"] += 1  # type: ignore[operator]
        if diagnostic.applied:
            row["fixed"] += 1  # type: ignore[operator]
        else:
            row["remaining"] += 1  # type: ignore[operator]
            row["fixable"] += fix_applies(diagnostic.fix, unsafe_fixes)  # type: ignore[operator]
    return sorted(rows.values(), key=lambda row: (-row["count"], row["code"]))  # type: ignore[operator]


def statistics_text(rows: list[dict[str, object]], mode: str) -> str:
    width = max((len(str(row["count"])) for row in rows), default=1)
    lines = []
    for row in rows:
        if mode == "apply":
            lines.append(f"{row['count']:>{width}}\t{row['code']}\t{row['name']}\t({row['fixed']} fixed, {row['remaining']} left)")
        else:
            marker = "[*]" if row["fixable"] else "[ ]"
            lines.append(f"{row['count']:>{width}}\t{row['code']}\t{marker} {row['name']}")
    return "\n".join(lines)


class Output:
    def __init__(self, mode: str, fmt: str, settings: Settings, quiet: bool, extra: Extra,
                 sources: Sources | None = None, to_stderr: bool = False) -> None:
        self.mode, self.fmt, self.settings, self.quiet, self.extra = mode, fmt, settings, quiet, extra
        self.sources = sources or Sources()
        if extra.statistics and fmt not in ("text", "json"):
            raise UsageError("--statistics prints text or JSON: use --format text or --format json")
        if (extra.baseline or extra.write_baseline or extra.add_ignore) and mode != "check":
            raise UsageError("--baseline, --write-baseline and --add-ignore belong to check")
        self._handle: IO[str] | None = None
        if extra.output_file is not None:
            try:
                # Open for the whole run (text is written as results arrive); closed by finish().
                self._handle = open(extra.output_file, "w", encoding="utf-8", newline="")  # noqa: SIM115
            except OSError as error:
                raise UsageError(f"--output-file {extra.output_file}: {error.strerror or error}") from error
        # The report goes to stdout (or the output file); to stderr when stdout carries a patch or source.
        self._report_to_stderr = (to_stderr or mode == DIFF) and self._handle is None
        self.baseline = None
        if extra.baseline is not None:
            from codemod.baseline import Baseline, BaselineError

            try:
                self.baseline = Baseline.load(extra.baseline)
            except BaselineError as error:
                raise UsageError(str(error)) from error
        self.results: list[FileResult] = []  # as reported (without the baseline's findings)
        self.all_results: list[FileResult] = []

    @property
    def err(self) -> Console:
        return stderr_console()

    @cached_property
    def console(self) -> Console:
        """The report's console (text format)."""
        if self._report_to_stderr:
            return self.err
        from rich.console import Console

        if self._handle is not None:
            return Console(file=self._handle, highlight=False, soft_wrap=True, no_color=True)
        return Console(highlight=False, soft_wrap=True)

    @property
    def record_edits(self) -> bool:
        """SARIF carries fixes as edits; apply's JSON lists the edits made."""
        return self.fmt == "sarif" or (self.fmt == "json" and self.mode == "apply")

    def on_result(self, result: FileResult) -> None:
        self.all_results.append(result)
        if self.baseline is not None:
            result = self.baseline.filter(result, self.sources)
        self.results.append(result)
        if self.fmt == "text" and not (self.extra.statistics or self.extra.write_baseline or self.extra.add_ignore):
            if self.mode == DIFF and result.diff:
                text_report.print_diff(result.diff)
            text_report.print_file(self.console, result, self.mode, self.settings.unsafe_fixes)

    def _emit(self, text: str) -> None:
        if self._handle is not None:
            self._handle.write(text + "\n")
        elif self._report_to_stderr:
            click.echo(text, err=True)
        else:
            click.echo(text)

    def finish(self, path_errors: list[str]) -> int:
        """Write the report (or the baseline, or the comments) and return the exit code."""
        try:
            return self._finish(path_errors)
        finally:
            if self._handle is not None:
                self._handle.close()

    def _finish(self, path_errors: list[str]) -> int:
        summary = Summary.of(self.results, errors=len(path_errors), unsafe_fixes=self.settings.unsafe_fixes)
        if self.extra.write_baseline is not None:
            return self._write_baseline(path_errors, summary)
        if self.extra.add_ignore:
            return self._add_ignore(path_errors)
        stale = self.baseline.stale() if self.baseline is not None else []
        if self.extra.statistics:
            rows = statistics(self.results, self.settings.unsafe_fixes)
            self._emit(json.dumps(rows, indent=2) if self.fmt == "json" else statistics_text(rows, self.mode))
        elif self.fmt == "json":
            extra = None
            if self.baseline is not None:
                extra = {"baseline": {"file": str(self.baseline.file), "matched": self.baseline.matched,
                                      "stale": [entry.to_json() for entry in stale]}}
            self._emit(json_report.render(self.results, self.settings.target, path_errors, self.mode, extra, self.settings.as_of))
        elif self.fmt in DOCUMENT_FORMATS:
            self._emit(self._document(path_errors))
        if self.fmt != "json":
            self._text_tail(path_errors, summary, stale)
        if summary.errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if summary.remaining and not self.extra.exit_zero else EXIT_CLEAN

    def _document(self, path_errors: list[str]) -> str:
        if self.fmt == "sarif":
            from codemod.report import sarif

            return sarif.render(self.results, path_errors, self.mode, self.sources, self.extra.rules_url)
        if self.fmt == "github":
            from codemod.report import github

            return github.render(self.results, path_errors, self.mode, self.sources)
        from codemod.report import gitlab

        return gitlab.render(self.results, path_errors, self.mode, self.sources)

    def _text_tail(self, path_errors: list[str], summary: Summary, stale: list) -> None:
        """Errors, stale baseline entries and the summary line, for people (stderr for document formats)."""
        console = self.console if self.fmt == "text" else self.err
        for message in path_errors:
            self.err.print(message, markup=False, style="bold red")
        if self.baseline is not None and not self.quiet:
            note = f"{self.baseline.matched} finding{'s' if self.baseline.matched != 1 else ''} in the baseline not shown."
            if stale:
                note += (f" {len(stale)} baseline entr{'ies no longer match' if len(stale) != 1 else 'y no longer matches'}"
                         " (fixed or changed; --write-baseline rewrites the file):")
            self.err.print(note, markup=False)
            for entry in stale:
                cell = f"cell {entry.cell}:" if entry.cell is not None else ""
                self.err.print(f"  {entry.path}:{cell}{entry.line}: {entry.code} {entry.message}", markup=False)
        if not self.quiet and self.fmt == "text" and not self.extra.statistics:
            pinned = self.settings.as_of if self.settings.as_of != today() else ""
            console.print(text_report.summary_line(summary, self.mode, pinned), markup=False)

    def _write_baseline(self, path_errors: list[str], summary: Summary) -> int:
        from codemod.baseline import write

        assert self.extra.write_baseline is not None
        try:
            count = write(self.extra.write_baseline, self.all_results, self.sources)
        except OSError as error:
            self.err.print(f"error: cannot write {self.extra.write_baseline}: {error.strerror or error}", markup=False)
            return EXIT_ERROR
        for message in path_errors:
            self.err.print(message, markup=False, style="bold red")
        for result in self.all_results:
            if result.error:
                self.err.print(f"{result.path}: error: {result.error}", markup=False, style="bold red")
        self._emit(f"Wrote {count} finding{'s' if count != 1 else ''} to the baseline {self.extra.write_baseline}.")
        return EXIT_ERROR if summary.errors else EXIT_CLEAN

    def _add_ignore(self, path_errors: list[str]) -> int:
        from codemod.add_ignore import add_ignores

        outcome = add_ignores(self.all_results, self.settings)
        errors = path_errors + [f"{r.path}: error: {r.error}" for r in self.all_results if r.error] + outcome.errors
        for message in errors:
            self.err.print(message, markup=False, style="bold red")
        for message in outcome.not_added:
            self._emit(message)
        self._emit(f"Added {outcome.added} suppression comment{'s' if outcome.added != 1 else ''} in {outcome.files} file{'s' if outcome.files != 1 else ''}.")
        if errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if outcome.not_added and not self.extra.exit_zero else EXIT_CLEAN

