"""The command line: parses options, calls the runner, picks a reporter. No migration logic here."""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from codemod import __version__
from codemod.cache import CACHE_DIR_NAME, Cache, default_cache_dir
from codemod.catalog import load_catalog
from codemod.cli_options import FORMATS, check_options, output_options
from codemod.config import ConfigError, load_settings
from codemod.discover import discover
from codemod.report.output import Extra, Output, UsageError, stderr_console
from codemod.results import UnsupportedLibcst
from codemod.runner import APPLY, CHECK, DIFF, FileResult, run

if TYPE_CHECKING:  # rich is imported when something is printed through it: a JSON run never is
    from rich.console import Console

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # 128 + SIGINT, 128 + SIGTERM, as shells report them


class _Terminated(BaseException):
    """SIGTERM, turned into an exception so the run stops the way Ctrl-C stops it (a BaseException, as
    KeyboardInterrupt is: the engine's guard against a crashing rule must not swallow it)."""


def _terminate(signum: int, frame: object) -> None:
    raise _Terminated()


def _run_options(function: Callable) -> Callable:
    options = [
        click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
        click.option("--target", metavar="MODEL", help="Model to migrate calls to (default: claude-opus-4-8)."),
        click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Resolve model statuses for this day (default: today)."),
        click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True),
        click.option("--select", metavar="CODES", help="Only these rule codes or prefixes (comma list, e.g. CM1,CM201)."),
        click.option("--ignore", metavar="CODES", help="Skip these rule codes or prefixes (comma list)."),
        click.option("--exclude", metavar="GLOB", multiple=True, help="Exclude paths matching GLOB (gitignore syntax); repeatable."),
        click.option("--force-exclude", is_flag=True, default=None, help="Apply excludes to files named on the command line too."),
        click.option("--unsafe-fixes", is_flag=True, default=None, help="Also apply fixes that may change behaviour."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: all cores)."),
        click.option("--quiet", "-q", is_flag=True, help="Print only findings and errors, no summary."),
        click.option("--no-progress", is_flag=True, help="No progress bar (shown on a terminal for large runs)."),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the cache of results by file content."),
        click.option(
            "--cache-dir",
            type=click.Path(file_okay=False, path_type=Path),
            help=f"Where the cache lives (default: {CACHE_DIR_NAME} beside the pyproject.toml, else here).",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return output_options(function)


class _Main(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except UnsupportedLibcst as error:
            # The installed libcst lacks an internal the analysis needs (libcst_compat.py): no file can be
            # analysed. Raised once, by the first parse (in a worker process, it reaches here through the
            # pool), and shown once, as an error, with no traceback.
            click.echo(f"error: {error}", err=True)
            ctx.exit(EXIT_ERROR)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claude-migrate")
def main() -> None:
    """Migrate Python code that calls Claude to newer models and anthropic SDK releases."""


PROGRESS_THRESHOLD = 300  # files; below this a run is quick enough to need no progress bar


def _execute(mode: str, paths: tuple[Path, ...], output_format: str, quiet: bool, **overrides: object) -> None:
    extra = Extra.take(overrides)
    no_progress = bool(overrides.pop("no_progress", False))
    no_cache = bool(overrides.pop("no_cache", False))
    cache_dir = overrides.pop("cache_dir", None)
    given = list(paths) or [Path(".")]
    overrides = {k: (v or None) if k == "exclude" else v for k, v in overrides.items()}
    try:
        if [str(path) for path in given] == ["-"]:
            from codemod.stdin import run_stdin

            sys.exit(run_stdin(mode, output_format, quiet, extra, overrides))
        if extra.stdin_filename:
            raise UsageError("--stdin-filename goes with '-' as the only path (the source is read from stdin)")
        settings = load_settings(given, overrides)
        output = Output(mode, output_format, settings, quiet, extra)
    except (ConfigError, UsageError) as error:
        stderr_console().print(f"error: {error}", markup=False)
        sys.exit(EXIT_ERROR)
    files, path_errors = discover(given, settings.exclude, settings.force_exclude)
    cache = None if no_cache else Cache(cache_dir or default_cache_dir(settings), settings)  # type: ignore[arg-type]
    show = output.on_result

    progress = None
    if not (quiet or no_progress) and len(files) >= PROGRESS_THRESHOLD and sys.stderr.isatty() and stderr_console().is_terminal:
        from rich.progress import Progress

        # On stderr, removed when done; findings printed meanwhile appear above it (stdout is redirected).
        progress = Progress(console=stderr_console(), transient=True)
        task = progress.add_task("checking", total=len(files))

        def show_and_count(result: FileResult) -> None:
            show(result)
            progress.advance(task)

    signal.signal(signal.SIGTERM, _terminate)
    try:
        if progress is None:
            run(files, settings, mode, on_result=show, cache=cache, record_edits=output.record_edits)
        else:
            with progress:
                run(files, settings, mode, on_result=show_and_count, cache=cache, record_edits=output.record_edits)
    except (KeyboardInterrupt, _Terminated) as interruption:
        # Files are written whole (write.py) and workers stop between files: every file is either
        # migrated or untouched.
        stderr_console().print("interrupted: every file is either migrated or untouched", markup=False, style="bold red")
        sys.exit(EXIT_TERMINATED if isinstance(interruption, _Terminated) else EXIT_INTERRUPTED)
    sys.exit(output.finish(path_errors))


@main.command()
@_run_options
@check_options
def check(paths: tuple[Path, ...], output_format: str, quiet: bool, **options: object) -> None:
    """Report every site that needs migrating and what apply would do; writes nothing."""
    _execute(CHECK, paths, output_format, quiet, **options)


@main.command()
@_run_options
def diff(paths: tuple[Path, ...], output_format: str, quiet: bool, **options: object) -> None:
    """Print the unified diff that apply would write; writes nothing."""
    _execute(DIFF, paths, output_format, quiet, **options)


@main.command()
@_run_options
def apply(paths: tuple[Path, ...], output_format: str, quiet: bool, **options: object) -> None:
    """Write the fixes and report what is left."""
    _execute(APPLY, paths, output_format, quiet, **options)


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules(output_format: str) -> None:
    """List every rule: code, name, what it fixes, fix safety."""
    from codemod.report import rule_page
    from codemod.rules import all_rules

    known = all_rules()
    if output_format == "markdown":  # the table of docs/rules/README.md
        click.echo(rule_page.index_table(links=False))
        return
    if output_format == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "summary": r.summary, "fix": r.fix} for r in known], indent=2))
        return
    from rich.table import Table

    table = Table()
    table.add_column("Code", no_wrap=True)
    table.add_column("Name", no_wrap=True)
    table.add_column("Summary")
    table.add_column("Fix")
    for rule in known:
        table.add_row(rule.code, rule.name, rule.summary, rule.fix)
    _console_for_tables().print(table)


