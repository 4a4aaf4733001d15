"""Checks on the model catalogue data (codemod/catalog/models.toml).

Two kinds of test:
- schema invariants that any edit of the file must keep (unique IDs, successors that resolve, well-typed
  capabilities, ...), so that a new model or a retired ID can be added to the data without touching rule code;
- concrete rows checked against the tables of /work/shared/api-facts.md (§1.1, §1.2, §2.1). Each expected
  value cites the table and row it was copied from.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CATALOG_PATH = Path(__file__).resolve().parent.parent / "codemod" / "catalog" / "models.toml"

MODEL_KEYS = {
    "id": str,
    "name": str,
    "family": str,
    "generation": list,
    "aliases": list,
    "status": str,
    "retires": str,
    "successor": str,
    "bedrock": list,
    "bedrock_profiles": list,
    "vertex": list,
    "sources": list,
}
CAPABILITY_KEYS = {
    "thinking_enabled": str,
    "thinking_adaptive": bool,
    "thinking_disabled": bool,
    "disabled_max_effort": str,
    "thinking_between_tools": bool,
    "between_tools_max_effort": str,
    "thinking_default_on": bool,
    "thinking_always_on": bool,
    "effort_levels": list,
    "default_effort": str,
    "sampling": bool,
    "prefill": bool,
    "forced_tool_choice": bool,
    "max_output_tokens": int,
    "fast_mode": str,
    "context_1m": bool,
    "task_budget": bool,
}
OPTIONAL_MODEL_KEYS = {"deprecated": str}  # the day a model was deprecated
OPTIONAL_CAPABILITY_KEYS = {"fast_mode_removed": str}  # the day fast mode was removed ("removed" is derived)
FAST_MODE_VALUES = {"", "available", "beta"}
FAMILIES = {"opus", "sonnet", "haiku", "fable", "mythos", "claude", "instant"}
# The standing in models.toml; "deprecated" and "retired" (after `retires`) are derived from the dates.
STATUSES = {"active", "legacy", "retired"}
THINKING_ENABLED_VALUES = {"accepted", "deprecated", "rejected"}
EFFORT_ORDER = ["low", "medium", "high", "xhigh", "max"]
BEDROCK_PROFILES = {"global", "us", "eu", "jp", "apac"}
# api-facts.md §0 source keys; third-party sources are "3P-<name>".
SOURCE_KEYS = {
    "SDK", "SDK-0.121", "MIG-v1", "D-MODELS", "D-DEPR", "D-S45", "D-O45", "D-H45", "D-S46", "D-S5", "D-O5",
    "D-O5-NEW", "D-O55", "D-O55-MIG", "D-S55", "D-S55-NEW", "D-S55-MIG", "D-H55", "D-H55-MIG", "D-H55-PROMPT",
    "D-F52", "D-THINK-TS", "D-EFFORT", "D-TB", "D-FAST", "D-MIDCONV", "D-BR-LEGACY", "D-API2610", "SKILL-0701",
    "SKILL-REF", "PLUGIN-O45",
    # read by this project after api-facts.md was written (api-facts §5.4: the packages and CHANGELOG.md of
    # anthropic 0.41.0, 2.9.0, 2.13.0 and 2.15.0)
    "SDK-0.41", "SDK-2.9", "SDK-2.13", "SDK-2.15",
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def catalog() -> dict[str, Any]:
    with CATALOG_PATH.open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module")
def models(catalog: dict[str, Any]) -> list[dict[str, Any]]:
    return catalog["models"]


@pytest.fixture(scope="module")
def by_name(models: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every Claude API ID (canonical or alias) -> its entry."""
    index: dict[str, dict[str, Any]] = {}
    for model in models:
        for name in [model["id"], *model["aliases"]]:
            index[name] = model
    return index


def _ids(models: list[dict[str, Any]]) -> set[str]:
    return {m["id"] for m in models}


# --------------------------------------------------------------------------------------------------------
# Schema invariants
# --------------------------------------------------------------------------------------------------------


