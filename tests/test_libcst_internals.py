"""The private libcst names the analysis uses (``codemod/libcst_compat.py``): present on the installed
libcst, and, when a release removes or changes one, a loud stop with a clear message, not a wrong answer.

The oracle tests (``test_walk.py``, ``test_positions.py``, ``test_scopes.py``) check that what is built
on them still answers exactly as libcst does.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from importlib.metadata import version
from pathlib import Path

import libcst as cst
import libcst._nodes.internal as libcst_internal
import pytest
from libcst.metadata.position_provider import PositionProvidingCodegenState

from codemod import libcst_compat, positions
from codemod.libcst_compat import (
    SUPPORTED_LIBCST,
    check_libcst_internals,
    unsupported_message,
)
from codemod.parallel import POOL_THRESHOLD

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
INSTALLED = version("libcst")


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def test_the_installed_libcst_has_everything() -> None:
    assert check_libcst_internals() == []


def test_the_supported_range_is_the_pin_in_pyproject() -> None:
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert f"libcst{SUPPORTED_LIBCST}" in dependencies
    assert re.fullmatch(r">=[\d.]+,<[\d.]+", SUPPORTED_LIBCST)  # a lower and an upper bound


def test_the_installed_libcst_is_in_the_supported_range() -> None:
    lower, upper = (_version(bound) for bound in SUPPORTED_LIBCST.split(","))
    assert lower <= _version(INSTALLED) < upper, (INSTALLED, SUPPORTED_LIBCST)


def test_the_hooks_checked_are_the_ones_positions_overrides() -> None:
    recorder = vars(positions._RangeRecorder)
    overridden = {name for name, value in recorder.items() if callable(value) and not name.startswith("_")}
    assert overridden == set(libcst_compat.CODEGEN_HOOKS)


# A libcst release without one of the names, or where one behaves differently --------------------------


def _skip_fields(self: cst.CSTNode, visitor: cst.CSTVisitor) -> cst.CSTNode:
    return self  # visits nothing and reports no field: walk() would silently see no children


def _write_around_add_token(self: cst.Name, state: object) -> None:
    state.tokens.append(self.value)  # type: ignore[attr-defined]  # positions.py would not count it


@pytest.mark.parametrize(
    ("owner", "name", "replacement", "named"),
    [
        (cst.CSTNode, "_visit_and_replace_children", None, "libcst.CSTNode._visit_and_replace_children"),
        (cst.CSTNode, "_codegen", None, "libcst.CSTNode._codegen"),
        (libcst_internal, "CodegenState", None, "libcst._nodes.internal.CodegenState"),
        (libcst_internal.CodegenState, "record_syntactic_position", None, "record_syntactic_position"),
        (cst.Attribute, "_visit_and_replace_children", _skip_fields, "libcst.CSTNode._visit_and_replace_children"),
        (PositionProvidingCodegenState, "increase_indent", lambda self, value: None, "increase_indent"),
        (cst.Name, "_codegen_impl", _write_around_add_token, "add_token"),
    ],
    ids=["no-visit-children", "no-codegen", "no-state", "no-hook", "visit-changed", "protocol-grew", "codegen-wrote"],
)
def test_a_release_without_a_name_or_with_a_changed_one_is_reported(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str, replacement: object, named: str
) -> None:
    if replacement is None:
        monkeypatch.delattr(owner, name)
    else:
        monkeypatch.setattr(owner, name, replacement, raising=False)
    problems = check_libcst_internals()
    assert problems and any(named in problem for problem in problems), problems
    message = unsupported_message(problems)
    assert f"libcst {INSTALLED} is not supported" in message
    assert named in message
    assert f"Supported libcst versions: {SUPPORTED_LIBCST}" in message


# The same, end to end: a libcst patched before claude-migrate is imported ----------------------------

# Loaded by every Python process started with this directory on PYTHONPATH (workers included): the
# libcst of a release that dropped ``CodegenState`` from ``libcst._nodes.internal``.
SITECUSTOMIZE = """
import libcst._nodes.internal
del libcst._nodes.internal.CodegenState
"""


def _patched_libcst(tmp_path: Path) -> dict[str, str]:
    """The environment of a process (and its workers) that sees the patched libcst."""
    patch = tmp_path / "patch"
    patch.mkdir()
    (patch / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(patch), str(ROOT)]), "NO_COLOR": "1"}


def _assert_clear_message(text: str) -> None:
    assert f"libcst {INSTALLED} is not supported" in text, text
    assert "libcst._nodes.internal.CodegenState" in text, text
    assert f"Supported libcst versions: {SUPPORTED_LIBCST}" in text, text


def test_importing_the_analysis_fails_loudly(tmp_path: Path) -> None:
    probe = textwrap.dedent(
        """
        from codemod.results import UnsupportedLibcst
        try:
            import codemod.engine
        except UnsupportedLibcst as error:
            print(error)
        else:
            raise SystemExit("imported without complaint")
        """
    )
    command = [sys.executable, "-c", probe]
    out = subprocess.run(command, capture_output=True, text=True, env=_patched_libcst(tmp_path), cwd=tmp_path, check=False)
    assert out.returncode == 0, out.stderr
    _assert_clear_message(out.stdout)


@pytest.mark.parametrize("files", [1, POOL_THRESHOLD + 8], ids=["one-process", "worker-pool"])
def test_the_cli_prints_the_message_once_and_exits_2(tmp_path: Path, files: int) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for index in range(files):  # every file mentions the SDK: each would be parsed
        (project / f"app{index}.py").write_text("import anthropic\nanthropic.Anthropic()\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "codemod", "check", "--no-cache", "-j", "2", str(project)],
        capture_output=True, text=True, env=_patched_libcst(tmp_path), cwd=tmp_path, timeout=120, check=False,
    )
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert out.stderr.count("is not supported") == 1, out.stderr
    assert out.stderr.startswith("error: libcst "), out.stderr
    assert "Traceback" not in out.stderr + out.stdout
    _assert_clear_message(out.stderr)