def _rule_page(code: str) -> str | None:
    """A rule's documentation page (Markdown), without the generator's comment; None for an unknown code."""
    from codemod.report import rule_page

    text = rule_page.page_text(code)
    if text is None:
        return None
    return "\n".join(line for line in text.splitlines() if line != rule_page.GENERATED).rstrip("\n")


@main.command()
@click.argument("code")
def rule(code: str) -> None:
    """Print the documentation page of rule CODE (CM201, say): what it does, why, an example, sources."""
    text = _rule_page(code)
    if text is None:
        click.echo(f"error: unknown rule code: {code} (claude-migrate rules lists them)", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(text)


def _console_for_tables() -> Console:
    from rich.console import Console

    console = Console(highlight=False)
    # Piped output has no terminal width; give tables room instead of 80 columns.
    return console if console.is_terminal else Console(highlight=False, width=250)


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="Include retired models.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Statuses on this day (default: today, or as-of in pyproject.toml).")
@click.option("--target", metavar="MODEL", help="The target the Moves-to column is computed for (default: the configured one).")
@click.option("--check-sdk", is_flag=True, help="Compare the catalogue with the installed anthropic SDK; exit 1 if the SDK knows more.")
@click.option("--python", "python", metavar="PATH", help="With --check-sdk: the interpreter whose anthropic to read (default: the active virtualenv's, else this one).")
def models(output_format: str, show_all: bool, as_of: str | None, target: str | None, check_sdk: bool, python: str | None) -> None:
    """Show the model catalogue on a day: status, where each model moves, IDs per platform, capabilities."""
    from codemod.report import models as models_report

    if check_sdk:
        sys.exit(_check_sdk(output_format, python))
    try:
        settings = load_settings([Path.cwd()], {"as_of": as_of, "target": target})
    except ConfigError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    catalog = load_catalog(settings.as_of)
    chosen = catalog.get(settings.target)
    assert chosen is not None
    if output_format == "json":
        click.echo(models_report.render_json(catalog, chosen, settings.replacements, show_all))
        return
    models_report.print_table(_console_for_tables(), catalog, chosen, settings.replacements, show_all)


def _check_sdk(output_format: str, python: str | None) -> int:
    """``models --check-sdk``: 0 in sync (or only behind an older SDK), 1 the SDK knows more, 2 no SDK."""
    from codemod.catalog.sdk_drift import SdkUnavailable, compare, read_sdk

    try:
        sdk = read_sdk(python)
    except SdkUnavailable as error:
        click.echo(f"error: {error}", err=True)
        return EXIT_ERROR
    drift = compare(load_catalog(), sdk)
    if output_format == "json":
        click.echo(json.dumps({
            "sdk": drift.sdk, "catalogue_sdk": drift.catalogue_sdk, "in_sync": not drift.lines,
            "unknown": drift.unknown, "deprecations": drift.deprecations, "dropped": drift.dropped, "known": drift.accepted,
        }, indent=2))
    else:
        click.echo(drift.report())
    return EXIT_FINDINGS if drift.lines else EXIT_CLEAN


if __name__ == "__main__":  # pragma: no cover
    main()
