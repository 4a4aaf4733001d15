"""CM403: the Text Completions API, removed in SDK 1.0.

``anthropic`` 1.0.0 (2026-08-20) removed ``client.completions.create()`` (the ``/v1/complete`` endpoint),
its types ``Completion`` and ``CompletionCreateParams``, and the prompt markers ``anthropic.HUMAN_PROMPT`` /
``anthropic.AI_PROMPT`` (api-facts §5.1, source MIG-v1 "Removed: the legacy Text Completions API"; SDK
``_client.py``: ``hasattr(client, "completions") == False``, run). A call on a proven client is an
``AttributeError``, an import of a removed name an ``ImportError``.

No fix is made: moving to the Messages API changes the request (a ``messages`` list with roles instead of a
``"\\n\\nHuman: ...\\n\\nAssistant:"`` prompt, ``max_tokens`` instead of ``max_tokens_to_sample``) and the
response (``message.content[0].text`` instead of ``completion.completion``). Each site is reported with
its Messages API equivalent; the ``model`` suggested is the target. Calls are only recognised on a proven
client (``anthropic.Client()``, the 0.x-era alias of ``Anthropic``, included): OpenAI's
``client.completions.create`` and home-made ``HUMAN_PROMPT`` constants are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.analysis.requests import FileAnalysis
from codemod.edits import code_of
from codemod.findings import Finding, Rule
from codemod.rules import RuleFamily
from codemod.rules.context import RuleContext

COMPLETIONS_API_REMOVED = Rule(
    "CM403",
    "completions-api-removed",
    "`client.completions.create`, `HUMAN_PROMPT`, `AI_PROMPT`, `Completion`, `CompletionCreateParams` (removed "
    "in SDK 1.0): reported with the Messages API equivalent",
    "report",
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


def check_file(analysis: FileAnalysis, ctx: RuleContext) -> Iterator[Finding]:
    usage = analysis.sdk_usage
    for found in usage.completions_calls:
        keywords = {name: code_of(arg.value) for name, arg in found.keywords.items()}
        message = _completions_message(code_of(found.call.func), keywords, ctx.target.id)
        yield Finding(COMPLETIONS_API_REMOVED, found.call, message)
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
            yield Finding(COMPLETIONS_API_REMOVED, removed.node, message)
        elif removed.name in _TYPES:
            message = (
                f"{removed.qualified} was removed with the Text Completions API in SDK 1.0: "
                f"use {_TYPES[removed.name]} with client.messages.create"
            )
            yield Finding(COMPLETIONS_API_REMOVED, removed.node, message)


FAMILY = RuleFamily((COMPLETIONS_API_REMOVED,), check_file=check_file)
