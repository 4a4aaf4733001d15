"""Command-line options about output and the verdict (``codemod/report/output.py`` reads them) and the
ones only ``check`` has (baseline, added suppressions). Kept here so the commands in ``cli.py`` stay short."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

FORMATS = ["text", "json", "sarif", "github", "gitlab"]


def _apply(function: Callable, options: list[Callable]) -> Callable:
    for option in reversed(options):
        function = option(function)
    return function


def output_options(function: Callable) -> Callable:
    """For check, diff and apply."""
    return _apply(function, [
        click.option("--output-file", "-o", type=click.Path(dir_okay=False, path_type=Path),
                     help="Write the report to FILE instead of stdout."),
        click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain (errors still exit 2)."),
        click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of the findings."),
        click.option("--stdin-filename", metavar="PATH",
                     help="With '-' as the path: the file name of the source read from stdin (its configuration, "
                          "excludes and notebook-ness are resolved for PATH)."),
        click.option("--rules-url", metavar="URL",
                     help="Base URL of the rule pages (docs/rules/ of this repository at a tag), for SARIF helpUri."),
    ])


def check_options(function: Callable) -> Callable:
    """For check only."""
    return _apply(function, [
        click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
                     help="Report (and fail on) only findings not in this baseline file."),
        click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
                     help="Write every current finding to this baseline file and exit 0."),
        click.option("--add-ignore", is_flag=True,
                     help="Add a '# claude-migrate: ignore[CODE]' comment on the line of every current finding."),
    ])
