"""CM408 removed-helper-arguments: helper arguments, type aliases and `httpx` hooks that SDK 1.0 removed.

## What it does
Finds the helper arguments and names that `anthropic` 1.0.0 removed, on proven SDK calls and imports:

- `BetaBase64PDFBlockParam` is renamed to `BetaRequestDocumentBlockParam` (it was an alias of it in 0.x),
  in the import and in the names that use it; `from anthropic.types.beta.beta_base64_pdf_block_param
  import ...` moves to `...beta_request_document_block_param`. An attribute read through that submodule
  (`anthropic.types.beta.beta_base64_pdf_block_param.BetaBase64PDFBlockParam`) is reported.
- `messages.parse(..., stream=True)` is reported with `messages.stream(..., output_format=Model)` and
  `get_final_message().parsed_output`; a literal `stream=False` is removed.
- `beta.messages.tool_runner(compaction_control=...)` is reported with server-side compaction:
  `betas=["compact-2026-01-12"]` and `context_management={"edits": [{"type": "compact_20260112",
  "trigger": {"type": "input_tokens", "value": N}}]}`, with the threshold the code passed (N >= 50,000).
- `anthropic.Transport` / `ProxiesTypes` (and `anthropic._types.AsyncTransport` / `ProxiesDict`) are
  reported with `httpx2.BaseTransport` / `AsyncBaseTransport` / `Proxy`.
- an `httpx.Client` / `httpx.AsyncClient` passed as `http_client=` to an SDK client is reported with
  `httpx2` (same API) or `anthropic.DefaultHttpxClient` / `DefaultAsyncHttpxClient`.

## Why
SDK 1.0.0 removed these deprecated helper arguments, type aliases and exports, and moved from `httpx` to
`httpx2`: each is an `ImportError`, an `AttributeError` or a `TypeError` under 1.x (`parse()` has no
`stream` parameter, `tool_runner()` no `compaction_control`, and an `httpx` client object is rejected at
construction).

## Fix safety
Safe for the rename (the new name is the same `TypedDict`) and for removing `stream=False` (`parse()` never
streamed). The rest is reported: the streaming and compaction replacements change the calling code, and
changing an `httpx` import could break other code that shares the `httpx` object.

## Source
- https://github.com/anthropics/anthropic-sdk-python/blob/main/MIGRATION.md
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.analysis.literals import literal_str
from codemod.analysis.sdk_usage import RemovedName, SdkCall
from codemod.context import RuleContext
from codemod.edits import Edit, RemoveImportIfUnused, Replace, code_of
from codemod.facts import FileFacts
from codemod.findings import SAFE, Finding, Fix, Rule
from codemod.request_edits import removal

RULE = Rule(
    "CM408",
    "removed-helper-arguments",
    "`messages.parse(stream=True)`, `tool_runner(compaction_control=...)`, `anthropic.Transport`, raw `httpx` "
    "clients passed to a client: reported with their SDK 1.0 replacement; `BetaBase64PDFBlockParam` -> "
    "`BetaRequestDocumentBlockParam` and `parse(stream=False)` fixed",
    fixes=(SAFE,),
    tokens=(b"stream", b"compaction_control", b"Transport", b"httpx", b"BetaBase64PDFBlockParam"),
    fix_note="safe for the rename and `stream=False`, else report",
)

OLD_PDF, NEW_PDF = "BetaBase64PDFBlockParam", "BetaRequestDocumentBlockParam"
BETA_TYPES = "anthropic.types.beta"
OLD_PDF_MODULE = f"{BETA_TYPES}.beta_base64_pdf_block_param"
NEW_PDF_MODULE = f"{BETA_TYPES}.beta_request_document_block_param"
_HTTPX_NAMES = {
    "Transport": "httpx2.BaseTransport",
    "AsyncTransport": "httpx2.AsyncBaseTransport",
    "ProxiesTypes": "httpx2.Proxy (or a proxy URL string)",
    "ProxiesDict": "httpx2.Proxy (or a proxy URL string) per client",
}
COMPACTION_MINIMUM = 50_000  # MIGRATION.md: the trigger threshold must be at least 50,000 tokens


def _module_expr(dotted: str) -> cst.BaseExpression:
    return cst.parse_expression(dotted)


def _pdf_rename(removed: RemovedName, new_already_imported: bool) -> Finding:
    message = (
        f"{OLD_PDF} was removed in SDK 1.0 (it was an alias): use {NEW_PDF}, the same TypedDict"
    )
    if removed.import_from is None:  # ``anthropic.types.beta.BetaBase64PDFBlockParam``
        assert isinstance(removed.node, cst.Attribute)
        if removed.module != BETA_TYPES:
            return Finding(RULE, removed.node, f"{message} (from {BETA_TYPES})")
        return Finding(RULE, removed.node, message, Fix(SAFE, (Replace(removed.node.attr, cst.Name(NEW_PDF)),)))
    alias = removed.node
    assert isinstance(alias, cst.ImportAlias)
    edits: list[Edit] = [Replace(use, cst.Name(NEW_PDF)) for use in removed.local_uses]
    if alias.asname is None and new_already_imported and removed.module == BETA_TYPES:
        edits.append(RemoveImportIfUnused(removed.module, OLD_PDF))
    else:
        edits.append(Replace(alias.name, cst.Name(NEW_PDF)))
        if removed.module == OLD_PDF_MODULE:
            edits.append(Replace(removed.import_from.module, _module_expr(NEW_PDF_MODULE)))  # type: ignore[arg-type]
    return Finding(RULE, alias, message, Fix(SAFE, tuple(edits)))


def _compaction(arg: cst.Arg) -> Finding:
    value = arg.value
    threshold = "N"
    if isinstance(value, cst.Dict):
        for element in value.elements:
            if isinstance(element, cst.DictElement) and literal_str(element.key) == "context_token_threshold":
                threshold = code_of(element.value)
    note = f" (N >= {COMPACTION_MINIMUM:,})" if threshold == "N" else f" (the threshold must be >= {COMPACTION_MINIMUM:,})"
    message = (
        "tool_runner(compaction_control=...) was removed in SDK 1.0 (TypeError): use server-side compaction: "
        'betas=["compact-2026-01-12"], context_management={"edits": [{"type": "compact_20260112", '
        f'"trigger": {{"type": "input_tokens", "value": {threshold}}}}}]}}{note}'
    )
    return Finding(RULE, arg, message)


def _compaction_control(call: SdkCall) -> cst.Arg | None:
    """The ``compaction_control=`` argument of ``<client>.beta.messages.tool_runner(...)``."""
    return call.keywords.get("compaction_control") if call.path == ("beta", "messages", "tool_runner") else None


def check_file(facts: FileFacts, ctx: RuleContext) -> Iterator[Finding]:
    usage = facts.analysis.sdk_usage
    new_already_imported = (BETA_TYPES, NEW_PDF) in usage.anthropic_imports
    for removed in usage.removed_names:
        if removed.name == OLD_PDF:
            yield _pdf_rename(removed, new_already_imported)
        elif removed.name in _HTTPX_NAMES:
            message = (
                f"{removed.module}.{removed.name} was removed in SDK 1.0 (the SDK moved from httpx to httpx2): "
                f"use {_HTTPX_NAMES[removed.name]}"
            )
            yield Finding(RULE, removed.node, message)
    for request in facts.analysis.requests:
        item = request.item("stream") if request.operation == "parse" else None
        if item is None:
            continue
        method = request.method
        if isinstance(item.value.expr, cst.Name) and item.value.expr.value == "False":
            edit = removal(item) if item.editable else None
            message = f"{method}() has no stream parameter since SDK 1.0 (TypeError); parse() never streams: stream=False is removed"
            yield Finding(RULE, item.node, message, Fix(SAFE, (edit,)) if edit else None)
            continue
        helper = code_of(request.call.func)
        stream = helper.removesuffix("parse") + "stream" if helper.endswith(".parse") else f"client.{method[:-5]}stream"
        message = (
            f"{method}(stream=...) was removed in SDK 1.0 (TypeError; parse() never streamed): use "
            f"`with {stream}(..., output_format=Model) as stream:` and read "
            f"stream.get_final_message().parsed_output"
        )
        yield Finding(RULE, item.node, message)
    for call in usage.calls:
        compaction = _compaction_control(call)
        if compaction is not None:
            yield _compaction(compaction)
    for construction in usage.constructions:
        httpx_class = construction.http_client_class
        if httpx_class is None:
            continue
        arg = construction.keywords["http_client"]
        new = "httpx2.Client" if httpx_class == "httpx.Client" else "httpx2.AsyncClient"
        default = "DefaultHttpxClient" if httpx_class == "httpx.Client" else "DefaultAsyncHttpxClient"
        message = (
            f"http_client={code_of(arg.value)} is an {httpx_class}: {construction.client_class} takes httpx2 clients "
            f"since SDK 1.0 (TypeError at construction): build it with {new} (same API; `import httpx2`) or "
            f"anthropic.{default}(...)"
        )
        yield Finding(RULE, arg, message)