def test_top_level(catalog: dict[str, Any]) -> None:
    assert catalog["schema"] == 1
    assert set(catalog) == {"schema", "default_target", "sdk", "sdk_differences", "models", "beta_headers"}
    assert re.match(r"^\d+\.\d+\.\d+$", catalog["sdk"])
    assert isinstance(catalog["models"], list) and catalog["models"]


def test_model_keys_and_types(models: list[dict[str, Any]]) -> None:
    for model in models:
        expected = set(MODEL_KEYS) | ({"capabilities"} if "capabilities" in model else set())
        assert expected <= set(model) <= expected | set(OPTIONAL_MODEL_KEYS), model["id"]
        for key, typ in OPTIONAL_MODEL_KEYS.items():
            assert type(model.get(key, "")) is typ, (model["id"], key)
        for key, typ in MODEL_KEYS.items():
            assert type(model[key]) is typ, (model["id"], key)
        for key in ("aliases", "bedrock", "bedrock_profiles", "vertex", "sources"):
            assert all(type(v) is str and v for v in model[key]), (model["id"], key)
            assert len(set(model[key])) == len(model[key]), (model["id"], key, "duplicate")
        assert model["family"] in FAMILIES, model["id"]
        assert model["status"] in STATUSES, model["id"]
        assert model["name"].startswith("Claude"), model["id"]
        gen = model["generation"]
        assert len(gen) == 2 and all(type(g) is int and g >= 0 for g in gen), model["id"]


def test_ids_and_aliases_unique(models: list[dict[str, Any]]) -> None:
    seen: dict[str, str] = {}
    for model in models:
        for name in [model["id"], *model["aliases"]]:
            assert name not in seen, f"{name} in both {seen[name]} and {model['id']}"
            assert name.startswith("claude-"), name
            assert not name.startswith("anthropic.") and "@" not in name, name
            seen[name] = model["id"]


def test_platform_ids_unique(models: list[dict[str, Any]]) -> None:
    for key in ("bedrock", "vertex"):
        seen: set[str] = set()
        for model in models:
            for platform_id in model[key]:
                assert platform_id not in seen, (key, platform_id)
                seen.add(platform_id)


def test_successors_resolve(models: list[dict[str, Any]]) -> None:
    ids = {m["id"]: m for m in models}
    for model in models:
        successor = model["successor"]
        if not successor:
            continue
        # a successor is written into user code: it must be a canonical id, never an alias, and still answer
        assert successor in ids, (model["id"], successor)
        assert successor != model["id"]
        assert ids[successor]["status"] != "retired", (model["id"], successor)


def test_successor_chains_end_at_a_model_in_service(models: list[dict[str, Any]]) -> None:
    """Following successors from any model ends, without a cycle, at a model that is neither retired nor
    deprecated: the replacement a retired or deprecated model moves to (codemod/facts/models.py)."""
    ids = {m["id"]: m for m in models}
    for model in models:
        seen = [model["id"]]
        current = model
        while current["successor"]:
            current = ids[current["successor"]]
            assert current["id"] not in seen, f"successor cycle: {seen + [current['id']]}"
            seen.append(current["id"])
        if len(seen) > 1:
            assert current["status"] != "retired" and not current.get("deprecated"), seen


def test_lifecycle_fields(models: list[dict[str, Any]]) -> None:
    for model in models:
        status, retires, deprecated = model["status"], model["retires"], model.get("deprecated", "")
        if status == "retired":
            # retired before the first day the catalogue describes: no capabilities, always retired
            assert ISO_DATE.match(retires), model["id"]
            assert model["successor"], f"retired {model['id']} needs a successor"
            assert "capabilities" not in model, model["id"]
            assert deprecated == "", model["id"]
        else:
            assert "capabilities" in model, model["id"]
            assert retires == "" or ISO_DATE.match(retires), model["id"]
            assert deprecated == "" or ISO_DATE.match(deprecated), model["id"]
            if retires:
                # a retirement is announced by a deprecation, which comes first
                assert deprecated and deprecated < retires, model["id"]
                assert model["successor"], f"{model['id']} retires and needs a successor"


