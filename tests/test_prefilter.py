"""The byte pre-filter: derived from the enabled rules, and never hiding a finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codemod.prefilter import RULE_TOKENS, SDK_ONLY, Prefilter, prefilter_for
from codemod.rules import all_rules
from tests.conftest import Cli
from tests.fixture_cases import all_cases

CASES = [case for case in all_cases() if case.findings]


def test_every_rule_has_an_entry() -> None:
    assert sorted(RULE_TOKENS) == [rule.code for rule in all_rules()]


def test_all_rules_need_only_the_sdk_tokens() -> None:
    assert prefilter_for(lambda code: True) == SDK_ONLY
    assert not SDK_ONLY.passes(b"import os\nprint('hello')\n")
    assert SDK_ONLY.passes(b"MODEL = 'claude-opus-4-6'\n")
    assert SDK_ONLY.passes(b"from langchain_anthropic import ChatAnthropic\n")


def test_a_selection_narrows_the_filter() -> None:
    sampling = prefilter_for(lambda code: code == "CM201")
    assert sampling == Prefilter((b"temperature", b"top_p", b"top_k"))
    assert not sampling.passes(b"import anthropic\nanthropic.Anthropic().messages.create(model='m')\n")
    assert sampling.passes(b"import anthropic\nanthropic.Anthropic().messages.create(temperature=1)\n")
    assert prefilter_for(lambda code: False).passes(b"import anthropic\n") is False


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_no_fixture_finding_is_filtered_out(case) -> None:
    """Each rule's own tokens let through every fixture input it reports on."""
    for code in {finding.split()[1] for finding in case.findings}:
        assert prefilter_for(lambda c, code=code: c == code).passes(case.input), code


def test_cli_reports_files_skipped_for_a_selection(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "sampling.py").write_text(
        "import anthropic\nanthropic.Anthropic().messages.create(model='claude-opus-4-8', max_tokens=1, temperature=0.2, messages=[])\n",
        encoding="utf-8",
    )
    (tmp_path / "plain_call.py").write_text(
        "import anthropic\nanthropic.Anthropic().messages.create(model='claude-opus-4-8', max_tokens=1, messages=[])\n",
        encoding="utf-8",
    )
    result = cli("check", "--format", "json", "--no-cache", "--select", "CM201")
    document = json.loads(result.stdout)
    assert document["summary"]["skipped"] == 1
    assert [f["path"] for f in document["files"]] == ["sampling.py"]
