"""The catalogue loader, model ID forms and effort helpers."""

from __future__ import annotations

import pytest

from codemod.catalog import clamp_effort, load_catalog
from codemod.catalog.model_ids import parse_model_id, render_in_form
from codemod.effort_map import DEFAULT_EFFORT_MAP, EffortMap
from tests.sdk_contract import SDK_MODEL_IDS

CATALOG = load_catalog()


@pytest.mark.parametrize(
    ("text", "model", "platform", "profile"),
    [
        ("claude-opus-4-6", "claude-opus-4-6", "api", ""),
        ("claude-opus-4-5", "claude-opus-4-5-20251101", "api", ""),
        ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929", "api", ""),
        ("anthropic.claude-opus-4-6-v1", "claude-opus-4-6", "bedrock", ""),
        ("us.anthropic.claude-opus-4-6-v1", "claude-opus-4-6", "bedrock", "us"),
        ("anthropic.claude-opus-4-6-v1:0", "claude-opus-4-6", "bedrock", ""),
        ("global.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5-20250929", "bedrock", "global"),
        ("anthropic.claude-haiku-4-5", "claude-haiku-4-5-20251001", "bedrock", ""),
        ("claude-opus-4-5@20251101", "claude-opus-4-5-20251101", "vertex", ""),
        ("claude-3-opus-20240229", "claude-3-opus-20240229", "api", ""),
    ],
)
def test_model_id_forms(text: str, model: str, platform: str, profile: str) -> None:
    ref = parse_model_id(text, CATALOG)
    assert ref is not None
    assert (ref.model.id, ref.platform, ref.profile) == (model, platform, profile)


@pytest.mark.parametrize("text", ["gpt-4o", "claude", "anthropic.titan-text", "claude-opus-9-9", "my-deployment"])
def test_unknown_ids_are_not_models(text: str) -> None:
    assert parse_model_id(text, CATALOG) is None


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("anthropic/claude-opus-4-6", "anthropic/claude-opus-4-8"),  # LiteLLM
        ("anthropic:claude-opus-4-6", "anthropic:claude-opus-4-8"),  # LangChain init_chat_model
        ("bedrock/anthropic.claude-opus-4-6-v1", "bedrock/anthropic.claude-opus-4-8"),
        ("vertex_ai/claude-opus-4-5@20251101", "vertex_ai/claude-opus-4-8"),
        ("vertex_ai/claude-opus-4-6", "vertex_ai/claude-opus-4-8"),
        ("bedrock/us.anthropic.claude-opus-4-6-v1", None),  # no documented "us." profile for the target
        ("anthropic.claude-opus-4-6-v1:0", "anthropic.claude-opus-4-8"),
    ],
)
def test_framework_prefixes_are_kept(text: str, rendered: str | None) -> None:
    ref = parse_model_id(text, CATALOG)
    target = CATALOG.get("claude-opus-4-8")
    assert ref is not None and target is not None
    assert render_in_form(ref, target).text == rendered


@pytest.mark.parametrize("text", ["bedrock/claude-opus-4-6", "anthropic/gpt-4o", "anthropic/anthropic.claude-opus-4-6-v1"])
def test_prefix_with_the_wrong_form_is_not_a_model(text: str) -> None:
    assert parse_model_id(text, CATALOG) is None


def test_context_window_suffix_is_recognised_but_not_rewritten() -> None:
    ref = parse_model_id("anthropic.claude-3-sonnet-20240229-v1:0:200k", CATALOG)
    target = CATALOG.get("claude-sonnet-4-6")
    assert ref is not None and target is not None and ref.context == ":200k"
    assert render_in_form(ref, target).text is None


def test_rendering_keeps_the_platform_form() -> None:
    target = CATALOG.get("claude-opus-4-8")
    assert target is not None
    vertex = parse_model_id("claude-opus-4-5@20251101", CATALOG)
    bedrock = parse_model_id("anthropic.claude-opus-4-6-v1", CATALOG)
    profiled = parse_model_id("us.anthropic.claude-opus-4-6-v1", CATALOG)
    assert vertex and bedrock and profiled
    assert render_in_form(vertex, target).text == "claude-opus-4-8"
    assert render_in_form(bedrock, target).text == "anthropic.claude-opus-4-8"
    # No documented "us." profile for the target: reported, never guessed.
    assert render_in_form(profiled, target).text is None


def test_every_target_is_a_model_the_sdk_knows() -> None:
    assert set(CATALOG.targets()) <= SDK_MODEL_IDS


def test_clamp_effort() -> None:
    assert clamp_effort("xhigh", ("low", "medium", "high", "max")) == "high"
    assert clamp_effort("max", ("low", "medium", "high")) == "high"
    assert clamp_effort("low", ("medium", "high")) == "medium"
    assert clamp_effort("high", ()) is None


@pytest.mark.parametrize(
    ("budget", "level"),
    [(1024, "low"), (1999, "low"), (2000, "medium"), (4999, "medium"), (5000, "high"), (11999, "high"),
     (12000, "xhigh"), (20000, "xhigh"), (20001, "max"), (64000, "max")],
)
def test_default_effort_map(budget: int, level: str) -> None:
    assert DEFAULT_EFFORT_MAP.level_for(budget) == level


def test_custom_effort_map_validates() -> None:
    custom = EffortMap.from_mapping({"low": 0, "high": 10000})
    assert custom.level_for(9999) == "low" and custom.level_for(10000) == "high"
    with pytest.raises(ValueError):
        EffortMap.from_mapping({"extreme": 1})
