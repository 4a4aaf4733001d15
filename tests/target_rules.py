"""What the Messages API (version 2026-10-21) rejects in a request body, for a given model.

``violations(body, target_model_id)`` lists, as readable strings, every reason the API would answer a recorded
request body with a 400 in the areas claude-migrate migrates: sampling parameters, thinking configuration,
effort and task budgets, retired models, assistant prefill, forced tool choice and fast mode. It is the oracle of ``test_live_requests.py``, so it is written
independently of the rules in ``codemod/rules/``:

- every model-specific fact comes from the catalogue (``codemod/catalog/models.toml``) through
  ``load_catalog()``; no model ID is written here;
- the valid thinking types and the keys each thinking type and ``output_config`` may hold come from the
  installed ``anthropic`` SDK's TypedDicts;
- the model checked is the body's ``model`` when the catalogue knows it (any platform form, via
  ``parse_model_id``), otherwise the target (e.g. a model read from an environment variable the test
  did not set). ``as_target=True`` checks the body as if it were sent to the target instead: what breaks
  if only the model string were changed.

Facts that are not per-model (api-facts.md):
- §5.2 / D-API2610: under API version 2026-10-21 ``temperature``, ``top_p`` and ``top_k`` return a 400 on
  every model, even at their default values (Messages, count_tokens, batches);
- §3: effort lives in ``output_config.effort``; ``thinking`` holds ``type`` and ``display`` (beta adds
  ``block_binding``), never ``effort`` or ``task_budget``;
- §2.3: ``output_config.task_budget`` needs the ``task-budgets-2026-03-13`` beta header, has the shape
  ``{"type": "tokens", "total": N}`` and a minimum ``total`` of 20,000;
- §2.1 notes: ``budget_tokens`` must be >= 1024 and below ``max_tokens`` where ``enabled`` is accepted.

Per-model facts read from the catalogue's capabilities (api-facts.md §2.1, §2.4):
- ``prefill``: a conversation that ends with an assistant turn is a 400 where it is false ("The conversation
  must end with a user message.");
- ``forced_tool_choice``: ``tool_choice`` of type ``any`` or ``tool`` is a 400 where it is false;
- ``thinking_disabled`` / ``disabled_max_effort``: ``{"type": "disabled"}`` is a 400 where thinking cannot be
  turned off, or above that effort; ``thinking_between_tools`` / ``between_tools_max_effort`` likewise;
- ``fast_mode``: ``speed="fast"`` needs a model with fast mode (not one whose fast mode was ``"removed"``); on
  ``"beta"`` models any ``speed`` needs the ``fast-mode-2026-02-01`` header (checked when ``headers`` are given).

A body that carries a Message Batch (``{"requests": [{"custom_id", "params"}]}``) is checked request by request.
"""

from __future__ import annotations

import typing
from typing import Any

from anthropic.types import OutputConfigParam, ThinkingConfigParam
from anthropic.types.beta import BetaOutputConfigParam, BetaThinkingConfigParam

from codemod.catalog import EFFORT_ORDER, Model, load_catalog
from codemod.catalog.model_ids import parse_model_id

SAMPLING_KEYS = ("temperature", "top_p", "top_k")
TASK_BUDGET_BETA = "task-budgets-2026-03-13"  # api-facts §2.3 (D-TB)
FAST_MODE_BETA = "fast-mode-2026-02-01"  # api-facts §2.4 (D-FAST)
FORCED_TOOL_CHOICE_TYPES = ("any", "tool")  # api-facts §2.1 (D-O55-MIG)
TASK_BUDGET_MINIMUM = 20_000  # api-facts §2.3 (D-TB)
BUDGET_TOKENS_MINIMUM = 1024  # api-facts §2.1 notes (SDK thinking_config_enabled_param.py)

# Parts of a request that hold the caller's data (conversation, tool schemas, JSON schemas, metadata): a
# key named "temperature" there is a tool parameter or a schema property, not a sampling parameter.
_DATA_KEYS = frozenset({"messages", "system", "tools", "metadata", "mcp_servers", "container", "schema"})


def _literal_args(annotation: object) -> tuple[object, ...]:
    """The values of ``Literal[...]``, looking through ``Required[...]`` (kept by Python 3.10)."""
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    return tuple(value for arg in typing.get_args(annotation) for value in _literal_args(arg))


def _thinking_keys() -> dict[str, frozenset[str]]:
    """thinking type -> the keys that type accepts (union of the non-beta and beta SDK TypedDicts)."""
    keys: dict[str, set[str]] = {}
    for union in (ThinkingConfigParam, BetaThinkingConfigParam):
        for typed_dict in typing.get_args(union):
            hints = typing.get_type_hints(typed_dict)
            for kind in _literal_args(hints["type"]):
                keys.setdefault(kind, set()).update(hints)
    return {kind: frozenset(names) for kind, names in keys.items()}


