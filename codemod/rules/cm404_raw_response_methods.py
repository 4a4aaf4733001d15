"""CM404 raw-response-methods: reads of a `.with_raw_response` result are moved to the SDK 1.0 methods.

## What it does
Finds reads of the object that `client.<resource>.with_raw_response.<method>(...)` returns and rewrites
the ones that changed in SDK 1.0: `r.text` becomes `r.text()` and `r.content` becomes `r.read()`; on an
async client `parse()`, `read()`, `text()` and `json()` are awaited (`await r.parse()`), and `r.text` /
`r.content` become `await r.text()` / `await r.read()`. `.headers`, `.status_code` and `.http_response`
are unchanged and left alone.

## Why
Since `anthropic` 1.0.0 `.with_raw_response` returns `APIResponse` / `AsyncAPIResponse` instead of
`LegacyAPIResponse`. `.text` and `.content` became methods, on the sync client too (the old attributes
now give a bound method, or an `AttributeError`); on the async client `parse()`, `read()`, `text()` and
`json()` are coroutines, which give a coroutine object instead of the value unless awaited.

## Fix safety
Safe where the object is provably the raw response: a name bound only to the `.with_raw_response` call
(awaited on an async client) and read in the function that assigns it. An `await` is only added directly
inside an `async def` (not in a lambda, a nested function or a comprehension, where it would change what
the expression is). Everything else is reported: a name bound several times, a use in another function, a
read on the call expression itself, a coroutine method called outside an `async def`.

## Source
- https://github.com/anthropics/anthropic-sdk-python/blob/main/MIGRATION.md
- https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/_response.py
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.analysis.sdk_usage import RawResponse, RawResponseUse
from codemod.context import RuleContext
from codemod.edits import Replace, code_of
from codemod.facts import FileFacts
from codemod.findings import SAFE, Finding, Fix, Rule

RULE = Rule(
    "CM404",
    "raw-response-methods",
    "on `.with_raw_response` results: `.text` -> `.text()`, `.content` -> `.read()`; on async clients "
    "`parse()`/`read()`/`text()`/`json()` are awaited: fixed when the result is used in the function that "
    "assigns it, else reported",
    fixes=(SAFE,),
    tokens=(b"with_raw_response",),
)

_METHOD_OF_ATTRIBUTE = {"text": "text", "content": "read"}
_COROUTINES = ("parse", "read", "text", "json")


def _awaited(expr: cst.BaseExpression, parenthesize: bool) -> cst.Await:
    node = cst.Await(expression=expr)
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()]) if parenthesize else node


def _finding(raw: RawResponse, use: RawResponseUse) -> Finding | None:
    origin = code_of(raw.call.func)
    obj = f"{origin}(...)" if use.direct else code_of(use.node.value)
    of = "" if use.direct else f" on the response of {origin}()"
    fixable = use.proven and not use.direct
    if use.call is None and use.member in _METHOD_OF_ATTRIBUTE:
        method = _METHOD_OF_ATTRIBUTE[use.member]
        new_text = f"{obj}.{method}()"
        if raw.is_async:
            new_text = f"await {new_text}"
            fixable = fixable and use.can_await
        message = (
            f"{obj}.{use.member}{of}: since SDK 1.0 `.with_raw_response` returns "
            f"{'AsyncAPIResponse' if raw.is_async else 'APIResponse'}, where `.{use.member}` is "
            f"{'the coroutine method ' if raw.is_async else 'the method '}`{method}()`: {new_text}"
        )
        if not fixable:
            return Finding(RULE, use.node, message + _why_not(raw, use))
        call = cst.Call(func=use.node.with_changes(attr=cst.Name(method)))
        new: cst.BaseExpression = _awaited(call, use.parenthesize) if raw.is_async else call
        return Finding(RULE, use.node, message, Fix(SAFE, (Replace(use.node, new),)))
    if raw.is_async and use.call is not None and use.member in _COROUTINES and not use.awaited:
        message = (
            f"{obj}.{use.member}(){of}: since SDK 1.0 it is a coroutine on "
            f"AsyncAPIResponse and must be awaited: await {obj}.{use.member}()"
        )
        if not (fixable and use.can_await):
            return Finding(RULE, use.call, message + _why_not(raw, use))
        fix = Fix(SAFE, (Replace(use.call, _awaited(use.call, use.parenthesize)),))
        return Finding(RULE, use.call, message, fix)
    return None


def _why_not(raw: RawResponse, use: RawResponseUse) -> str:
    if use.direct:
        return " (read on the call expression itself: change it by hand)"
    if not use.proven:
        name = raw.target.value if raw.target is not None else "the name"
        return f" (if {name} still holds that response here: it is bound more than once or read in another function)"
    return " (not directly inside an async function here (a sync function, lambda or comprehension): await it by hand)"


def check_file(facts: FileFacts, ctx: RuleContext) -> Iterator[Finding]:
    for raw in facts.analysis.sdk_usage.raw_responses:
        if raw.path[0] == "completions":
            continue  # the Text Completions API is gone (CM403): its response is not read at all
        for use in raw.uses:
            finding = _finding(raw, use)
            if finding is not None:
                yield finding