def test_capabilities(models: list[dict[str, Any]]) -> None:
    for model in models:
        caps = model.get("capabilities")
        if caps is None:
            continue
        mid = model["id"]
        assert set(CAPABILITY_KEYS) <= set(caps) <= set(CAPABILITY_KEYS) | set(OPTIONAL_CAPABILITY_KEYS), mid
        for key, typ in (CAPABILITY_KEYS | OPTIONAL_CAPABILITY_KEYS).items():
            if key in caps:
                assert type(caps[key]) is typ, (mid, key)
        assert caps["thinking_enabled"] in THINKING_ENABLED_VALUES, mid
        levels = caps["effort_levels"]
        assert set(levels) <= set(EFFORT_ORDER), mid
        assert levels == [e for e in EFFORT_ORDER if e in levels], f"{mid}: effort levels out of order"
        if levels:
            assert caps["default_effort"] in levels, mid
        else:
            assert caps["default_effort"] == "", mid
        for flag, cap in (("thinking_disabled", "disabled_max_effort"),
                          ("thinking_between_tools", "between_tools_max_effort")):
            if caps[cap]:
                assert caps[flag], (mid, cap)
                assert caps[cap] in levels, (mid, cap)
        if caps["thinking_always_on"]:
            assert caps["thinking_default_on"], mid
            assert not caps["thinking_disabled"] and not caps["thinking_between_tools"], mid
        if caps["thinking_default_on"]:
            assert caps["thinking_adaptive"], f"{mid}: thinks by default, so adaptive must be accepted"
        assert caps["max_output_tokens"] > 0, mid


def test_platform_forms(models: list[dict[str, Any]]) -> None:
    for model in models:
        for bedrock_id in model["bedrock"]:
            assert bedrock_id.startswith("anthropic.claude-"), bedrock_id  # base ID, no region prefix
        assert set(model["bedrock_profiles"]) <= BEDROCK_PROFILES, model["id"]
        if model["bedrock_profiles"]:
            assert model["bedrock"], model["id"]
        for vertex_id in model["vertex"]:
            assert vertex_id.startswith("claude-") and not vertex_id.startswith("anthropic."), vertex_id
            # dated snapshots use "@" on Vertex (api-facts §1.1 platform ID rules)
            assert not re.search(r"-\d{8}$", vertex_id), vertex_id


def test_sources_are_known_keys(models: list[dict[str, Any]]) -> None:
    for model in models:
        assert model["sources"], model["id"]
        for key in model["sources"]:
            assert key in SOURCE_KEYS or key.startswith("3P-"), (model["id"], key)


def test_default_target(catalog: dict[str, Any], models: list[dict[str, Any]]) -> None:
    target = catalog["default_target"]
    entry = {m["id"]: m for m in models}.get(target)
    assert entry is not None, target
    assert entry["status"] not in ("retired", "deprecated")
    assert target == "claude-opus-4-8"  # design.md: --target default


def test_ordered_newest_first_by_family(models: list[dict[str, Any]]) -> None:
    families_seen: list[str] = []
    last_gen: dict[str, list[int]] = {}
    for model in models:
        family = model["family"]
        if not families_seen or families_seen[-1] != family:
            assert family not in families_seen, f"family {family} is not contiguous"
            families_seen.append(family)
        if family in last_gen:
            assert model["generation"] <= last_gen[family], f"{model['id']} out of order"
        last_gen[family] = model["generation"]


# --------------------------------------------------------------------------------------------------------
# Coverage of every ID api-facts names
# --------------------------------------------------------------------------------------------------------

