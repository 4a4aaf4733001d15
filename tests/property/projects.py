"""Generated multi-module programs: clients, client factories and constants imported from other modules.

A program is a small project (``pyproject.toml`` at its root, an ``app`` package): ``app/clients.py`` makes the
client (a module-level client, an annotated or plain factory, a memoised factory, a ``client or Anthropic()``
default, or a look-alike: an in-house class with a ``.messages.create``), ``app/config.py`` holds the model and
maybe a thinking config, ``app/main.py`` imports them every way people do (``from``-imports, a module alias,
the package re-export) and sends requests with sampling parameters, thinking configs written at the call or
imported, and ``**kwargs`` reassigned on a branch. Sometimes another module uses the model constant in a way
that is not a request (a log line), or also sends it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

MODELS = ("claude-opus-4-6", "claude-sonnet-4-5", "claude-opus-4-8", "claude-3-5-haiku-20241022", "claude-opus-4-1")
CLIENT_KINDS = ("global", "factory_annotated", "factory_plain", "memoised", "or_default", "lookalike")


@dataclass
class Program:
    files: dict[str, str]
    lookalike: bool  # the client is an in-house class: no request of main.py may be touched
    budget_lines: dict[str, list[int]] = field(default_factory=dict)  # file -> lines writing budget_tokens


def _clients(kind: str) -> str:
    if kind == "global":
        return "from anthropic import Anthropic\n\nclaude = Anthropic()\n\n\ndef get_client():\n    return claude\n"
    if kind == "factory_annotated":
        return "import anthropic\n\n\ndef get_client(key=None) -> anthropic.Anthropic | anthropic.AnthropicVertex:\n    return make(key)\n\n\ndef make(key):\n    return anthropic.Anthropic(api_key=key)\n"
    if kind == "factory_plain":
        return "import anthropic\n\n\ndef get_client(key=None):\n    return anthropic.Anthropic(api_key=key)\n"
    if kind == "memoised":
        return (
            "from anthropic import Anthropic\n\n_client = None\n\n\ndef get_client():\n    global _client\n"
            "    if _client is None:\n        _client = Anthropic()\n    return _client\n"
        )
    if kind == "or_default":
        return "from anthropic import Anthropic\n\n\ndef get_client(client=None):\n    return client or Anthropic()\n"
    return (  # lookalike
        "class Gateway:\n    class messages:\n        @staticmethod\n        def create(**kwargs):\n            return kwargs\n\n\n"
        "def get_client():\n    return Gateway()\n"
    )


@st.composite
def programs(draw: Callable[[st.SearchStrategy[Any]], Any]) -> Program:
    kind = draw(st.sampled_from(CLIENT_KINDS))
    lookalike = kind == "lookalike"
    model = "gpt-4o" if lookalike else draw(st.sampled_from(MODELS))
    thinking_in_config = draw(st.booleans())
    config = f'MODEL = "{model}"\nMAX_TOKENS = 16000\n'
    budget_lines: dict[str, list[int]] = {}
    if thinking_in_config:
        config += f'THINKING = {{"type": "enabled", "budget_tokens": {draw(st.sampled_from([1024, 4000, 8000, 16000]))}}}\n'
        budget_lines["app/config.py"] = [3]

    imports = draw(st.sampled_from(["from", "alias", "package"]))
    head = ["import os", ""]
    if imports == "from":
        head.append("from app.clients import get_client")
    elif imports == "alias":
        head.append("import app.clients as clients")
    else:
        head.append("from app import get_client")
    head.append("from app import config")
    head.append("from app.config import MAX_TOKENS, MODEL" + (", THINKING" if thinking_in_config else ""))
    client_expr = "clients.get_client()" if imports == "alias" else "get_client()"
    lines = [*head, "", "", "def ask(question, flag=False):", f"    client = {client_expr}"]

    model_expr = draw(st.sampled_from(["MODEL", "config.MODEL", f'"{model}"']))
    args = [f"model={model_expr}", "max_tokens=MAX_TOKENS"]
    if draw(st.booleans()):
        args.append(f"temperature={draw(st.sampled_from(['0', '0.5', '1.0']))}")
    thinking = draw(st.sampled_from(["none", "literal", "imported" if thinking_in_config else "none"]))
    if thinking == "literal":
        args.append('thinking={"type": "enabled", "budget_tokens": 2048}')
    elif thinking == "imported":
        args.append("thinking=THINKING")
    if draw(st.booleans()):  # **kwargs reassigned on a branch
        lines += ["    extra = {}", "    if flag:", '        extra = {"top_p": 0.9}']
        args.append("**extra")
    args.append('messages=[{"role": "user", "content": question}]')
    call_line = len(lines) + 1
    lines.append(f"    return client.messages.create({', '.join(args)})")
    if thinking == "literal":
        budget_lines["app/main.py"] = [call_line]
    files = {
        "pyproject.toml": "",
        "app/__init__.py": "from app.clients import get_client\n" if imports == "package" else "",
        "app/clients.py": _clients(kind),
        "app/config.py": config,
        "app/main.py": "\n".join(lines) + "\n",
    }
    other = draw(st.sampled_from(["none", "log", "sends"]))
    if other == "log":
        files["app/report.py"] = "import logging\n\nfrom app.config import MODEL\n\nlogging.info('model: %s', MODEL)\n"
    elif other == "sends" and not lookalike:
        files["app/batch.py"] = (
            "import anthropic\n\nfrom app import config\n\nclient = anthropic.Anthropic()\n\n\ndef one(text):\n"
            "    return client.messages.create(model=config.MODEL, max_tokens=100, messages=[{'role': 'user', 'content': text}])\n"
        )
    return Program(files, lookalike, budget_lines)
