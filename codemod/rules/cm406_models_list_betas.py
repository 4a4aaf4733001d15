"""CM406 models-list-betas: `client.models.list(betas=...)` / `retrieve(..., betas=...)`, a `TypeError` in SDK 2.x, moves to `client.beta.models`.

## What it does
Finds `models.list(...)` and `models.retrieve(...)` calls on a proven Anthropic client that pass a
`betas=` keyword argument and moves them to the beta Models resource: `client.models.list(betas=[...])`
-> `client.beta.models.list(betas=[...])`, with the arguments unchanged; `.with_raw_response` /
`.with_streaming_response` in between are kept.

## Why
In `anthropic` 2.x the non-beta Models methods no longer take `betas` (passing it raises `TypeError`);
the beta Models resource does.

## Fix safety
Safe: `client.beta.models.list/retrieve` sends the same `GET /v1/models[/{id}]` request, with the betas as
the `anthropic-beta` header, and its `BetaModelInfo` has every field of `ModelInfo`. Only calls on a proven
client with a `betas=` keyword argument are moved.

## Source
- https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/resources/models.py
- https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/resources/beta/models.py
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.context import RuleContext
from codemod.edits import Replace, code_of
from codemod.facts import FileFacts
from codemod.findings import SAFE, Finding, Fix, Rule

RULE = Rule(
    "CM406",
    "models-list-betas",
    "`client.models.list(betas=...)` / `retrieve(..., betas=...)` (TypeError in SDK 2.x) -> `client.beta.models.*`",
    fixes=(SAFE,),
    tokens=(b"betas",),
)

MODELS_METHODS = (("models", "list"), ("models", "retrieve"))


def check_file(facts: FileFacts, ctx: RuleContext) -> Iterator[Finding]:
    for found in facts.analysis.sdk_usage.calls:
        if found.path not in MODELS_METHODS or "betas" not in found.keywords:
            continue
        operation = found.path[1]
        resource = found.attributes[0]  # ``<client>.models``
        moved = resource.with_changes(value=cst.Attribute(value=resource.value, attr=cst.Name("beta")))
        client = code_of(resource.value)
        message = (
            f"{client}.models.{operation}() no longer takes betas= in SDK 2.x (TypeError): "
            f"the beta Models API does: {client}.beta.models.{operation}(..., betas=...)"
        )
        yield Finding(RULE, found.call, message, Fix(SAFE, (Replace(resource, moved),)))