# api-facts §1.1 "Claude API ID (alias)" column, every row.
CURRENT_AND_LEGACY_IDS = [
    "claude-fable-5-2", "claude-mythos-5-2", "claude-fable-5-1", "claude-mythos-5-1", "claude-opus-5-5",
    "claude-sonnet-5-5", "claude-haiku-5-5", "claude-fable-5", "claude-mythos-5", "claude-opus-5",
    "claude-sonnet-5", "claude-opus-4-8", "claude-opus-4-7", "claude-mythos-preview", "claude-opus-4-6",
    "claude-sonnet-4-6", "claude-opus-4-5-20251101", "claude-opus-4-5", "claude-sonnet-4-5-20250929",
    "claude-sonnet-4-5", "claude-haiku-4-5-20251001", "claude-haiku-4-5",
]
# api-facts §1.2 table plus the SDK DEPRECATED_MODELS IDs named in the note under it.
RETIRED_IDS = [
    "claude-opus-4-1-20250805", "claude-opus-4-20250514", "claude-sonnet-4-20250514", "claude-3-haiku-20240307",
    "claude-3-5-haiku-20241022", "claude-3-7-sonnet-20250219", "claude-3-5-sonnet-20240620",
    "claude-3-5-sonnet-20241022", "claude-3-opus-20240229", "claude-2.0", "claude-2.1",
    "claude-3-sonnet-20240229", "claude-opus-4-0", "claude-sonnet-4-0", "claude-3-7-sonnet-latest",
    "claude-3-5-haiku-latest", "claude-1.3", "claude-1.3-100k", "claude-instant-1.1", "claude-instant-1.1-100k",
    "claude-instant-1.2",
]


@pytest.mark.parametrize("name", CURRENT_AND_LEGACY_IDS)
def test_current_and_legacy_ids_present(by_name: dict[str, dict[str, Any]], name: str) -> None:
    assert name in by_name
    assert by_name[name]["status"] != "retired"


@pytest.mark.parametrize("name", RETIRED_IDS)
def test_retired_ids_present(by_name: dict[str, dict[str, Any]], name: str) -> None:
    assert name in by_name
    assert by_name[name]["status"] == "retired"


# --------------------------------------------------------------------------------------------------------
# Concrete rows against api-facts tables
# --------------------------------------------------------------------------------------------------------

