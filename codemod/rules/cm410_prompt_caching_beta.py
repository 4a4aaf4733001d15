"""CM410 prompt-caching-beta: `client.beta.prompt_caching.messages.*` (gone since anthropic 0.41.0) moves to `client.messages.*`.

## What it does
Rewrites calls of the prompt-caching beta resource of anthropic 0.40 and earlier,
`<client>.beta.prompt_caching.messages.create | stream(...)` (also through `.with_raw_response` /
`.with_streaming_response`), to the generally available resource, `<client>.messages.create | stream(...)`,
keeping every argument: the `cache_control` blocks in `system`, `tools` and `messages` work there as they
are. A call that passes `betas=[...]` with other headers than the prompt-caching one moves to
`<client>.beta.messages.*`, which takes `betas`; a `betas` list that holds only the obsolete
`prompt-caching-2024-07-31` header goes with the move. The header itself is removed wherever it is sent
(`betas`, `extra_headers={"anthropic-beta": ...}`) by CM402, from the catalogue's list of obsolete headers.
Imports from `anthropic.types.beta.prompt_caching` (`PromptCachingBetaMessageParam`,
`PromptCachingBetaToolParam`, ...) are reported with their names in `anthropic.types`. A call reached
through a bound-method alias is reported.

## Why
Prompt caching became generally available in anthropic 0.41.0 (2024-12-17, "general availability
updates"): `cache_control` is part of the `client.messages` types and the `beta.prompt_caching` resource
and its types were removed, so on any later SDK the call raises `AttributeError` ('Beta' object has no
attribute 'prompt_caching') before a request is sent. The resource sent the `prompt-caching-2024-07-31`
beta header by itself; the API still accepts it, and anthropic 2.9.0 deprecated it ("Delete ... from your
requests").

## Fix safety
Safe: the request the call sends is the same (same endpoint, same body; the beta header is a no-op), and
the call cannot run as written on the SDK the migrated code needs. Type imports are reported: renaming a
type changes every annotation that uses it.

## Source
- https://github.com/anthropics/anthropic-sdk-python/blob/main/CHANGELOG.md (0.34.0: "add prompt caching beta"; 0.41.0; 2.9.0: "deprecate old beta header values")
- https://github.com/anthropics/anthropic-sdk-python/blob/v0.40.0/src/anthropic/resources/beta/prompt_caching/messages.py
- https://platform.claude.com/docs/en/build-with-claude/prompt-caching
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst
from libcst.helpers import get_full_name_for_node

from codemod.analysis.collect import PROMPT_CACHING
from codemod.analysis.literals import literal_str
from codemod.analysis.request import Request
from codemod.context import RuleContext
from codemod.edits import Edit, RemoveItem, Replace, code_of
from codemod.facts import FileFacts
from codemod.findings import SAFE, Finding, Fix, Rule

RULE = Rule(
    "CM410",
    "prompt-caching-beta",
    "client.beta.prompt_caching.messages.* (removed in anthropic 0.41.0: AttributeError) -> client.messages.*, "
    "the obsolete prompt-caching header dropped; its type imports reported.",
    fixes=(SAFE,),
    tokens=(b"prompt_caching",),
)

HEADER = "prompt-caching-2024-07-31"
TYPES_MODULE = "anthropic.types.beta.prompt_caching"


def _resource(func: cst.BaseExpression) -> cst.Attribute | None:
    """The ``<client>.beta.prompt_caching`` attribute inside a call's function."""
    node = func
    while isinstance(node, cst.Attribute):
        inner = node.value
        if node.attr.value == "prompt_caching" and isinstance(inner, cst.Attribute) and inner.attr.value == "beta":
            return node
        node = inner
    return None


def _only_the_header(betas: cst.BaseExpression) -> bool:
    """``betas=["prompt-caching-2024-07-31"]``: a list literal with nothing else in it."""
    if not isinstance(betas, (cst.List, cst.Tuple)) or not betas.elements:
        return False
    return all(isinstance(e, cst.Element) and literal_str(e.value) == HEADER for e in betas.elements)


def _call_finding(request: Request) -> Finding:
    call = request.call
    operation = request.method.removeprefix(PROMPT_CACHING)
    resource = _resource(call.func)
    if resource is None:
        message = (
            f"{code_of(call.func)}(...) is client.beta.prompt_caching.messages.{operation}, removed in anthropic 0.41.0 "
            f"(AttributeError): call client.messages.{operation} instead (cache_control works there); not rewritten: "
            "the method is reached through a name"
        )
        return Finding(RULE, call, message)
    beta = resource.value  # ``<client>.beta``
    assert isinstance(beta, cst.Attribute)
    betas = next((arg for arg in call.args if arg.keyword is not None and arg.keyword.value == "betas"), None)
    edits: list[Edit]
    if betas is None or _only_the_header(betas.value):
        edits = [Replace(resource, beta.value)]
        where = f"{code_of(beta.value)}.messages.{operation}"
        if betas is not None:
            edits.append(RemoveItem(call, betas))
            where += f' (betas=["{HEADER}"] dropped: prompt caching needs no header)'
    else:
        edits = [Replace(resource, beta)]
        where = f"{code_of(beta)}.messages.{operation} (it passes betas=..., which only the beta resource takes)"
    message = (
        f"client.beta.prompt_caching.messages.{operation} was removed in anthropic 0.41.0, when prompt caching became "
        f"generally available (AttributeError on later SDKs): moved to {where}; cache_control blocks work there as they are"
    )
    return Finding(RULE, call, message, Fix(SAFE, tuple(edits)))


def _import_findings(facts: FileFacts) -> Iterator[Finding]:
    index = facts.analysis.index
    for statement in index.collector.import_froms if index is not None else ():
        module = get_full_name_for_node(statement.module) if statement.module is not None else None
        if statement.relative or module is None or not (module == TYPES_MODULE or module.startswith(TYPES_MODULE + ".")):
            continue
        names = [] if isinstance(statement.names, cst.ImportStar) else list(statement.names)
        renamed = ", ".join(
            f"{alias.evaluated_name} -> {alias.evaluated_name.replace('PromptCachingBeta', '')}" for alias in names
        )
        message = (
            f"{module} was removed in anthropic 0.41.0 (ImportError): import the generally available types from "
            f"anthropic.types instead ({renamed or 'same names without PromptCachingBeta'})"
        )
        yield Finding(RULE, statement, message)


def check_file(facts: FileFacts, ctx: RuleContext) -> Iterator[Finding]:
    for request_facts in facts.requests:
        request = request_facts.request
        if request.method.startswith(PROMPT_CACHING) and request.operation != "batch":
            yield _call_finding(request)
    yield from _import_findings(facts)
