"""Which calls the analysis proves to be Anthropic requests (precision first)."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from codemod.analysis.analyzer import analyze_module
from codemod.catalog import load_catalog


def requests(source: str) -> list[tuple[str, str | None]]:
    module = cst.parse_module(textwrap.dedent(source))
    analysis = analyze_module(module, load_catalog())
    return [(r.method, r.client.class_name if r.client else None) for r in analysis.requests]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import anthropic\nc = anthropic.Anthropic()\nc.messages.create(model=m)\n", [("messages.create", "Anthropic")]),
        ("from anthropic import AsyncAnthropic as A\nasync def f():\n    c = A()\n    await c.beta.messages.stream(model=m)\n",
         [("beta.messages.stream", "AsyncAnthropic")]),
        ("import anthropic\nanthropic.AnthropicVertex(region='x').messages.count_tokens(model=m)\n",
         [("messages.count_tokens", "AnthropicVertex")]),
        ("import anthropic\nwith anthropic.Anthropic() as c:\n    c.messages.with_raw_response.create(model=m)\n",
         [("messages.create", "Anthropic")]),
        ("from anthropic import Anthropic\ndef f(c: 'Anthropic | None' = None): pass\n", []),
        ("import anthropic\ndef f(c: anthropic.AsyncAnthropicFoundry):\n    c.messages.create(model=m)\n",
         [("messages.create", "AsyncAnthropicFoundry")]),
        ("from typing import Optional\nfrom anthropic import Anthropic\ndef f(c: Optional[Anthropic]):\n    c.messages.parse(model=m)\n",
         [("messages.parse", "Anthropic")]),
        ("from anthropic import Anthropic, AnthropicVertex\nc = AnthropicVertex() if v else Anthropic()\nc.messages.create(model=m)\n",
         [("messages.create", "AnthropicVertex")]),
        ("import anthropic\nclass S:\n    client = anthropic.Anthropic()\n    def go(self):\n        self.client.messages.create(model=m)\n",
         [("messages.create", "Anthropic")]),
        (("import anthropic\nclass S:\n    def __init__(self):\n        self.c = anthropic.AsyncAnthropicBedrock()\n"
         "    async def go(self):\n        def inner():\n            return self.c.messages.create(model=m)\n"),
         [("messages.create", "AsyncAnthropicBedrock")]),
        ("import anthropic\nc = anthropic.Anthropic()\nc.messages.batches.create(requests=[{'custom_id': 'a', 'params': {'model': m}}])\n",
         [("messages.batches.create", "Anthropic")]),
    ],
)
def test_proven_clients(source: str, expected: list[tuple[str, str | None]]) -> None:
    assert requests(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        # OpenAI's Assistants API has the same attribute path.
        "from openai import OpenAI\nc = OpenAI()\nc.beta.threads.messages.create(thread_id='t', role='user', content='x')\n",
        # A client name rebound to something else on another path.
        "import anthropic\nc = anthropic.Anthropic()\nif x:\n    c = make_other()\nc.messages.create(model=m)\n",
        # A local class that happens to be called Anthropic.
        "class Anthropic:\n    pass\nc = Anthropic()\nc.messages.create(model=m)\n",
        # self.<attr> assigned something else in another method.
        ("import anthropic\nclass S:\n    def a(self):\n        self.c = anthropic.Anthropic()\n    def b(self):\n        self.c = Fake()\n"
        "    def go(self):\n        self.c.messages.create(model=m)\n"),
        # An unproven receiver that sends no Claude model.
        "def f(client):\n    client.messages.create(model='gpt-4o', temperature=0)\n",
        # A Claude model held in a constant does not make an unknown receiver an Anthropic client.
        "MODEL = 'claude-opus-4-6'\ndef f(router):\n    router.messages.create(model=MODEL)\n",
        # Twilio.
        "from twilio.rest import Client\nc = Client()\nc.messages.create(to='+1', body='hi')\n",
    ],
)
def test_not_anthropic(source: str) -> None:
    assert requests(source) == []


def test_unproven_receiver_with_a_claude_model_is_recognised() -> None:
    assert requests("def f(client):\n    client.messages.create(model='claude-opus-4-6')\n") == [("messages.create", None)]


def test_a_constant_shared_with_a_non_anthropic_call_is_not_editable() -> None:
    source = textwrap.dedent(
        """
        import anthropic
        MODEL = "claude-opus-4-6"
        client = anthropic.Anthropic()
        client.messages.create(model=MODEL)
        def f(router):
            router.messages.create(model=MODEL)
        """
    )
    module = cst.parse_module(source)
    analysis = analyze_module(module, load_catalog())
    (request,) = analysis.requests
    model = request.item("model")
    assert model is not None and model.value.binding is not None
    assert model.value.binding.editable is False