ROWS: list[tuple[str, str, Any]] = [
    # §2.1 Opus 4.7 row: `enabled`+`budget_tokens` ✘; effort low…xhigh, max; sampling ✘; prefill ✘
    ("claude-opus-4-7", "capabilities.thinking_enabled", "rejected"),
    ("claude-opus-4-7", "capabilities.effort_levels", ["low", "medium", "high", "xhigh", "max"]),
    ("claude-opus-4-7", "capabilities.sampling", False),
    # §2.1 Opus 4.6 row: enabled "dep"; effort low, medium, high, max (no xhigh); sampling accepted; prefill ✘
    ("claude-opus-4-6", "capabilities.thinking_enabled", "deprecated"),
    ("claude-opus-4-6", "capabilities.effort_levels", ["low", "medium", "high", "max"]),
    ("claude-opus-4-6", "capabilities.sampling", True),
    ("claude-opus-4-6", "capabilities.prefill", False),
    # §1.1 Opus 4.6 row + §7 conflict 5: current table form first, `:0` only as an older alternative
    ("claude-opus-4-6", "bedrock", ["anthropic.claude-opus-4-6-v1", "anthropic.claude-opus-4-6-v1:0"]),
    ("claude-opus-4-6", "bedrock_profiles", ["global", "us", "eu", "jp", "apac"]),
    # §1.1 Sonnet 4.5 row: Deprecated; retires 2026-11-30; replacement Sonnet 5.5; §2.1: effort not supported
    # (SDK 1.11.0, 2026-09-30: "deprecate sonnet 4.5"; SDK 2.15.0, 2026-11-30: "remove retired Claude Sonnet 4.5")
    ("claude-sonnet-4-5", "status", "legacy"),
    ("claude-sonnet-4-5", "deprecated", "2026-09-30"),
    ("claude-sonnet-4-5", "retires", "2026-11-30"),
    ("claude-sonnet-4-5", "successor", "claude-sonnet-5-5"),
    ("claude-sonnet-4-5", "capabilities.effort_levels", []),
    ("claude-sonnet-4-5", "capabilities.thinking_enabled", "accepted"),
    ("claude-sonnet-4-5", "capabilities.thinking_adaptive", False),
    ("claude-sonnet-4-5", "vertex", ["claude-sonnet-4-5@20250929"]),
    # §2.1 Opus 5.5 row: default effort medium; disabled ✘ at every effort; forced tool_choice ✘; always on
    ("claude-opus-5-5", "capabilities.default_effort", "medium"),
    ("claude-opus-5-5", "capabilities.thinking_disabled", False),
    ("claude-opus-5-5", "capabilities.forced_tool_choice", False),
    ("claude-opus-5-5", "capabilities.thinking_always_on", True),
    ("claude-opus-5-5", "status", "active"),
    # §2.1 Haiku 5.5 row: disabled only at low/medium/high; default effort medium; prefill ✘; forced ✔
    ("claude-haiku-5-5", "capabilities.disabled_max_effort", "high"),
    ("claude-haiku-5-5", "capabilities.default_effort", "medium"),
    ("claude-haiku-5-5", "capabilities.prefill", False),
    ("claude-haiku-5-5", "capabilities.forced_tool_choice", True),
    ("claude-haiku-5-5", "capabilities.sampling", False),
    # §1.1 Opus 4.5 row: dated canonical ID, alias, Vertex `@` form, Bedrock -v1:0 with global/us/eu
    ("claude-opus-4-5", "id", "claude-opus-4-5-20251101"),
    ("claude-opus-4-5", "vertex", ["claude-opus-4-5@20251101"]),
    ("claude-opus-4-5", "bedrock", ["anthropic.claude-opus-4-5-20251101-v1:0"]),
    ("claude-opus-4-5", "bedrock_profiles", ["global", "us", "eu"]),
    # §2.1 Opus 4.5 row: enabled only mode; effort low, medium, high; prefill ✔; 64K output
    ("claude-opus-4-5", "capabilities.effort_levels", ["low", "medium", "high"]),
    ("claude-opus-4-5", "capabilities.prefill", True),
    ("claude-opus-4-5", "capabilities.max_output_tokens", 64000),
    # SDK 2.13.0 (2026-11-23, api-facts §5.4) DEPRECATED_MODELS: Opus 4.5 end-of-life "January 22nd, 2027";
    # D-O45 recommends Opus 5.5
    ("claude-opus-4-5", "status", "legacy"),
    ("claude-opus-4-5", "deprecated", "2026-11-23"),
    ("claude-opus-4-5", "retires", "2027-01-22"),
    ("claude-opus-4-5", "successor", "claude-opus-5-5"),
    # §1.2: claude-3-opus-20240229 retired 2026-01-05, replacement claude-opus-4-8
    ("claude-3-opus-20240229", "status", "retired"),
    ("claude-3-opus-20240229", "retires", "2026-01-05"),
    ("claude-3-opus-20240229", "successor", "claude-opus-4-8"),
    # §1.2: claude-opus-4-1-20250805 retired 2026-08-05 -> claude-opus-4-8 (§7 conflict 6: 20250805, not 20250422)
    ("claude-opus-4-1", "id", "claude-opus-4-1-20250805"),
    ("claude-opus-4-1-20250805", "retires", "2026-08-05"),
    ("claude-opus-4-1-20250805", "successor", "claude-opus-4-8"),
    # §1.2: claude-opus-4-20250514 / claude-sonnet-4-20250514 retired 2026-06-15 -> opus-4-8 / sonnet-4-6;
    # -4-0 aliases from SDK DEPRECATED_MODELS
    ("claude-opus-4-0", "id", "claude-opus-4-20250514"),
    ("claude-opus-4-20250514", "successor", "claude-opus-4-8"),
    ("claude-sonnet-4-0", "id", "claude-sonnet-4-20250514"),
    ("claude-sonnet-4-20250514", "retires", "2026-06-15"),
    ("claude-sonnet-4-20250514", "successor", "claude-sonnet-4-6"),
    # §1.2: claude-3-5-haiku-20241022 / claude-3-7-sonnet-20250219 retired 2026-02-19
    ("claude-3-5-haiku-latest", "id", "claude-3-5-haiku-20241022"),
    ("claude-3-5-haiku-20241022", "retires", "2026-02-19"),
    ("claude-3-5-haiku-20241022", "successor", "claude-haiku-4-5-20251001"),
    ("claude-3-7-sonnet-latest", "successor", "claude-sonnet-4-6"),
    # §1.2: claude-3-haiku-20240307 retired 2026-04-20 -> claude-haiku-4-5-20251001
    ("claude-3-haiku-20240307", "retires", "2026-04-20"),
    ("claude-3-haiku-20240307", "successor", "claude-haiku-4-5-20251001"),
    # §1.2: claude-3-5-sonnet-20240620/-20241022 retired 2025-10-28 -> claude-sonnet-4-6 (separate snapshots)
    ("claude-3-5-sonnet-latest", "id", "claude-3-5-sonnet-20241022"),
    ("claude-3-5-sonnet-20240620", "id", "claude-3-5-sonnet-20240620"),
    ("claude-3-5-sonnet-20240620", "retires", "2025-10-28"),
    ("claude-3-5-sonnet-20240620", "successor", "claude-sonnet-4-6"),
    # §1.2: claude-2.0, claude-2.1, claude-3-sonnet-20240229 retired 2025-07-21 -> opus-4-8, opus-4-8, sonnet-4-6
    ("claude-2.1", "retires", "2025-07-21"),
    ("claude-2.1", "successor", "claude-opus-4-8"),
    ("claude-2.0", "successor", "claude-opus-4-8"),
    ("claude-3-sonnet-20240229", "successor", "claude-sonnet-4-6"),
    # §1.2: claude-1.x, claude-instant-1.x retired 2024-11-06 -> claude-haiku-4-5-20251001
    ("claude-1.3-100k", "retires", "2024-11-06"),
    ("claude-1.3", "successor", "claude-haiku-4-5-20251001"),
    ("claude-instant-1.2", "successor", "claude-haiku-4-5-20251001"),
    ("claude-instant-1.1-100k", "id", "claude-instant-1.1"),
    # §2.1 Sonnet 5.5 row: disabled ✘; between_tools ✔ at low/medium/high only; forced tool_choice ✘
    ("claude-sonnet-5-5", "capabilities.thinking_disabled", False),
    ("claude-sonnet-5-5", "capabilities.thinking_between_tools", True),
    ("claude-sonnet-5-5", "capabilities.between_tools_max_effort", "high"),
    ("claude-sonnet-5-5", "capabilities.forced_tool_choice", False),
    ("claude-sonnet-5-5", "capabilities.default_effort", "high"),
    # §2.1 Opus 5 row: disabled only at effort ≤ high; thinking "On" when omitted
    ("claude-opus-5", "capabilities.disabled_max_effort", "high"),
    ("claude-opus-5", "capabilities.thinking_default_on", True),
    ("claude-opus-5", "capabilities.thinking_always_on", False),
    # §2.1 Sonnet 5 row: disabled at any effort incl. xhigh; between_tools not accepted
    ("claude-sonnet-5", "capabilities.thinking_disabled", True),
    ("claude-sonnet-5", "capabilities.disabled_max_effort", ""),
    ("claude-sonnet-5", "capabilities.thinking_between_tools", False),
    # §2.1 Opus 4.8 row: enabled ✘, all five levels, sampling ✘, prefill ✘, forced ✔, thinking Off by default
    ("claude-opus-4-8", "capabilities.thinking_enabled", "rejected"),
    ("claude-opus-4-8", "capabilities.effort_levels", ["low", "medium", "high", "xhigh", "max"]),
    ("claude-opus-4-8", "capabilities.forced_tool_choice", True),
    ("claude-opus-4-8", "capabilities.thinking_default_on", False),
    ("claude-opus-4-8", "status", "legacy"),
    # §1.1 Haiku 4.5 row: InvokeModel ID plus Messages-API ID; global/us/eu; Vertex `@` form
    ("claude-haiku-4-5", "bedrock", ["anthropic.claude-haiku-4-5-20251001-v1:0", "anthropic.claude-haiku-4-5"]),
    ("claude-haiku-4-5", "bedrock_profiles", ["global", "us", "eu"]),
    ("claude-haiku-4-5", "vertex", ["claude-haiku-4-5@20251001"]),
    # §2.1 Haiku 4.5 row: enabled only mode, no effort, prefill ✔, 64K
    ("claude-haiku-4-5", "capabilities.thinking_enabled", "accepted"),
    ("claude-haiku-4-5", "capabilities.effort_levels", []),
    ("claude-haiku-4-5", "capabilities.max_output_tokens", 64000),
    # §1.1 Sonnet 4.6 row: global/us/eu/jp, no apac; §2.1: dep enabled, no xhigh, 128K (§7 conflict 12)
    ("claude-sonnet-4-6", "bedrock_profiles", ["global", "us", "eu", "jp"]),
    ("claude-sonnet-4-6", "capabilities.thinking_enabled", "deprecated"),
    ("claude-sonnet-4-6", "capabilities.max_output_tokens", 128000),
    # §1.1 Mythos Preview row: deprecated, retirement TBA in docs (§7 conflict 4) -> no date; Bedrock only
    ("claude-mythos-preview", "status", "legacy"),
    ("claude-mythos-preview", "deprecated", "2026-06-09"),
    ("claude-mythos-preview", "retires", ""),
    ("claude-mythos-preview", "bedrock", ["anthropic.claude-mythos-preview"]),
    ("claude-mythos-preview", "vertex", []),
    ("claude-mythos-preview", "generation", [4, 9]),
    # §2.1 Mythos Preview row: disabled ✘, always on, effort includes max but no xhigh, sampling ✘
    ("claude-mythos-preview", "capabilities.thinking_disabled", False),
    ("claude-mythos-preview", "capabilities.thinking_always_on", True),
    ("claude-mythos-preview", "capabilities.effort_levels", ["low", "medium", "high", "max"]),
    ("claude-mythos-preview", "capabilities.sampling", False),
    # §2.1 Fable 5.1 / Mythos 5.1 row: disabled ✘, always on, forced tool_choice ✘ (same as Opus 5.5)
    ("claude-fable-5-1", "capabilities.thinking_always_on", True),
    ("claude-fable-5-1", "capabilities.forced_tool_choice", False),
    ("claude-mythos-5-1", "capabilities.thinking_disabled", False),
    # §1.1 Fable 5.1 row: Bedrock / Vertex IDs; Mythos 5.1 / 5.2: no Bedrock, no Vertex
    ("claude-fable-5-1", "bedrock", ["anthropic.claude-fable-5-1"]),
    ("claude-fable-5-1", "vertex", ["claude-fable-5-1"]),
    ("claude-mythos-5-1", "bedrock", []),
    ("claude-mythos-5-2", "vertex", []),
    # §1.1 Fable 5 / Mythos 5 row: Legacy; Bedrock `anthropic.` + bare ID, Vertex bare ID
    ("claude-mythos-5", "status", "legacy"),
    ("claude-mythos-5", "bedrock", ["anthropic.claude-mythos-5"]),
    ("claude-fable-5", "vertex", ["claude-fable-5"]),
    # §2.1 Fable 5.2 row: always on (official excerpt); enabled/sampling/forced ✘ (3P)
    ("claude-fable-5-2", "capabilities.thinking_always_on", True),
    ("claude-fable-5-2", "capabilities.thinking_enabled", "rejected"),
    ("claude-fable-5-2", "bedrock", ["anthropic.claude-fable-5-2"]),
    # §1.1 Opus 5 row: only a 3P source shows a `global.` profile -> no documented profiles
    ("claude-opus-5", "bedrock", ["anthropic.claude-opus-5"]),
    ("claude-opus-5", "bedrock_profiles", []),
    # §1.1: 5.5 models have no date and no separate alias
    ("claude-opus-5-5", "aliases", []),
    ("claude-haiku-5-5", "aliases", []),
]


