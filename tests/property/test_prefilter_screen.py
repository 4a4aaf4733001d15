"""The byte pre-filter never holds back a file the analysis has a finding for: generated files calling a
framework of the table (every way of importing and naming its entry point) or the SDK (clients proven and
unproven), with noise around, are analysed for real, and each one with a finding must pass the pre-filter
of all rules and that of the rule that reported it, and the docstring screen (``docstring_screen.py``)
with both (``test_properties.py`` checks the generated SDK modules against the first)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from codemod.catalog import load_catalog
from codemod.catalog.frameworks import load_frameworks
from codemod.config import Settings
from codemod.docstring_screen import code_passes
from codemod.engine import migrate_source
from codemod.prefilter import ALL_RULES, prefilter_for
from codemod.results import EngineError
from tests.property.profiles import property_settings

CALLABLES = sorted(name for framework in load_frameworks() for name in framework.qualified)
SETTINGS = Settings(target=load_catalog().default_target, jobs=1, as_of="2026-12-04")

# What a request may carry that some rule acts on.
ARGUMENTS = [
    'model="claude-3-opus-20240229"',
    'model="claude-opus-4-6"',
    'model="anthropic.claude-3-5-sonnet-20241022-v2:0"',
    'thinking={"type": "enabled", "budget_tokens": 2048}',
    "temperature=0.2",
    "top_p=0.9",
    'output_format={"type": "json_schema", "schema": {}}',
    'betas=["prompt-caching-2024-07-31"]',
    'extra_headers={"anthropic-beta": "token-efficient-tools-2025-02-19"}',
    "max_tokens=64000",
    "**options",
]
NOISE = [
    "# claude-opus-4-6 is the model we used to call\n",
    '"""Calls claude-3-opus through the anthropic SDK."""\n',
    '"""Example: Claude(id="claude-3-opus-20240229").messages.create(thinking={"budget_tokens": 1})"""\n',
    "class Notes:\n    '''import anthropic; Claude(temperature=1)'''\n",
    "import os\n",
    "from agno.agent import Agent\n",
    "MODELS = ['claude-3-haiku-20240307']\n",
    "def helper(x):\n    return x\n",
]


@st.composite
def framework_call(draw: st.DrawFn) -> str:
    qualified = draw(st.sampled_from(CALLABLES))
    module, _, name = qualified.rpartition(".")
    parent, _, last = module.rpartition(".")
    forms = [
        (f"from {module} import {name}\n", name),
        (f"from {module} import {name} as Renamed\n", "Renamed"),
        (f"import {module}\n", qualified),
        (f"import {module} as fw\n", f"fw.{name}"),
        (f"from {module} import *\n", name),
    ]
    if parent:
        forms.append((f"from {parent} import {last}\n", f"{last}.{name}"))
    imports, callee = draw(st.sampled_from(forms))
    arguments = draw(st.lists(st.sampled_from(ARGUMENTS), min_size=1, max_size=3, unique=True))
    if not any(argument.startswith("model=") for argument in arguments) and draw(st.booleans()):
        arguments.insert(0, 'model="claude-opus-4-6"')
    return f"{imports}llm = {callee}({', '.join(arguments)})\n"


@st.composite
def sdk_call(draw: st.DrawFn) -> str:
    imports, client = draw(
        st.sampled_from(
            [
                ("import anthropic\n", "anthropic.Anthropic()"),
                ("from anthropic import Anthropic\n", "Anthropic()"),
                ("from anthropic import AsyncAnthropicBedrock as Bedrock\n", "Bedrock()"),
                ("import anthropic as sdk\n", "sdk.AnthropicVertex()"),
                ("", "client"),  # a client this file cannot prove: the model ID vouches for it
                ("from .clients import claude\n", "claude"),  # from another module of the project
            ]
        )
    )
    resource = draw(st.sampled_from(["messages", "beta.messages", "messages.batches"]))
    method = draw(st.sampled_from(["create", "stream", "count_tokens", "parse"]))
    arguments = draw(st.lists(st.sampled_from(ARGUMENTS), min_size=1, max_size=4, unique=True))
    return f"{imports}def ask(client, options):\n    return {client}.{resource}.{method}({', '.join(arguments)})\n"


@property_settings(300)
@given(call=st.one_of(framework_call(), sdk_call()), noise=st.lists(st.sampled_from(NOISE), max_size=3))
def test_every_file_with_a_finding_passes_the_prefilter(call: str, noise: list[str]) -> None:
    source = ("".join(noise[: len(noise) // 2]) + call + "".join(noise[len(noise) // 2 :])).encode()
    try:
        result = migrate_source(source, SETTINGS, fix=False)
    except EngineError:
        return
    for diagnostic in result.diagnostics:
        assert ALL_RULES.passes(source), (diagnostic.code, source.decode())
        own = prefilter_for(lambda code, own=diagnostic.code: code == own)
        assert own.passes(source), (diagnostic.code, source.decode())
        # nor the second screen, which looks at the file with its docstrings blanked out
        assert code_passes(source, ALL_RULES) and code_passes(source, own), (diagnostic.code, source.decode())
