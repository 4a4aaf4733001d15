"""Framework calls that forward their arguments to the Messages API, as the table in
``catalog/frameworks.toml`` describes them (LangChain, LiteLLM, agno, LlamaIndex, DSPy, crewAI, smolagents,
pydantic-ai ...).

A call is one of these only when its function is imported from the framework (provable by import) and,
for entry points that talk to other providers too, when its model is a Claude model written as a literal
in the framework's form.
"""

from __future__ import annotations

import libcst as cst

from codemod.analysis.literals import literal_str
from codemod.catalog import Catalog
from codemod.catalog.frameworks import Framework, load_frameworks
from codemod.catalog.model_ids import parse_model_id

FRAMEWORKS = load_frameworks()


def framework_of(qualified_names: set[str]) -> Framework | None:
    for framework in FRAMEWORKS:
        if framework.qualified & qualified_names:
            return framework
    return None


def model_argument(call: cst.Call, framework: Framework) -> cst.Arg | None:
    """The model argument: one of the framework's model keywords, or the positional one it documents."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in framework.model_keywords:
            return arg
    if framework.model_position < 0:
        return None
    positional = [arg for arg in call.args if arg.keyword is None]
    if any(arg.star for arg in positional[: framework.model_position + 1]):
        return None
    return positional[framework.model_position] if len(positional) > framework.model_position else None


def sends_claude(call: cst.Call, framework: Framework, catalog: Catalog) -> bool:
    """Whether the call provably talks to Claude."""
    if not framework.model_literal_required:
        return True
    arg = model_argument(call, framework)
    text = literal_str(arg.value) if arg is not None else None
    if text is None:
        return False
    if framework.id_form == "provider":
        # "anthropic:claude-…", or a bare ID with model_provider="anthropic".
        provider = next((a for a in call.args if a.keyword and a.keyword.value == "model_provider"), None)
        named = literal_str(provider.value) if provider is not None else None
        if not (text.startswith("anthropic:") or (":" not in text and named == "anthropic")):
            return False
    elif framework.id_form == "litellm" and "/" not in text:
        return False  # LiteLLM routes a bare model name by its own tables: not provably Anthropic
    return parse_model_id(text, catalog) is not None
