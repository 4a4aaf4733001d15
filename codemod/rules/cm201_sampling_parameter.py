"""CM201 sampling-parameter: `temperature`, `top_p` and `top_k` are removed from Anthropic requests.

## What it does
Removes `temperature`, `top_p` and `top_k` from every proven Anthropic request, wherever the request is
built: a keyword argument, a dict spread into the call, a `kwargs["temperature"] = t` statement (an `if`
left empty by the removal goes too), `kwargs.update(...)`, `extra_body`, a batch entry or a framework
call. A value that may have side effects (a function call) is reported instead, so that dropping it
cannot drop the effect; so is a value in a dict that other code also uses.

A request whose model is a literal that names no Claude model (`model="inspect"` sent through
`AsyncAnthropic(base_url=...)` to a local bridge) keeps what it passes in `extra_body`: that goes, as
written, to a server that is not Anthropic's.

## Why
SDK 1.0.0 removed the three parameters from `messages.create`, `stream`, `parse`, their beta forms and
`tool_runner`: passing one raises `TypeError` before any request is sent. API version 2026-10-21, the
default from SDK 2.0, returns a 400 error for them on every model, even at their default values and even
when they are passed through `extra_body`. Frameworks send them as given, so the API rejects them there
too. A framework that sends its own default on every request (AutoGen's Anthropic client sends
`temperature` 1.0; `frameworks.toml` says which) gets a finding on the call instead, with no fix:
removing the argument would only swap its value for the framework's.

## Fix safety
Safe: the request could not succeed with the parameter, so removing it changes nothing that worked.
Values with possible side effects and values in a shared dict are reported, not removed.

## Source
- https://github.com/anthropics/anthropic-sdk-python/blob/main/MIGRATION.md
- https://platform.claude.com/docs/en/api/migration-2026-10-21
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.analysis.analyzer import PASSTHROUGH
from codemod.analysis.literals import is_side_effect_free
from codemod.analysis.request import Item, Request
from codemod.catalog.frameworks import framework_named, sampling_sender_names
from codemod.context import RuleContext
from codemod.edits import code_of
from codemod.facts import RequestFacts
from codemod.findings import SAFE, Finding, Fix, Rule
from codemod.request_edits import removals

RULE = Rule(
    "CM201",
    "sampling-parameter",
    "temperature / top_p / top_k sent by an Anthropic call (however the request is built): removed.",
    fixes=(SAFE,),
    # and the frameworks that send one of them whatever the call says (AutoGen's clients)
    tokens=(b"temperature", b"top_p", b"top_k", *(name.encode() for name in sampling_sender_names())),
)
SAMPLING_KEYS = ("temperature", "top_p", "top_k")
REASON = "the SDK (>= 1.0) raises TypeError for it and the API (2026-10-21) rejects it on every model"
FRAMEWORK_REASON = "the API (2026-10-21) rejects it on every model, and the framework sends it as given"
PASSED_THROUGH_REASON = "the API (2026-10-21) rejects it on every model, even when passed through extra_body"


def _shown(request: Request, item: Item) -> str:
    if item.mutation is not None:
        return code_of(item.mutation.statement)
    owner = item.container.owner if item.container is not None else None
    framework = framework_named(request.method) if request.operation == "framework" else None
    passthrough = PASSTHROUGH + (framework.passthrough if framework is not None else ())
    where = f" in {owner.key}" if owner is not None and owner.key in passthrough else ""
    return f"{item.key}={code_of(item.value.site)}{where}"


def _reason(request: Request, item: Item) -> str:
    if request.operation == "framework":
        framework = framework_named(request.method)
        if framework is not None and framework.sampling_default:
            return f"{FRAMEWORK_REASON} (with none given, {framework.name} sends {framework.sampling_default})"
        return FRAMEWORK_REASON
    owner = item.container.owner if item.container is not None else None
    if owner is not None and owner.key == "extra_body":
        return PASSED_THROUGH_REASON
    return REASON


def _in_extra_body(item: Item) -> bool:
    owner = item.container.owner if item.container is not None else None
    return owner is not None and owner.key == "extra_body"


def _framework_default(request: Request) -> Finding | None:
    """A framework that sends a sampling parameter on every request, whatever the call says."""
    framework = framework_named(request.method) if request.operation == "framework" else None
    if framework is None or not framework.sends_sampling:
        return None
    message = (
        f"{framework.name} sends {framework.sampling_default}, which the API (2026-10-21) rejects on every model: "
        "no argument of the call turns it off; send these requests through the anthropic SDK (or a framework "
        "release that stops sending it) before moving this model"
    )
    return Finding(RULE, request.call.func, message)


def check(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    request = facts.request
    default = _framework_default(request)
    if default is not None:
        yield default
    items = [item for key in SAMPLING_KEYS for item in request.items(key)]
    if facts.other_server:  # extra_body goes as written to a server that is not Anthropic's: left alone
        items = [item for item in items if not _in_extra_body(item)]
    removable = [item for item in items if is_side_effect_free(item.value.site) and item.editable]
    edits = removals(removable) if default is None else {}
    for item in items:
        shown = _shown(request, item)
        reason = _reason(request, item)
        edit = edits.get(id(item))
        if default is not None:  # removing it would only swap the value for the framework's own
            message = f"{shown} is rejected by the API (2026-10-21), but removing it does not help: {default.message}"
            yield Finding(RULE, item.node, message)
        elif not is_side_effect_free(item.value.site):
            message = f"{shown} must go: {reason}; remove it by hand (the value may have side effects)"
            yield Finding(RULE, item.node, message)
        elif edit is None:
            message = f"{shown} must go: {reason}; the dict it is in is also used by other code, remove it by hand"
            yield Finding(RULE, item.node, message)
        else:
            yield Finding(RULE, item.node, f"{shown} removed: {reason}", Fix(SAFE, (edit,)))
