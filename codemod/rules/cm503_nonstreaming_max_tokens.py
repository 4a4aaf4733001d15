"""CM503 nonstreaming-max-tokens: a non-streaming request the SDK refuses to send for its max_tokens.

## What it does
Reports a non-streaming `messages.create` / `messages.parse` (and their beta forms) with a literal
`max_tokens` above 21,333 and no `timeout`, with the streaming alternative (`client.messages.stream(...)`
and `get_final_message()`, which returns the same `Message`). `stream=True`, `messages.stream`, batches and
`count_tokens` are not affected; a call with `timeout=` (or on `client.with_options(timeout=...)`) is left
alone. A client constructed with `timeout=` also skips the check; that is not visible at the call, so the
message says so.

## Why
For non-streaming requests without an explicit timeout the SDK computes the time a request may take,
`3600 * max_tokens / 128000` seconds, and raises `ValueError("Streaming is required for operations that may
take longer than 10 minutes...")` before sending when that exceeds 600 s. Code that asks for the 64K/128K
outputs of newer models hits it on the first call.

## Fix safety
Report only: switching to streaming changes the shape of the calling code (a context manager), which is
left to you.

## Source
- https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/_base_client.py
- https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/resources/messages/messages.py
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.context import RuleContext
from codemod.facts import RequestFacts
from codemod.findings import Finding, Rule
from codemod.rules._max_tokens import literal_max_tokens

RULE = Rule(
    "CM503",
    "nonstreaming-max-tokens",
    "A non-streaming create/parse with a literal max_tokens above 21,333 and no timeout (the SDK raises before "
    "sending): reported with the streaming alternative.",
    tokens=(b"max_tokens",),
)

# SDK _base_client.py _calculate_nonstreaming_timeout: maximum_time * max_tokens / 128_000 > default_time.
SDK_MAXIMUM_TIME = 60 * 60
SDK_DEFAULT_TIME = 60 * 10
SDK_TOKENS_PER_MAXIMUM_TIME = 128_000


def needs_streaming(max_tokens: int) -> bool:
    """Whether the SDK refuses this ``max_tokens`` without streaming (the general rule, no model cap)."""
    return SDK_MAXIMUM_TIME * max_tokens / SDK_TOKENS_PER_MAXIMUM_TIME > SDK_DEFAULT_TIME


def _timeout_on_receiver(call: cst.Call) -> bool:
    """``client.with_options(timeout=...).messages.create(...)``."""
    node: cst.BaseExpression = call.func
    while isinstance(node, (cst.Attribute, cst.Call)):
        if isinstance(node, cst.Call):
            func = node.func
            if (
                isinstance(func, cst.Attribute)
                and func.attr.value == "with_options"
                and any(arg.keyword is not None and arg.keyword.value == "timeout" for arg in node.args)
            ):
                return True
            node = func
        else:
            node = node.value
    return False


def check(facts: RequestFacts, ctx: RuleContext) -> Iterator[Finding]:
    request = facts.request
    if request.operation not in ("create", "parse") or request.opaque:
        return  # streams, batches, count_tokens; or parts that may hold stream/timeout
    if request.items("timeout") or _timeout_on_receiver(request.call):
        return
    for stream in request.items("stream"):
        if not (isinstance(stream.value.expr, cst.Name) and stream.value.expr.value == "False"):
            return  # stream=True, or a flag known only at run time
    found = literal_max_tokens(request)
    if found is None or not needs_streaming(found[1]):
        return
    item, value = found
    prefix = "await " if request.client is not None and request.client.is_async else ""
    beta = "beta." if request.beta else ""
    scope = "async with" if prefix else "with"
    if request.operation == "parse":
        alternative = " with the same output_format= (parse() cannot stream)"
    else:
        alternative = " (or stream=True to handle the events yourself)"
    message = (
        f"max_tokens={value:,} on a non-streaming {request.method}: the SDK raises ValueError "
        '("Streaming is required for operations that may take longer than 10 minutes") before sending when '
        f"max_tokens > 21,333 and no timeout is given: use `{scope} client.{beta}messages.stream(...) as stream: "
        f"message = {prefix}stream.get_final_message()`{alternative}; a timeout= on the call or the client also "
        "skips the check"
    )
    yield Finding(RULE, item.node, message)
