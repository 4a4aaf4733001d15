"""The second screen: a file that names Claude only in docstrings is not parsed with libcst; one that may
call Claude in code always is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codemod.docstring_screen import code_passes
from codemod.prefilter import ALL_RULES, prefilter_for
from tests.conftest import Cli
from tests.fixture_cases import all_cases

CASES = [case for case in all_cases() if case.findings]

DOCSTRINGS_ONLY = b'''"""Studio tools.

Example::

    agent = Agent(model=Claude(id="claude-sonnet-4-5"), thinking={"type": "enabled", "budget_tokens": 1024})
"""
from agno.agent import Agent


class Studio:
    """Builds agents; see the Anthropic docs for claude-3-opus-20240229."""

    def build(self):
        """client.messages.create(model="claude-3-opus-20240229") is what it sends."""
        if self:
            """import anthropic"""
        return Agent()
'''


def test_claude_named_only_in_docstrings_is_not_parsed() -> None:
    assert ALL_RULES.passes(DOCSTRINGS_ONLY)  # the byte screen lets it through
    assert not code_passes(DOCSTRINGS_ONLY, ALL_RULES)


@pytest.mark.parametrize(
    "code",
    [
        b"from agno.models.anthropic import Claude\nm = Claude(id='claude-sonnet-4-5')\n",
        b"MODEL = 'claude-3-opus-20240229'\n",  # a module constant other modules may send
        b'MODEL = """claude-3-opus-20240229"""\n',  # triple-quoted, but not a bare string
        b"def f(client):\n    return client.messages.create(model='claude-3-opus-20240229')\n",
        b"x = {'type': 'enabled', 'budget_tokens': 1024}\n",
    ],
)
def test_code_that_may_call_claude_is_parsed(code: bytes) -> None:
    source = DOCSTRINGS_ONLY + code
    assert code_passes(source, ALL_RULES)


@pytest.mark.parametrize(
    "source",
    [
        b"# -*- coding: latin-1 -*-\n" + DOCSTRINGS_ONLY,  # positions would not be the bytes'
        b"\xef\xbb\xbf" + DOCSTRINGS_ONLY,
        DOCSTRINGS_ONLY.replace(b"Studio tools.", b"Studio \xe9 tools."),  # not UTF-8
        DOCSTRINGS_ONLY + b"def broken(:\n",  # the engine reports it
        DOCSTRINGS_ONLY.replace(b'"""', b"'''"),  # quotes of the other kind: screened the same
    ],
)
def test_what_cannot_be_screened_safely_is_parsed(source: bytes) -> None:
    expected = source.startswith(b"'''") is False
    assert code_passes(source, ALL_RULES) is expected


def test_a_bare_string_in_single_quotes_is_not_looked_for() -> None:
    # Rare as a docstring: the rough look only blanks triple-quoted strings, so this file is parsed.
    assert code_passes(DOCSTRINGS_ONLY + b"'client.messages.create(model=\\'claude-3-opus\\')'\n", ALL_RULES)


def test_crlf_and_unicode_positions() -> None:
    source = DOCSTRINGS_ONLY.replace(b"Example::", "Exemple illustré ✓::".encode()).replace(b"\n", b"\r\n")
    assert not code_passes(source, ALL_RULES)
    assert code_passes(source + b"m = Claude(id='claude-sonnet-4-5')\r\n", ALL_RULES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_no_fixture_finding_is_screened_out(case) -> None:
    for code in {finding.split()[1] for finding in case.findings}:
        assert code_passes(case.input, prefilter_for(lambda c, code=code: c == code)), code


def test_a_run_counts_the_file_and_reports_nothing(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "studio.py").write_bytes(DOCSTRINGS_ONLY)
    (tmp_path / "app.py").write_text(
        "import anthropic\nanthropic.Anthropic().messages.create(model='claude-opus-4-8', max_tokens=1, temperature=0.2, messages=[])\n",
        encoding="utf-8",
    )
    document = json.loads(cli("check", "--format", "json", "--no-cache").stdout)
    assert [(f["path"], [d["code"] for d in f["findings"]]) for f in document["files"]] == [("app.py", ["CM201"])]
    assert document["summary"]["files"] == 2
