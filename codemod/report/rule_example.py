"""The ``## Example`` section of a rule's page: one of its fixtures, as a diff (see ``rule_page.py``)."""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:
    from codemod.findings import Rule
    from codemod.report.rule_page import RuleEntry

EXAMPLE_CASE = "docs_example"


@dataclass(frozen=True)
class FixtureCase:
    directory: Path

    @property
    def name(self) -> str:
        return f"fixtures/{self.directory.parent.name}/{self.directory.name}"

    def text(self, file: str) -> str:
        data = (self.directory / file).read_bytes()
        return data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")

    @property
    def tree(self) -> bool:
        """A small project (``input/`` -> ``output/``) rather than one module."""
        return (self.directory / "input").is_dir()

    def files(self, which: str) -> dict[str, str]:
        root = self.directory / which
        return {p.relative_to(root).as_posix(): self.text(f"{which}/{p.relative_to(root).as_posix()}")
                for p in sorted(root.rglob("*")) if p.is_file()}

    @property
    def size(self) -> int:
        return sum(len(text) for text in self.files("input").values()) if self.tree else len(self.text("input.py"))

    @property
    def changed(self) -> bool:
        if self.tree:
            return self.files("input") != self.files("output")
        return (self.directory / "input.py").read_bytes() != (self.directory / "output.py").read_bytes()

    @property
    def findings(self) -> list[str]:
        return [line.strip() for line in self.text("findings.txt").splitlines() if line.strip() and not line.startswith("#")]

    @property
    def options(self) -> list[str]:
        """The command-line options that reproduce the case's settings (``case.toml``)."""
        path = self.directory / "case.toml"
        settings = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        options = []
        if "target" in settings:
            options.append(f"--target {settings['target']}")
        if "as-of" in settings:
            options.append(f"--as-of {settings['as-of']}")
        for key in ("select", "ignore"):
            if key in settings:
                value = settings[key]
                options.append(f"--{key} {','.join(value) if isinstance(value, list) else value}")
        if settings.get("unsafe-fixes"):
            options.append("--unsafe-fixes")
        return options


def _cases(code: str, fixtures: Path) -> list[FixtureCase]:
    return [FixtureCase(d) for d in sorted((fixtures / code).glob("*")) if (d / "input.py").is_file() or (d / "input").is_dir()]


def _report_only(rule: Rule) -> bool:
    return getattr(rule, "fix", "") == "report" or getattr(rule, "fixes", None) == ()


def example_case(entry: RuleEntry, fixtures: Path) -> FixtureCase | None:
    """The fixture the page shows: ``docs_example``, else the shortest input the fixes change among the cases
    where the rule reports something (for a rule that only reports: the shortest that stays as it is)."""
    cases = _cases(entry.code, fixtures)
    for case in cases:
        if case.directory.name == EXAMPLE_CASE:
            return case
    # A case with a project around its input (``project/``) cannot be read on its own: shown only if no other.
    cases = [case for case in cases if not (case.directory / "project").is_dir()] or cases
    reported = [case for case in cases if any(line.split()[-1] == entry.code for line in case.findings)] or cases
    changed = [case for case in reported if case.changed]
    unchanged = [case for case in reported if not case.changed]
    preferred = (unchanged or changed) if _report_only(entry.rule) else (changed or unchanged)
    return min(preferred, key=lambda case: (case.size, case.name), default=None)


def _fence(text: str, language: str) -> list[str]:
    ticks = "```"
    while ticks in text:
        ticks += "`"
    return [f"{ticks}{language}", text.rstrip("\n"), ticks]


def render_example(entry: RuleEntry, fixtures: Path) -> str:
    if not fixtures.is_dir():  # an installed wheel: the fixtures stay in the source repository
        return f"See the fixtures under `fixtures/{entry.code}/` in the source repository."
    case = example_case(entry, fixtures)
    if case is None:
        return f"No fixture yet: add one under `fixtures/{entry.code}/`."
    command = " ".join(["claude-migrate diff", *case.options])
    if case.tree:
        return _render_tree(case, command)
    lines: list[str] = []
    if case.changed:
        before, after = case.text("input.py"), case.text("output.py")
        before_lines, after_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
        context = max(len(before_lines), len(after_lines))  # the whole file: the client and imports matter
        diff = "".join(
            line if line.endswith("\n") else line + "\n"
            for line in difflib.unified_diff(before_lines, after_lines, "input.py", "output.py", n=context)
        )
        lines.append(f"`{case.name}`, as `{command}` shows it:")
        lines.append("")
        lines.extend(_fence(diff, "diff"))
        if _report_only(entry.rule):
            lines.append("")
            lines.append(f"{entry.code} itself rewrites nothing; the changes above are other rules' fixes.")
    else:
        lines.append(f"`{case.name}` (reported, not rewritten):")
        lines.append("")
        lines.extend(_fence(case.text("input.py"), "python"))
    lines.append("")
    lines.append("Findings (`line:column CODE`, in input.py):")
    lines.append("")
    lines.extend(_fence("\n".join(case.findings) or "(none)", "text"))
    return "\n".join(lines)


def _render_tree(case: FixtureCase, command: str) -> str:
    """A project case: each file, as a diff where the fixes change it, as it is otherwise."""
    before, after = case.files("input"), case.files("output")
    lines = [f"`{case.name}`, a project of {len(before)} files, as `{command} .` shows it:"]
    for path, text in before.items():
        lines += ["", f"`{path}`:", ""]
        if after.get(path, text) == text:
            lines.extend(_fence(text, "python" if path.endswith(".py") else "toml" if path.endswith((".toml", ".lock", "Pipfile")) else "text"))
            continue
        old, new = text.splitlines(keepends=True), after[path].splitlines(keepends=True)
        diff = "".join(
            line if line.endswith("\n") else line + "\n"
            for line in difflib.unified_diff(old, new, f"a/{path}", f"b/{path}", n=max(len(old), len(new)))
        )
        lines.extend(_fence(diff, "diff"))
    lines += ["", "Findings (`path line:column CODE`):", ""]
    lines.extend(_fence("\n".join(case.findings) or "(none)", "text"))
    return "\n".join(lines)
