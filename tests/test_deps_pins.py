"""The anthropic pins of dependency files: exact positions, PEP 440 specifiers, what a fix may edit."""

from __future__ import annotations

import pytest

from codemod.catalog.sdk_features import Feature, Floor
from codemod.deps import dependency_kind
from codemod.deps.check import check_text
from codemod.deps.pins import (
    lock_pins,
    pipfile_pins,
    pyproject_pins,
    requirements_pins,
    setup_cfg_pins,
)
from codemod.deps.specifiers import admits_from, replacement, to_pep440

FLOOR = Floor("1.15.0", Feature("speed", "keyword", "1.15.0", "speed= on client.messages", keyword="speed"), "app.py")


def _shown(pins) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.spec) for p in pins]


@pytest.mark.parametrize(
    ("path", "kind"),
    [("requirements.txt", "requirements"), ("requirements-dev.in", "requirements"), ("dev-requirements.txt", "requirements"),
     ("requirements/base.txt", "requirements"), ("constraints.txt", "requirements"), ("pyproject.toml", "pyproject"),
     ("setup.cfg", "setup.cfg"), ("setup.py", "setup.py"), ("Pipfile", "pipfile"), ("poetry.lock", "lock"),
     ("uv.lock", "lock"), ("notes.txt", None), ("README.md", None), ("app.py", None)],
)
def test_which_files_are_dependency_files(path: str, kind: str | None) -> None:
    assert dependency_kind(path) == kind


def test_requirements_lines() -> None:
    text = (
        "# comment anthropic<1\n"
        "-r base.txt\n"
        "-e git+https://example.com/anthropic.git#egg=anthropic\n"
        "Anthropic[bedrock, vertex] >= 0.30 , < 1 ; python_version >= '3.9'  # pinned\n"
        "anthropic-tools<1\n"
        "langchain-anthropic==0.1\n"
        "  anthropic (>=0.3)\n"
        "anthropic @ https://example.com/anthropic-0.40.0-py3-none-any.whl\n"
    )
    pins = requirements_pins(text)
    assert _shown(pins) == [(4, 1, "<1,>=0.30"), (7, 3, ">=0.3"), (8, 1, "")]
    first = pins[0]
    assert text[first.span[0]:first.span[1]] == ">= 0.30 , < 1"
    assert pins[2].span is None and "URL" in pins[2].why_not


def test_hashed_requirements_are_locks() -> None:
    text = "anthropic==0.40.0 \\\n    --hash=sha256:00\n"
    (pin,) = requirements_pins(text)
    assert (pin.line, pin.column, pin.locked, pin.span) == (1, 1, "0.40.0", None)


def test_pyproject_arrays_and_poetry() -> None:
    text = (
        "[project]\n"
        'name = "x"\n'
        'dependencies = ["httpx", "anthropic<1"]  # one line\n'
        "\n"
        "[project.optional-dependencies]\n"
        "aws = [\n"
        '    # "anthropic<0.1" in a comment\n'
        "    'anthropic[bedrock]==0.40.0',\n"
        "]\n"
        "\n"
        "[dependency-groups]\n"
        'dev = ["anthropic~=0.40"]\n'
        "\n"
        "[tool.poetry.dependencies]\n"
        'anthropic = "^0.40"\n'
        "\n"
        "[tool.poetry.group.dev.dependencies.anthropic]\n"
        'version = "~0.40"\n'
        "\n"
        "[tool.other]\n"
        'requires = ["anthropic<0.1"]\n'
    )
    pins = pyproject_pins(text)
    assert _shown(pins) == [
        (3, 26, "<1"), (8, 5, "==0.40.0"), (12, 8, "~=0.40"), (15, 1, ">=0.40,<0.41"), (18, 1, ">=0.40,<0.41"),
    ]
    assert [text[p.span[0]:p.span[1]] for p in pins] == ["<1", "==0.40.0", "~=0.40", "^0.40", "~0.40"]
    assert pyproject_pins("[project\nbroken") == []


def test_setup_cfg_and_pipfile() -> None:
    cfg = "[options]\ninstall_requires = requests; anthropic<1\n\n[options.extras_require]\naws =\n    anthropic[bedrock]==0.40.0\n"
    assert _shown(setup_cfg_pins(cfg)) == [(2, 30, "<1"), (6, 5, "==0.40.0")]
    pipfile = '[packages]\nanthropic = {version = "==0.40.0", extras = ["bedrock"]}\n\n[dev-packages]\nanthropic = "*"\n'
    assert _shown(pipfile_pins(pipfile)) == [(2, 1, "==0.40.0"), (5, 1, "")]


def test_lock_files() -> None:
    poetry = '[[package]]\nname = "anthropic"\nversion = "0.40.0"\n\n[[package]]\nname = "httpx"\nversion = "0.27.0"\n'
    assert [(p.line, p.column, p.locked) for p in lock_pins(poetry, "poetry.lock")] == [(3, 11, "0.40.0")]
    pipfile_lock = '{\n  "default": {\n    "anthropic": {\n      "version": "==0.40.0"\n    }\n  }\n}\n'
    assert [(p.line, p.column, p.locked) for p in lock_pins(pipfile_lock, "Pipfile.lock")] == [(4, 18, "0.40.0")]


@pytest.mark.parametrize(
    ("constraint", "spec"),
    [("^0.40", ">=0.40,<0.41"), ("^1.2.3", ">=1.2.3,<2.0.0"), ("~1.2", ">=1.2,<1.3"), ("0.40.0", "==0.40.0"), ("*", ""),
     (">=1,<2", ">=1,<2"), ("^1 || ^2", None)],
)
def test_poetry_constraints(constraint: str, spec: str | None) -> None:
    assert to_pep440(constraint, "poetry") == spec


@pytest.mark.parametrize(
    ("spec", "admitted", "new"),
    [("<1", False, ">=1.15.0,<3"), ("<2", True, None), ("==0.40.0", False, "==2.16.0"), ("~=0.40", False, ">=1.15.0,<3"),
     (">=0.30", True, None), ("", True, None), ("==1.*", True, None), ("==0.*", False, ">=1.15.0,<3")],
)
def test_admitted_and_replacement(spec: str, admitted: bool, new: str | None) -> None:
    assert admits_from(spec, "1.15.0", "2.16.0") is admitted
    if new is not None:
        assert replacement(spec, "1.15.0", "2.16.0", "pep508") == new


def test_check_text_keeps_formatting_and_reports_locks() -> None:
    text = "requests\nanthropic[bedrock] >= 0.30, < 1  # pinned\n"
    diagnostics, new = check_text("requirements.txt", text, FLOOR, "2.16.0", unsafe_fixes=True)
    assert [(d.line, d.column, d.fix, d.applied) for d in diagnostics] == [(2, 1, "unsafe", True)]
    assert new == "requests\nanthropic[bedrock] >= 1.15.0, < 3  # pinned\n"
    assert check_text("requirements.txt", text, FLOOR, "2.16.0", unsafe_fixes=False)[1] is None
    assert check_text("requirements.txt", text, None, "2.16.0", unsafe_fixes=True) == ([], None)
    diagnostics, new = check_text("uv.lock", '[[package]]\nname = "anthropic"\nversion = "0.40.0"\n', FLOOR, "2.16.0", True)
    assert [(d.line, d.column, d.fix) for d in diagnostics] == [(3, 11, None)] and new is None