def _get(entry: dict[str, Any], path: str) -> Any:
    value: Any = entry
    for part in path.split("."):
        value = value[part]
    return value


@pytest.mark.parametrize(("name", "path", "expected"), ROWS, ids=[f"{n}:{p}" for n, p, _ in ROWS])
def test_row_matches_api_facts(by_name: dict[str, dict[str, Any]], name: str, path: str, expected: Any) -> None:
    assert name in by_name, name
    assert _get(by_name[name], path) == expected


def test_retired_models_have_no_capabilities(by_name: dict[str, dict[str, Any]]) -> None:
    # §1.2: these no longer answer, so no request shape is recorded for them
    for name in ("claude-3-opus-20240229", "claude-opus-4-1-20250805", "claude-2.0", "claude-instant-1.2"):
        assert "capabilities" not in by_name[name]


def test_sdk_constant_platform_ids(by_name: dict[str, dict[str, Any]]) -> None:
    # SDK `_constants.py` MODEL_NONSTREAMING_TOKENS (brief: well-known Bedrock IDs of retired Opus 4 / 4.1)
    assert by_name["claude-opus-4-20250514"]["bedrock"] == ["anthropic.claude-opus-4-20250514-v1:0"]
    assert by_name["claude-opus-4-1-20250805"]["bedrock"] == ["anthropic.claude-opus-4-1-20250805-v1:0"]