THINKING_KEYS = _thinking_keys()
THINKING_TYPES = frozenset(THINKING_KEYS)
OUTPUT_CONFIG_KEYS = frozenset(typing.get_type_hints(OutputConfigParam))
BETA_OUTPUT_CONFIG_KEYS = frozenset(typing.get_type_hints(BetaOutputConfigParam))


def model_for(body: dict[str, Any], target_model_id: str, *, as_target: bool = False) -> tuple[Model, str]:
    """The catalogue model the body is checked against, and how it was chosen (for messages)."""
    catalog = load_catalog()
    target = catalog.get(target_model_id)
    if target is None:
        raise ValueError(f"unknown target model {target_model_id!r}")
    if as_target:
        return target, f"target {target.id}"
    model_id = body.get("model")
    ref = parse_model_id(model_id, catalog) if isinstance(model_id, str) else None
    if ref is None:
        return target, f"target {target.id} (body model {model_id!r} is not in the catalogue)"
    return ref.model, ref.model.id


def _sampling(value: Any, path: str) -> list[str]:
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in SAMPLING_KEYS:
                found.append(f"{path}.{key}: sampling parameter (400 on every model under API 2026-10-21)")
            elif key not in _DATA_KEYS:
                found += _sampling(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _sampling(item, f"{path}[{index}]")
    return found


def _contains_key(value: Any, name: str) -> bool:
    if isinstance(value, dict):
        return name in value or any(_contains_key(item, name) for item in value.values())
    if isinstance(value, list):
        return any(_contains_key(item, name) for item in value)
    return False


def _check_message(
    body: dict[str, Any], target_model_id: str, path: str, headers: dict[str, str] | None, as_target: bool
) -> list[str]:
    model, chosen = model_for(body, target_model_id, as_target=as_target)
    caps = model.capabilities
    where = f"(model {chosen})"
    problems = _sampling(body, path)
    if model.is_retired:
        problems.append(f"{path}.model: {model.id} is retired {where}")

    problems += _check_request_shape(body, model, path, where, headers)

    output_config = body.get("output_config")
    effort: str | None = None
    if output_config is not None:
        if not isinstance(output_config, dict):
            problems.append(f"{path}.output_config: not an object")
        else:
            for key in output_config:
                if key not in BETA_OUTPUT_CONFIG_KEYS:
                    problems.append(f"{path}.output_config.{key}: not an output_config key")
            if "effort" in output_config:
                effort = output_config["effort"]
                if effort not in caps.effort_levels:
                    accepted = ", ".join(caps.effort_levels) or "no effort at all"
                    problems.append(f"{path}.output_config.effort: {effort!r} is not accepted {where}; accepts {accepted}")
            if "task_budget" in output_config:
                problems += _check_task_budget(output_config["task_budget"], f"{path}.output_config.task_budget", headers)

    thinking = body.get("thinking")
    if thinking is None:
        return problems
    if not isinstance(thinking, dict):
        return problems + [f"{path}.thinking: not an object"]
    kind = thinking.get("type")
    if "effort" in thinking:
        problems.append(f"{path}.thinking.effort: effort belongs in output_config.effort")
    if "task_budget" in thinking:
        problems.append(f"{path}.thinking.task_budget: task budgets belong in output_config.task_budget")
    if kind not in THINKING_TYPES:
        problems.append(f"{path}.thinking.type: {kind!r} is not a thinking type ({', '.join(sorted(THINKING_TYPES))})")
        return problems
    for key in thinking:
        if key not in THINKING_KEYS[kind] and key not in ("effort", "task_budget", "budget_tokens"):
            problems.append(f"{path}.thinking.{key}: not accepted with thinking type {kind!r}")
    enabled_rejected = caps.thinking_enabled == "rejected"
    if kind == "enabled" and enabled_rejected:
        problems.append(f"{path}.thinking.type: 'enabled' is rejected {where}")
    if _contains_key(thinking, "budget_tokens") and (kind != "enabled" or enabled_rejected):
        reason = f"is rejected {where}" if kind == "enabled" else f"is not accepted with thinking type {kind!r}"
        problems.append(f"{path}.thinking: budget_tokens {reason}")
    elif kind == "enabled":
        problems += _check_budget(body, thinking, path)
    if kind == "adaptive" and not caps.thinking_adaptive:
        problems.append(f"{path}.thinking.type: 'adaptive' is rejected {where}")
    if kind == "disabled" and not caps.accepts_disabled_at(effort if effort in EFFORT_ORDER else None):
        detail = f" at effort {effort or caps.default_effort!r}" if caps.thinking_disabled else ""
        problems.append(f"{path}.thinking.type: 'disabled' is rejected{detail} {where}")
    if kind == "between_tools":
        if not caps.thinking_between_tools:
            problems.append(f"{path}.thinking.type: 'between_tools' is rejected {where}")
        elif (
            caps.between_tools_max_effort
            and effort in EFFORT_ORDER
            and EFFORT_ORDER.index(effort) > EFFORT_ORDER.index(caps.between_tools_max_effort)
        ):
            problems.append(f"{path}.thinking.type: 'between_tools' is rejected at effort {effort!r} {where}")
    return problems


def _betas(headers: dict[str, str]) -> list[str]:
    return [b.strip() for b in headers.get("anthropic-beta", "").split(",") if b.strip()]


def _check_request_shape(
    body: dict[str, Any], model: Model, path: str, where: str, headers: dict[str, str] | None
) -> list[str]:
    """Prefill, forced tool choice and fast mode, as the model's capabilities allow them."""
    caps = model.capabilities
    problems: list[str] = []
    messages = body.get("messages")
    last = messages[-1] if isinstance(messages, list) and messages else None
    if isinstance(last, dict) and last.get("role") == "assistant" and not caps.prefill and not model.is_retired:
        problems.append(f"{path}.messages[-1]: ends with an assistant turn (prefill), rejected {where}")
    tool_choice = body.get("tool_choice")
    forced = isinstance(tool_choice, dict) and tool_choice.get("type") in FORCED_TOOL_CHOICE_TYPES
    if forced and not caps.forced_tool_choice and not model.is_retired:
        problems.append(f"{path}.tool_choice: type {tool_choice['type']!r} (forced tool use) is rejected {where}")
    speed = body.get("speed")
    if speed is not None and not model.is_retired:
        if speed == "fast" and not caps.fast_mode:
            problems.append(f"{path}.speed: 'fast' is rejected {where}: no fast mode")
        elif speed == "fast" and caps.fast_mode == "removed":
            problems.append(f"{path}.speed: 'fast' is rejected {where}: fast mode removed {caps.fast_mode_removed}")
        elif caps.fast_mode == "beta" and headers is not None and FAST_MODE_BETA not in _betas(headers):
            problems.append(f"{path}.speed: {speed!r} needs the {FAST_MODE_BETA} beta header {where}")
    return problems


def _check_budget(body: dict[str, Any], thinking: dict[str, Any], path: str) -> list[str]:
    budget = thinking.get("budget_tokens")
    if not isinstance(budget, int) or isinstance(budget, bool):
        return [f"{path}.thinking.budget_tokens: required integer with thinking type 'enabled'"]
    problems = []
    if budget < BUDGET_TOKENS_MINIMUM:
        problems.append(f"{path}.thinking.budget_tokens: {budget} < {BUDGET_TOKENS_MINIMUM}")
    max_tokens = body.get("max_tokens")
    if isinstance(max_tokens, int) and budget >= max_tokens:
        problems.append(f"{path}.thinking.budget_tokens: {budget} is not below max_tokens {max_tokens}")
    return problems


def _check_task_budget(value: Any, path: str, headers: dict[str, str] | None) -> list[str]:
    problems = []
    if not (isinstance(value, dict) and value.get("type") == "tokens" and isinstance(value.get("total"), int)):
        problems.append(f'{path}: expected {{"type": "tokens", "total": N}}, got {value!r}')
    elif value["total"] < TASK_BUDGET_MINIMUM:
        problems.append(f"{path}.total: {value['total']} < {TASK_BUDGET_MINIMUM}")
    if headers is not None and TASK_BUDGET_BETA not in _betas(headers):
        problems.append(f"{path}: needs the {TASK_BUDGET_BETA} beta header")
    return problems


def violations(
    body: dict[str, Any], target_model_id: str, *, headers: dict[str, str] | None = None, as_target: bool = False
) -> list[str]:
    """Why the API would reject ``body`` (empty when it would accept it, as far as these rules know).

    ``headers`` (lower-cased names), when given, are checked for the beta headers the body needs.
    """
    if isinstance(body.get("requests"), list) and "messages" not in body:
        problems = []
        for index, request in enumerate(body["requests"]):
            params = request.get("params") if isinstance(request, dict) else None
            if not isinstance(params, dict):
                problems.append(f"requests[{index}]: no params object")
                continue
            problems += _check_message(params, target_model_id, f"requests[{index}].params", headers, as_target)
        return problems
    return _check_message(body, target_model_id, "body", headers, as_target)
