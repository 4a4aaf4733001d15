"""The byte pre-filter: derived from the enabled rules, and never hiding a finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codemod.prefilter import (
    ALL_RULES,
    RULE_TOKENS,
    Prefilter,
    imports_sdk,
    prefilter_for,
)
from codemod.rules import all_rules
from codemod.rules.tokens import TABLE, render
from tests.conftest import Cli
from tests.fixture_cases import all_cases

CASES = [case for case in all_cases() if case.findings]


def test_every_rule_has_an_entry() -> None:
    assert sorted(RULE_TOKENS) == [rule.code for rule in all_rules()]


def test_the_table_is_generated_from_the_rules() -> None:
    """The pre-filter reads a generated table (so that it imports neither libcst nor the rules); a rule's
    tokens changed without regenerating it would let files through, or hold findings back."""
    assert TABLE.read_text(encoding="utf-8") == render(), "run: python -m codemod.rules.tokens --write"
    assert {code: tokens for code, tokens in RULE_TOKENS.items()} == {rule.code: rule.tokens for rule in all_rules()}


def test_all_rules_need_only_the_sdk_tokens_and_an_import() -> None:
    assert prefilter_for(lambda code: True) == ALL_RULES
    assert not ALL_RULES.passes(b"import os\nprint('hello')\n")
    # A suppression comment alone (CM002 reports one left where nothing calls Claude), a budget alone (CM108).
    assert ALL_RULES.passes(b"x = 1  # claude-migrate: ignore[CM201]\n")
    assert not prefilter_for(lambda code: code != "CM002").passes(b"x = 1  # claude-migrate: ignore[CM201]\n")
    assert ALL_RULES.passes(b'T = {"type": "enabled", "budget_tokens": 1024}\n')
    # A module-level model constant: other modules of the project may send it (facts/exported_models.py);
    # a model ID elsewhere, with no SDK import and no messages call, is nothing to migrate here.
    assert ALL_RULES.passes(b"MODEL = 'claude-opus-4-6'\n")
    assert ALL_RULES.passes(b'MODEL = """claude-opus-4-6"""\n')
    assert ALL_RULES.passes(b"BEDROCK_MODEL: str = \"us.anthropic.claude-sonnet-4-5-20250929-v1:0\"\n")
    assert not ALL_RULES.passes(b"    model = 'claude-opus-4-6'\n")
    assert not ALL_RULES.passes(b"print('claude-opus-4-6')\n")
    assert ALL_RULES.passes(b"import anthropic\nMODEL = 'claude-opus-4-6'\n")
    # An unproven client sending a Claude model ID is taken for an Anthropic call.
    assert ALL_RULES.passes(b"def f(client):\n    client.messages.create(model='claude-opus-4-6')\n")
    assert ALL_RULES.passes(b"def f(client):\n    return (client\n        .messages.create(model='claude-opus-4-6'))\n")
    # ... but not a policy table that names Bedrock's Claude models and AWS's ssmmessages service.
    assert not ALL_RULES.passes(b'POLICY = ["anthropic.claude-3-opus-20240229-v1:0", "ssmmessages:OpenDataChannel"]\n')
    assert ALL_RULES.passes(b"from langchain_anthropic import ChatAnthropic\n")
    # A framework that only talks to Claude: its default model needs no ID in the file.
    assert ALL_RULES.passes(b"from agno.models.aws import Claude\nllm = Claude(temperature=0.2)\n")
    assert not ALL_RULES.passes(b"class Claude:\n    temperature = 0.2\n")
    # pydantic-ai's own OpenAI model: the framework imported, an entry point named, "Anthropic" in prose only.
    assert not ALL_RULES.passes(b"from pydantic_ai import Agent\n# mirrors the Anthropic renderer\ntemperature = 1\n")


@pytest.mark.parametrize(
    "source",
    [
        b"import anthropic\n",
        b"import os, anthropic as sdk\n",
        b"from anthropic.types import MessageParam\n",
        b"from \\\n    anthropic import Anthropic\n",  # a backslash continuation
        b"import os, \\\r\n    anthropic\r\n",
        b"x = 1; import anthropic\n",
        b"if TYPE_CHECKING:\n    from anthropic import Anthropic\n",
        b'{"cell_type": "code", "source": ["import anthropic\\n", "client = anthropic.Anthropic()"]}',  # a notebook
        b"from langchain_anthropic import ChatAnthropic\n",
        b"from langchain_google_vertexai.model_garden import ChatAnthropicVertex\n",
        b"from langchain.chat_models import init_chat_model\n",
        b"import litellm\nlitellm.completion(model=m)\n",
        b"from litellm import completion\n",
        b"from agno.models.aws import Claude as BedrockClaude\n",
        b"import agno.models.anthropic\n",  # the SDK's name is in it
        b"import os\nfrom agno.agent import Agent\nfrom agno.models.anthropic import Claude\n",
    ],
)
def test_sdk_imports_are_recognised(source: bytes) -> None:
    assert imports_sdk(source)


@pytest.mark.parametrize(
    "source",
    [
        b"MODELS = ['claude-opus-4-6', 'anthropic.claude-3-opus-20240229-v1:0']\n",
        b"import anthropic_wrapper\n",
        b"# see the anthropic docs\nimport os\n",
        b"important = anthropic_client\n",
        # A framework imported, none of its entry points named: agno's own modules, say.
        b"from agno.agent import Agent\nMODELS = {'claude': 'claude-sonnet-4-6'}\n",
        b"import litellm\n",
        b"from dspy import Predict\n",
    ],
)
def test_no_sdk_import(source: bytes) -> None:
    assert not imports_sdk(source)


def test_a_selection_narrows_the_filter() -> None:
    sampling = prefilter_for(lambda code: code == "CM201")
    # AutoGen's clients send temperature 1.0 whatever the call says (CM201 reports the call).
    assert sampling == Prefilter(
        (b"temperature", b"top_p", b"top_k", b"AnthropicBedrockChatCompletionClient", b"AnthropicChatCompletionClient")
    )
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
