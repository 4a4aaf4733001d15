"""CM408: helper arguments, type aliases and ``httpx`` hooks that SDK 1.0 removed.

Each case follows api-facts §5.1 (source MIG-v1, "Removed: deprecated helper arguments and behaviour",
"Removed: deprecated type aliases and exports", "The SDK is built on httpx2"):

- ``BetaBase64PDFBlockParam`` -> ``BetaRequestDocumentBlockParam`` (an alias of it in 0.x): **safe** rename of
  the import and of the names that use it (``from anthropic.types.beta.beta_base64_pdf_block_param import``
  moves to ``...beta_request_document_block_param``); an attribute read through that submodule is reported.
- ``messages.parse(..., stream=True)`` (``parse()`` never streamed; ``stream`` is gone, ``TypeError``):
  reported with ``messages.stream(..., output_format=Model)`` and ``get_final_message().parsed_output``;
  a literal ``stream=False`` is **safely** removed (``parse`` is non-streaming).
- ``beta.messages.tool_runner(compaction_control=...)`` (``TypeError``): reported with server-side compaction,
  ``betas=["compact-2026-01-12"]`` and ``context_management={"edits": [{"type": "compact_20260112",
  "trigger": {"type": "input_tokens", "value": N}}]}`` (N >= 50,000).
- ``anthropic.Transport`` / ``ProxiesTypes`` (and ``anthropic._types.AsyncTransport`` / ``ProxiesDict``):
  reported with ``httpx2.BaseTransport`` / ``AsyncBaseTransport`` / ``Proxy``.
- an ``httpx.Client`` / ``httpx.AsyncClient`` passed as ``http_client=`` to an SDK client (``TypeError`` at
  construction): reported with ``httpx2`` (same API) or ``anthropic.DefaultHttpxClient``; changing the import
  could break other code that shares the ``httpx`` object.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.analysis.literals import literal_str
from codemod.analysis.requests import FileAnalysis
from codemod.analysis.sdk_usage import CompactionControl, RemovedName
from codemod.edits import Edit, RemoveImportIfUnused, Replace, code_of
from codemod.findings import SAFE, Finding, Fix, Rule
from codemod.rules import RuleFamily
from codemod.rules._edits import removal
from codemod.rules.context import RuleContext

REMOVED_HELPER_ARGUMENTS = Rule(
    "CM408",
    "removed-helper-arguments",
    "`messages.parse(stream=True)`, `tool_runner(compaction_control=...)`, `anthropic.Transport`, raw `httpx` "
    "clients passed to a client: reported with their SDK 1.0 replacement; `BetaBase64PDFBlockParam` -> "
    "`BetaRequestDocumentBlockParam` and `parse(stream=False)` fixed",
    "safe for the rename and `stream=False`, else report",
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
COMPACTION_MINIMUM = 50_000  # api-facts §5.1 (MIG-v1): the trigger threshold must be at least 50,000 tokens


def _module_expr(dotted: str) -> cst.BaseExpression:
    return cst.parse_expression(dotted)


def _pdf_rename(removed: RemovedName, new_already_imported: bool) -> Finding:
    message = (
        f"{OLD_PDF} was removed in SDK 1.0 (it was an alias): use {NEW_PDF}, the same TypedDict"
    )
    if removed.import_from is None:  # ``anthropic.types.beta.BetaBase64PDFBlockParam``
        assert isinstance(removed.node, cst.Attribute)
        if removed.module != BETA_TYPES:
            return Finding(REMOVED_HELPER_ARGUMENTS, removed.node, f"{message} (from {BETA_TYPES})")
        return Finding(REMOVED_HELPER_ARGUMENTS, removed.node, message, Fix(SAFE, (Replace(removed.node.attr, cst.Name(NEW_PDF)),)))
    alias = removed.node
    assert isinstance(alias, cst.ImportAlias)
    edits: list[Edit] = [Replace(use, cst.Name(NEW_PDF)) for use in removed.local_uses]
    if alias.asname is None and new_already_imported and removed.module == BETA_TYPES:
        edits.append(RemoveImportIfUnused(removed.module, OLD_PDF))
    else:
        edits.append(Replace(alias.name, cst.Name(NEW_PDF)))
        if removed.module == OLD_PDF_MODULE:
            edits.append(Replace(removed.import_from.module, _module_expr(NEW_PDF_MODULE)))  # type: ignore[arg-type]
    return Finding(REMOVED_HELPER_ARGUMENTS, alias, message, Fix(SAFE, tuple(edits)))


def _compaction(found: CompactionControl) -> Finding:
    value = found.arg.value
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
    return Finding(REMOVED_HELPER_ARGUMENTS, found.arg, message)


def check_file(analysis: FileAnalysis, ctx: RuleContext) -> Iterator[Finding]:
    usage = analysis.sdk_usage
    new_already_imported = (BETA_TYPES, NEW_PDF) in usage.anthropic_imports
    for removed in usage.removed_names:
        if removed.name == OLD_PDF:
            yield _pdf_rename(removed, new_already_imported)
        elif removed.name in _HTTPX_NAMES:
            message = (
                f"{removed.module}.{removed.name} was removed in SDK 1.0 (the SDK moved from httpx to httpx2): "
                f"use {_HTTPX_NAMES[removed.name]}"
            )
            yield Finding(REMOVED_HELPER_ARGUMENTS, removed.node, message)
    for parse in usage.parse_streams:
        item = parse.item
        method = parse.request.method
        if isinstance(item.value.expr, cst.Name) and item.value.expr.value == "False":
            edit = removal(item) if item.editable else None
            message = f"{method}() has no stream parameter since SDK 1.0 (TypeError); parse() never streams: stream=False is removed"
            yield Finding(REMOVED_HELPER_ARGUMENTS, item.node, message, Fix(SAFE, (edit,)) if edit else None)
            continue
        helper = code_of(parse.request.call.func)
        stream = helper.removesuffix("parse") + "stream" if helper.endswith(".parse") else f"client.{method[:-5]}stream"
        message = (
            f"{method}(stream=...) was removed in SDK 1.0 (TypeError; parse() never streamed): use "
            f"`with {stream}(..., output_format=Model) as stream:` and read "
            f"stream.get_final_message().parsed_output"
        )
        yield Finding(REMOVED_HELPER_ARGUMENTS, item.node, message)
    for found in usage.compaction_controls:
        yield _compaction(found)
    for raw in usage.raw_http_clients:
        new = "httpx2.Client" if raw.httpx_class == "httpx.Client" else "httpx2.AsyncClient"
        default = "DefaultHttpxClient" if raw.httpx_class == "httpx.Client" else "DefaultAsyncHttpxClient"
        message = (
            f"http_client={code_of(raw.arg.value)} is an {raw.httpx_class}: {raw.client} takes httpx2 clients since "
            f"SDK 1.0 (TypeError at construction): build it with {new} (same API; `import httpx2`) or "
            f"anthropic.{default}(...)"
        )
        yield Finding(REMOVED_HELPER_ARGUMENTS, raw.arg, message)


FAMILY = RuleFamily((REMOVED_HELPER_ARGUMENTS,), check_file=check_file)
