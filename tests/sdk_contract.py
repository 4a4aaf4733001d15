"""Check Anthropic requests in a source file against the real ``anthropic`` SDK's signatures and types."""

from __future__ import annotations

import inspect
import typing
from collections import Counter

import libcst as cst
from anthropic import types
from anthropic.resources.beta.messages import Messages as BetaMessages
from anthropic.resources.messages import Messages
from anthropic.types import beta as beta_types
from anthropic.types import model_param
from anthropic.types.beta.messages import (
    batch_create_params as beta_batch_create_params,
)
from anthropic.types.messages import batch_create_params

from codemod.analysis.analyzer import analyze_module
from codemod.analysis.literals import literal_str
from codemod.analysis.request import Mapping, Request
from codemod.catalog import load_catalog

THINKING = {
    False: {
        "enabled": types.ThinkingConfigEnabledParam,
        "adaptive": types.ThinkingConfigAdaptiveParam,
        "disabled": types.ThinkingConfigDisabledParam,
        "between_tools": types.ThinkingConfigBetweenToolsParam,
    },
    True: {
        "enabled": beta_types.BetaThinkingConfigEnabledParam,
        "adaptive": beta_types.BetaThinkingConfigAdaptiveParam,
        "disabled": beta_types.BetaThinkingConfigDisabledParam,
        "between_tools": beta_types.BetaThinkingConfigBetweenToolsParam,
    },
}
OUTPUT_CONFIG = {False: types.OutputConfigParam, True: beta_types.BetaOutputConfigParam}
BATCH_PARAMS = {
    False: batch_create_params.MessageCreateParamsNonStreaming,
    True: beta_batch_create_params.MessageCreateParamsNonStreaming,
}
SDK_MODEL_IDS = set(typing.get_args(typing.get_args(model_param.ModelParam)[0]))


def _literal_values(annotation: object) -> set[object] | None:
    """The allowed literal values of a (possibly Optional/Required) Literal annotation."""
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return set(typing.get_args(annotation))
    if origin is typing.Union or str(origin).endswith("Required"):  # Optional[...], (Not)Required[...]
        values: set[object] = set()
        for arg in typing.get_args(annotation):
            found = _literal_values(arg)
            if found is None and arg is not type(None):
                return None
            values |= found or set()
        return values
    return None


def _check_typed_dict(mapping: Mapping, typed_dict: type, where: str) -> list[str]:
    hints = typing.get_type_hints(typed_dict, include_extras=False)
    problems = []
    for key, item in mapping.items.items():
        if key not in hints:
            problems.append(f"{where}: unknown key {key!r}")
            continue
        allowed = _literal_values(hints[key])
        value = literal_str(item.value.expr)
        if allowed is not None and value is not None and value not in allowed:
            problems.append(f"{where}.{key}: {value!r} not in {sorted(map(str, allowed))}")
    return problems


# Keywords a client wrapper of the framework table adds to messages.create (instructor's); the codemod never
# writes them, so leaving them out of the signature check hides nothing it could introduce.
WRAPPER_KEYWORDS = frozenset({"response_model", "max_retries", "validation_context", "context", "strict", "hooks"})


def request_violations(request: Request) -> list[str]:
    beta = request.beta
    keys = [key for key in request.params.items if key not in WRAPPER_KEYWORDS]
    problems: list[str] = []
    if request.operation == "framework":
        pass  # a framework's own signature: only the thinking/output_config shapes are checked
    elif request.operation == "batch":
        hints = typing.get_type_hints(BATCH_PARAMS[beta], include_extras=False)
        problems += [f"batch params: unknown key {k!r}" for k in keys if k not in hints]
    else:
        method = getattr(BetaMessages if beta else Messages, request.operation)
        signature = inspect.signature(method)
        try:
            signature.bind_partial(None, **{key: None for key in keys})
        except TypeError as error:
            problems.append(f"{request.method}: {error}")
    thinking = request.item("thinking")
    if thinking is not None and thinking.value.mapping is not None:
        kind = literal_str(thinking.value.mapping.items["type"].value.expr) if "type" in thinking.value.mapping.items else None
        typed = THINKING[beta].get(kind or "")
        if typed is None:
            problems.append(f"thinking: type {kind!r} is not a thinking type")
        else:
            problems += _check_typed_dict(thinking.value.mapping, typed, "thinking")
    output_config = request.item("output_config")
    if output_config is not None and output_config.value.mapping is not None:
        problems += _check_typed_dict(output_config.value.mapping, OUTPUT_CONFIG[beta], "output_config")
    return problems


def source_violations(source: bytes) -> Counter[str]:
    module = cst.parse_module(source)
    analysis = analyze_module(module, load_catalog())
    return Counter(problem for request in analysis.requests for problem in request_violations(request))


def model_ids(source: bytes) -> set[str]:
    module = cst.parse_module(source)
    analysis = analyze_module(module, load_catalog())
    found = set()
    for request in analysis.requests:
        item = request.item("model")
        text = literal_str(item.value.expr) if item else None
        if text and text.startswith("claude-") and "@" not in text:
            found.add(text)
    return found
