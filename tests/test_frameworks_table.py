"""The framework table (codemod/catalog/frameworks.toml): well-formed, and every entry specified by fixtures."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from codemod.analysis.analyzer import analyze_module
from codemod.catalog import load_catalog
from codemod.catalog.frameworks import (
    FrameworkTableError,
    load_frameworks,
    package_roots,
    parse_frameworks,
)
from codemod.prefilter import might_need_migration

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ENTRY = """
[[framework]]
name = "X"
source = "x 1.0"
callables = ["x.X"]
model_keywords = ["model"]
model_position = -1
id_form = "any"
forwards = []
aliases = {}
passthrough = []
sampling_default = ""
"""


def _framework_requests(path: Path) -> set[str]:
    analysis = analyze_module(cst.parse_module(path.read_bytes()), load_catalog())
    return {request.method for request in analysis.requests if request.operation == "framework"}


def test_every_entry_names_the_version_read() -> None:
    for framework in load_frameworks():
        assert any(ch.isdigit() for ch in framework.source), framework.name
        assert framework.qualified and all("." in name for name in framework.qualified), framework.name


def test_every_entry_has_a_fixture_that_proves_it_and_a_decoy_stays_unproven() -> None:
    proven: set[str] = set()
    for path in sorted(FIXTURES.glob("CM*/*/input.py")):
        if any(root.split(".")[0].encode() in path.read_bytes() for root in package_roots()):
            proven |= _framework_requests(path)
    assert {framework.name for framework in load_frameworks()} - proven == set()
    assert _framework_requests(FIXTURES / "decoys" / "framework_lookalikes" / "input.py") == set()


def test_framework_imports_pass_the_prefilter() -> None:
    for framework in load_frameworks():
        module, _, name = min(framework.qualified).rpartition(".")
        source = f'from {module} import {name}\nm = {name}(model="claude-opus-4-6")\n'.encode()
        assert might_need_migration(source), framework.name


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('id_form = "any"', 'id_form = "guess"'), "id_form must be one of"),
        (("forwards = []", "forwards = 3"), "forwards must be a list"),
        (('sampling_default = ""', 'sampling_default = ""\ncolour = "red"'), "unknown keys ['colour']"),
        (('callables = ["x.X"]', "callables = []"), "must not be empty"),
    ],
)
def test_a_malformed_entry_is_refused_with_its_name(change: tuple[str, str], message: str) -> None:
    with pytest.raises(FrameworkTableError, match=r"X: .*" + message.replace("[", r"\[").replace("]", r"\]")):
        parse_frameworks(ENTRY.replace(*change))


def test_duplicate_names_are_refused() -> None:
    with pytest.raises(FrameworkTableError, match="duplicate"):
        parse_frameworks(ENTRY + ENTRY)
