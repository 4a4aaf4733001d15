"""Framework entry points that forward their arguments to the Messages API.

- LangChain ``ChatAnthropic(...)`` (``langchain_anthropic``) and ``ChatAnthropicVertex(...)``
  (``langchain_google_vertexai``): ``model`` (alias ``model_name``), ``temperature``, ``top_p``,
  ``top_k``, ``thinking``, ``output_config`` are sent as they are; ``model_kwargs`` is merged into
  the request. ``init_chat_model("anthropic:<id>", ...)`` builds a ``ChatAnthropic``.
- LiteLLM ``completion`` / ``acompletion`` with an ``anthropic/``, ``bedrock/`` or ``vertex_ai/``
  Claude model: ``thinking`` and ``output_config`` are forwarded to Anthropic; OpenAI-style
  sampling parameters are mapped to Anthropic's.

A call is one of these only when its function is imported from the framework (provable by import)
and, for ``init_chat_model`` and LiteLLM, when its model is a Claude model written as a literal.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from codemod.analysis.literals import literal_str
from codemod.catalog import Catalog
from codemod.catalog.model_ids import parse_model_id


@dataclass(frozen=True)
class Framework:
    name: str  # shown in messages
    qualified: frozenset[str]  # qualified names of the entry point
    model_literal_required: bool  # the call is Claude only if its model literal says so
    passthrough: tuple[str, ...]  # arguments whose dict is merged into the request


FRAMEWORKS = (
    Framework(
        "ChatAnthropic",
        frozenset({"langchain_anthropic.ChatAnthropic", "langchain_anthropic.chat_models.ChatAnthropic"}),
        False,
        ("model_kwargs",),
    ),
    Framework(
        "ChatAnthropicVertex",
        frozenset({"langchain_google_vertexai.ChatAnthropicVertex", "langchain_google_vertexai.model_garden.ChatAnthropicVertex"}),
        False,
        ("model_kwargs",),
    ),
    Framework(
        "init_chat_model",
        frozenset({"langchain.chat_models.init_chat_model", "langchain.chat_models.base.init_chat_model"}),
        True,
        ("model_kwargs",),
    ),
    Framework(
        "litellm",
        frozenset({"litellm.completion", "litellm.acompletion", "litellm.main.completion", "litellm.main.acompletion"}),
        True,
        ("extra_body",),
    ),
)

# Framework argument names for the request keys the rules reason about.
ALIASES = {"model_name": "model"}


def framework_of(qualified_names: set[str]) -> Framework | None:
    for framework in FRAMEWORKS:
        if framework.qualified & qualified_names:
            return framework
    return None


def model_argument(call: cst.Call) -> cst.Arg | None:
    """The model argument: ``model=``/``model_name=``, or the first positional one."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in ("model", "model_name"):
            return arg
    first = call.args[0] if call.args else None
    return first if first is not None and first.keyword is None and not first.star else None


def sends_claude(call: cst.Call, framework: Framework, catalog: Catalog) -> bool:
    """Whether the call provably talks to Claude."""
    if not framework.model_literal_required:
        return True
    arg = model_argument(call)
    text = literal_str(arg.value) if arg is not None else None
    if text is None:
        return False
    if framework.name == "init_chat_model":
        # "anthropic:claude-…", or a bare ID with model_provider="anthropic".
        provider = next((a for a in call.args if a.keyword and a.keyword.value == "model_provider"), None)
        named = literal_str(provider.value) if provider is not None else None
        if not (text.startswith("anthropic:") or (":" not in text and named == "anthropic")):
            return False
    elif framework.name == "litellm" and "/" not in text:
        return False  # LiteLLM routes a bare model name by its own tables: not provably Anthropic
    return parse_model_id(text, catalog) is not None
