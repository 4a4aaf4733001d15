"""CM401 output-format-param: output_format={schema dict} moves to output_config={"format": {...}}.

## What it does
Finds a top-level `output_format` whose value is provably a dict (a literal, `dict(...)`, an SDK TypedDict,
or a name bound once to one of those) and moves it to `output_config={"format": ...}`: merged into an
existing `output_config` dict literal (an existing `"format"` is never overwritten: reported), or written as
a new `output_config` where `output_format` was (`kw["output_format"] = v` becomes
`kw["output_config"] = {"format": v}`). A type passed to `parse()` / `stream()` is valid and left alone; a
value that cannot be proven a dict, on a method that takes no `output_format`, is reported. A value that is
provably a string on `parse()` / `stream()` / `count_tokens()` (a string literal or f-string,
`json.dumps(schema)`, `str(...)`, a name bound once to one of those) is reported: it is not a type.

## Why
SDK 1.0 removed the `output_format` schema-dict parameter from `beta.messages.create`,
`beta.messages.count_tokens` and batch params (`messages.create` never took it); the schema goes to
`output_config={"format": {...}}`. The `parse()` / `stream()` helpers keep `output_format=<type>` only and
raise `TypeError` for a dict ("`output_format` must be a type; pass a schema dict as
`output_config={'format': ...}` instead"), and since anthropic 2.15.0 for a string too ("tighten argument
checks in structured output helpers"; before, a string failed later with a schema error).

## Fix safety
Safe: the call cannot succeed as written, and `output_config.format` takes the same shape
(`{"type": "json_schema", "schema": {...}}`). A string is reported without a fix: whether it holds a whole
`{"type": "json_schema", ...}` format or a bare schema cannot be known, and `parse()` wants a type.

## Source
- https://github.com/anthropics/anthropic-sdk-python/blob/main/MIGRATION.md
- https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/resources/messages/messages.py
- https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/types/output_config_param.py
- https://github.com/anthropics/anthropic-sdk-python/blob/main/CHANGELOG.md (2.15.0)
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.context import RuleContext
from codemod.facts import FileFacts
from codemod.findings import SAFE, Finding, Rule

RULE = Rule(
    "CM401",
    "output-format-param",
    'output_format={schema dict} (removed in SDK 1.0) -> output_config={"format": {...}}; a string on parse/stream '
    "(TypeError since 2.15.0): reported; a type on parse/stream is kept.",
    fixes=(SAFE,),
    tokens=(b"output_format",),
)


def check_file(facts: FileFacts, ctx: RuleContext) -> Iterator[Finding]:
    for move in facts.output_format_moves.values():
        yield Finding(RULE, move.node, move.message, move.fix)
