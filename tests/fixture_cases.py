"""Loading fixture cases: ``fixtures/<CODE>/<case>/{input.py, output.py, findings.txt[, case.toml]}``.

``findings.txt`` holds one ``line:col CODE`` per finding (positions in input.py, 1-based), in order.
A case may hold a project around its input: ``project/`` is the project root (its modules are read to follow
imported clients and factories, never rewritten) and ``path`` in ``case.toml`` says where input.py sits in it
(default ``main.py``).
``case.toml`` may set ``target``, ``unsafe-fixes``, ``select``, ``ignore``, ``as-of`` (the day model statuses are
resolved for: a case whose meaning depends on the date pins it, so the suite does not change on a later day;
``tests/test_fixtures.py`` checks that a case without it means the same today and in years) and
``replacements`` (``{ sonnet = "claude-sonnet-5-5" }``) for the case, and ``run``: Python
expressions that exercise the module (``run = ["answer('hi')"]``), evaluated by ``test_live_requests.py`` against a
recording server; ``settings()`` ignores ``run``.
``output.py`` is the exact expected result of ``apply``; when the case expects no change it equals
input.py byte for byte.

A *tree* case is a small project: ``input/`` holds its files (say ``app.py`` and ``requirements.txt``),
``output/`` the exact tree ``apply`` leaves, and ``findings.txt`` one ``path line:col CODE`` per finding
(path relative to the tree, in the runner's order: source files, then dependency files). It runs through
the real runner (discovery, both phases), for rules that look at more than one file (CM601).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from codemod.catalog import load_catalog
from codemod.config import Settings, parse_codes
from codemod.project.resolver import FileResolver, ProjectIndex

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@dataclass(frozen=True)
class Case:
    directory: Path

    @property
    def id(self) -> str:
        return f"{self.directory.parent.name}/{self.directory.name}"

    @property
    def input(self) -> bytes:
        return (self.directory / "input.py").read_bytes()

    @property
    def output(self) -> bytes:
        return (self.directory / "output.py").read_bytes()

    @property
    def findings(self) -> list[str]:
        text = (self.directory / "findings.txt").read_text(encoding="utf-8")
        return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]

    @property
    def run(self) -> list[str]:
        """The ``run`` expressions of ``case.toml`` (none when it has no ``run`` key)."""
        path = self.directory / "case.toml"
        options = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        return [str(expression) for expression in options.get("run", [])]

    @property
    def options(self) -> dict[str, object]:
        path = self.directory / "case.toml"
        return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    @property
    def project_dir(self) -> Path | None:
        """The project around input.py, when the case has one."""
        directory = self.directory / "project"
        return directory if directory.is_dir() else None

    @property
    def path_in_project(self) -> str:
        return str(self.options.get("path", "main.py"))

    def project(self) -> FileResolver | None:
        """What the runner gives the engine for input.py at ``path`` inside ``project/``."""
        if self.project_dir is None:
            return None
        return FileResolver(ProjectIndex(self.project_dir), self.project_dir / self.path_in_project)

    def settings(self, as_of: str | None = None) -> Settings:
        """The case's settings; ``as_of`` replaces the case's own day (or today, for a case without one)."""
        options = self.options
        values: dict[str, object] = {"target": options.get("target", load_catalog().default_target), "jobs": 1}
        day = as_of or options.get("as-of")
        if day is not None:
            values["as_of"] = str(day)
        if "replacements" in options:
            values["replacements"] = tuple(sorted((str(k), str(v)) for k, v in options["replacements"].items()))  # type: ignore[union-attr]
        if "unsafe-fixes" in options:
            values["unsafe_fixes"] = bool(options["unsafe-fixes"])
        for key in ("select", "ignore"):
            if key in options:
                values[key] = parse_codes(options[key], key)  # type: ignore[arg-type]
        return Settings(**values)  # type: ignore[arg-type]


def all_cases() -> list[Case]:
    return [Case(d) for d in sorted(FIXTURES.glob("*/*")) if (d / "input.py").exists()]


@dataclass(frozen=True)
class TreeCase(Case):
    """A case whose input is a directory of files (``input/``, ``output/``)."""

    def files(self, which: str) -> dict[str, bytes]:
        root = self.directory / which
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def tree_cases() -> list[TreeCase]:
    return [TreeCase(d) for d in sorted(FIXTURES.glob("*/*")) if (d / "input").is_dir()]
