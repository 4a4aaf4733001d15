"""CM409 bedrock-user-profile: a user profile ID on `AnthropicBedrock` is sent in the request body since anthropic 2.12.0, and Bedrock models without user-profile support answer 400.

## What it does
Reports where code gives the legacy Bedrock client (`AnthropicBedrock`, `AsyncAnthropicBedrock`) a user
profile ID: the `user_profile_id=` parameter of a Messages request on such a client (also in a `**params`
dict or a batch entry), an `anthropic-user-profile-id` header in a request's `extra_headers`, and the same
header in the client's `default_headers`. The finding names the model the request sends, when it is known.

## Why
Amazon Bedrock reads `user_profile_id` from the request body and ignores the `anthropic-user-profile-id`
header, which is all `AnthropicBedrock` sent before anthropic 2.12.0: the ID was silently dropped. Since
2.12.0 both Bedrock clients move it into the body of Messages requests, and "some models on Bedrock do not
support user profiles. A request to one of them with a profile ID now fails with a 400 error; before, the
ID was ignored. Leave the ID off requests to those models." Code that worked by accident starts failing
after the upgrade the migration asks for.

## Fix safety
Report only: which Bedrock models support user profiles is not documented in a form the tool can check, and
whether the ID should be attributed (it never was before 2.12.0) is the user's decision.

## Source
- https://github.com/anthropics/anthropic-sdk-python/blob/main/CHANGELOG.md (2.12.0: "bedrock: send the user profile ID in the request body")
- https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/lib/bedrock/_client.py
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.analysis.literals import literal_str
from codemod.analysis.request import Item, Request
from codemod.context import RuleContext
from codemod.facts import FileFacts, RequestFacts
from codemod.findings import Finding, Rule

RULE = Rule(
    "CM409",
    "bedrock-user-profile",
    "user_profile_id (or the anthropic-user-profile-id header) on AnthropicBedrock: sent in the body since anthropic "
    "2.12.0, a 400 from Bedrock models without user-profile support: reported.",
    tokens=(b"user_profile_id", b"user-profile-id"),
)

BEDROCK_CLIENTS = frozenset({"AnthropicBedrock", "AsyncAnthropicBedrock"})
HEADER = "anthropic-user-profile-id"
WHY = (
    "since anthropic 2.12.0 AnthropicBedrock sends it in the request body (before, Bedrock ignored it), and Bedrock "
    "models without user-profile support answer 400: leave it off requests to those models"
)


def _header_items(request: Request) -> Iterator[Item]:
    for headers in request.items("extra_headers"):
        mapping = headers.value.mapping
        if mapping is not None:
            yield from (item for key, item in mapping.items.items() if key.lower() == HEADER)


def _model(facts: RequestFacts) -> str:
    models = {literal_str(item.value.expr) for item in facts.request.items("model")}
    models.discard(None)
    return f" (this request sends {', '.join(sorted(models))})" if len(models) == 1 else ""  # type: ignore[arg-type]


def _default_headers(facts: FileFacts) -> Iterator[Finding]:
    for construction in facts.analysis.sdk_usage.constructions:
        if construction.client_class not in BEDROCK_CLIENTS:
            continue
        headers = construction.keywords.get("default_headers")
        if headers is None or not isinstance(headers.value, cst.Dict):
            continue
        for element in headers.value.elements:
            if isinstance(element, cst.DictElement) and (literal_str(element.key) or "").lower() == HEADER:
                message = f'{construction.client_class}(default_headers={{"{HEADER}": ...}}) sets a user profile ID for every request: {WHY}'
                yield Finding(RULE, element, message)


def check_file(facts: FileFacts, ctx: RuleContext) -> Iterator[Finding]:
    for request_facts in facts.requests:
        request = request_facts.request
        if request.client is None or request.client.class_name not in BEDROCK_CLIENTS:
            continue
        client = request.client.class_name
        for item in request.items("user_profile_id"):
            yield Finding(RULE, item.node, f"user_profile_id on {client}{_model(request_facts)}: {WHY}")
        for item in _header_items(request):
            yield Finding(RULE, item.node, f'the "{HEADER}" header on {client}{_model(request_facts)}: {WHY}')
    yield from _default_headers(facts)
