"""CM403 completions-api-removed: the Text Completions API, removed in SDK 1.0, is reported with its Messages API equivalent.

## What it does
Reports `client.completions.create(...)` on a proven Anthropic client (the 0.x-era `anthropic.Client()`
alias of `Anthropic` included; `.with_raw_response` too), and every use of the names removed with it:
`anthropic.HUMAN_PROMPT`, `anthropic.AI_PROMPT`, `Completion` and `CompletionCreateParams`, imported or
read as attributes. Each call is reported with its Messages API equivalent: `messages.create` (or
`messages.stream` for `stream=True`) with the target as `model`, `max_tokens` taken from
`max_tokens_to_sample`, the prompt as a user turn, the `system`, `stop_sequences` and `metadata` it
already passes, and where to read the text in the response. OpenAI's `client.completions.create` and
home-made `HUMAN_PROMPT` constants are left alone.

## Why
`anthropic` 1.0.0 removed the Text Completions API: `client.completions` (the `/v1/complete` endpoint),
its types `Completion` and `CompletionCreateParams`, and the prompt markers `HUMAN_PROMPT` / `AI_PROMPT`.
A call on a client is an `AttributeError`, an import of a removed name an `ImportError`.

## Fix safety
Report only: moving to the Messages API changes the request (a `messages` list with roles instead of a
`"\\n\\nHuman: ...\\n\\nAssistant:"` prompt, `max_tokens` instead of `max_tokens_to_sample`) and the
response (`message.content[0].text` instead of `completion.completion`), which the code around the call
reads.

## Source
- https://github.com/anthropics/anthropic-sdk-python/blob/main/MIGRATION.md
- https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/_client.py
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.context import RuleContext
from codemod.edits import code_of
from codemod.facts import FileFacts
from codemod.findings import Finding, Rule

RULE = Rule(
    "CM403",
    "completions-api-removed",
    "`client.completions.create`, `HUMAN_PROMPT`, `AI_PROMPT`, `Completion`, `CompletionCreateParams` (removed "
    "in SDK 1.0): reported with the Messages API equivalent",
    tokens=(b"completion", b"Completion", b"HUMAN_PROMPT", b"AI_PROMPT"),
)

_PROMPT_MARKERS = {"HUMAN_PROMPT": "user", "AI_PROMPT": "assistant"}
_TYPES = {"Completion": "anthropic.types.Message", "CompletionCreateParams": "anthropic.types.MessageCreateParams"}


def _completions_message(call_text: str, keywords: dict[str, str], target: str) -> str:
    max_tokens = keywords.get("max_tokens_to_sample", "N")
    receiver = call_text.removesuffix(".create").removesuffix(".with_raw_response").removesuffix(".completions")
    kept = [k for k in ("system", "stop_sequences", "metadata") if k in keywords]
    extra = f", {', '.join(f'{k}=...' for k in kept)}" if kept else ""
    streaming = keywords.get("stream") == "True"
    method = "stream" if streaming else "create"
    read = (
        "iterate stream.text_stream instead of event.completion" if streaming
        else "read message.content[0].text instead of completion.completion"
    )
    return (
        f"{call_text}() was removed with the Text Completions API in SDK 1.0 (the client has no `completions`): "
        f'use {receiver}.messages.{method}(model="{target}", max_tokens={max_tokens}, '
        f'messages=[{{"role": "user", "content": ...}}]{extra}) with the prompt text without the '
        f"HUMAN_PROMPT/AI_PROMPT markers, and {read}"
    )


def check_file(facts: FileFacts, ctx: RuleContext) -> Iterator[Finding]:
    usage = facts.analysis.sdk_usage
    for found in usage.calls:
        if found.path != ("completions", "create"):
            continue
        keywords = {name: code_of(arg.value) for name, arg in found.keywords.items()}
        message = _completions_message(code_of(found.call.func), keywords, ctx.target.id)
        yield Finding(RULE, found.call, message)
    for removed in usage.removed_names:
        if removed.name in _PROMPT_MARKERS:
            role = _PROMPT_MARKERS[removed.name]
            message = (
                f"{removed.module}.{removed.name} was removed with the Text Completions API in SDK 1.0 "
                f"({'ImportError' if removed.import_from is not None else 'AttributeError'}): the Messages API "
                f"takes roles instead of prompt markers: "
                f'send the text as a {{"role": "{role}", "content": ...}} turn in messages=[...] '
                f"of client.messages.create"
            )
            yield Finding(RULE, removed.node, message)
        elif removed.name in _TYPES:
            message = (
                f"{removed.qualified} was removed with the Text Completions API in SDK 1.0: "
                f"use {_TYPES[removed.name]} with client.messages.create"
            )
            yield Finding(RULE, removed.node, message)