def test_fast_mode_context_and_task_budget_rows(models: list[dict[str, Any]]) -> None:
    by_id = {m["id"]: m for m in models}
    # api-facts §2.4 (D-FAST): Opus 5.5 available; Opus 5 needs fast-mode-2026-02-01; Opus 4.8's research
    # preview was removed on 2026-11-30 and Opus 4.7's on 2026-07-24 (code.claude.com fast-mode). §5.4, newest
    # fast-mode page: "available on Claude Fable 5.2, Claude Mythos 5.2, and Claude Opus 5.5".
    assert by_id["claude-opus-5-5"]["capabilities"]["fast_mode"] == "available"
    assert by_id["claude-fable-5-2"]["capabilities"]["fast_mode"] == "available"
    assert by_id["claude-mythos-5-2"]["capabilities"]["fast_mode"] == "available"
    assert by_id["claude-opus-5"]["capabilities"]["fast_mode"] == "beta"
    assert by_id["claude-opus-4-8"]["capabilities"]["fast_mode"] == "beta"
    assert by_id["claude-opus-4-8"]["capabilities"]["fast_mode_removed"] == "2026-11-30"
    assert by_id["claude-opus-4-7"]["capabilities"]["fast_mode"] == "beta"
    assert by_id["claude-opus-4-7"]["capabilities"]["fast_mode_removed"] == "2026-07-24"
    for model in models:
        caps = model.get("capabilities", {})
        if caps:
            assert caps["fast_mode"] in FAST_MODE_VALUES, model["id"]
            if "fast_mode_removed" in caps:
                assert caps["fast_mode"] and ISO_DATE.match(caps["fast_mode_removed"]), model["id"]
    assert by_id["claude-sonnet-5-5"]["capabilities"]["fast_mode"] == ""  # "not on Sonnet, Haiku"
    # api-facts §2.1 "(1M ctx)": Opus 4.6 yes, Opus 4.5 (200K ctx) no.
    assert by_id["claude-opus-4-6"]["capabilities"]["context_1m"] is True
    assert by_id["claude-opus-4-5-20251101"]["capabilities"]["context_1m"] is False
    # api-facts §2.3 (D-TB): Opus 4.7 supports task budgets, Opus 4.6 and Sonnet 5 do not.
    assert by_id["claude-opus-4-7"]["capabilities"]["task_budget"] is True
    assert by_id["claude-opus-4-6"]["capabilities"]["task_budget"] is False
    assert by_id["claude-sonnet-5"]["capabilities"]["task_budget"] is False


def test_beta_headers(catalog: dict[str, Any]) -> None:
    headers = {h["name"]: h for h in catalog["beta_headers"]}
    # api-facts §2.6
    assert headers["interleaved-thinking-2025-05-14"]["when"] == "no-enabled-thinking"
    assert headers["effort-2025-11-24"]["action"] == "remove"
    assert headers["fine-grained-tool-streaming-2025-05-14"]["action"] == "report"
    for header in headers.values():
        assert header["action"] in ("remove", "report")
        assert header["when"] in ("always", "no-enabled-thinking", "no-output-format", "context-1m")
