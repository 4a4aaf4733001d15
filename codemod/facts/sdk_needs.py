"""The SDK features a file uses once ``apply`` has made its fixes (``catalog/sdk_features.toml``).

Computed once per file by the engine, from the requests the analysis found and the edits of the fixes
that are applied: a keyword the fixes add (``output_config=``) counts, one they remove
(``temperature=``) does not. CM601 compares the release these features need with the ``anthropic``
requirement of the project.
"""

from __future__ import annotations

from collections import defaultdict

import libcst as cst

from codemod.analysis.analyzer import PASSTHROUGH
from codemod.analysis.collect import PROMPT_CACHING
from codemod.analysis.literals import literal_str
from codemod.catalog.sdk_features import features
from codemod.edits import (
    Edit,
    InsertItem,
    InsertStatementAfter,
    RemoveItem,
    RemoveStatement,
)
from codemod.facts import FileFacts
from codemod.findings import Finding

KEYWORD_OPERATIONS = ("create", "stream", "parse", "count_tokens")


def _statement_key(statement: cst.BaseSmallStatement) -> str | None:
    """``kw["output_config"] = {...}``: the key it sets."""
    if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
        target = statement.targets[0].target
        if isinstance(target, cst.Subscript) and len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index):
            return literal_str(target.slice[0].slice.value)
    return None


def sdk_needs(facts: FileFacts, findings: list[Finding], applied: set[int], edits: list[Edit]) -> tuple[str, ...]:
    """The ids of the features the file uses after the applied fixes, sorted."""
    table = features()
    by_method = {method: f.id for f in table.values() if f.kind == "method" for method in f.methods}
    by_keyword = {f.keyword: f.id for f in table.values() if f.kind == "keyword"}
    by_rule = {f.rule: f.id for f in table.values() if f.kind == "fix"}
    used = {by_rule[f.rule.code] for f in findings if id(f) in applied and f.rule.code in by_rule}
    inserted: dict[int, set[str]] = defaultdict(set)  # container or anchor statement -> keys added
    removed: set[int] = set()
    for edit in edits:
        if isinstance(edit, InsertItem) and edit.key is not None:
            inserted[id(edit.container)].add(edit.key)
        elif isinstance(edit, InsertStatementAfter) and (key := _statement_key(edit.new)) is not None:
            inserted[id(edit.statement)].add(key)
        elif isinstance(edit, RemoveItem):
            removed.add(id(edit.item))
        elif isinstance(edit, RemoveStatement):
            removed.add(id(edit.statement))
    for request_facts in facts.requests:
        request = request_facts.request
        if request.operation == "framework" or request.beta:
            continue
        method = request.method
        if method.startswith(PROMPT_CACHING):
            method = "messages." + method.removeprefix(PROMPT_CACHING)  # what CM410 makes of it
        if method in by_method:
            used.add(by_method[method])
        if request.operation not in KEYWORD_OPERATIONS:
            continue
        keys: set[str] = set(inserted[id(request.call)])
        for item in request.entries:
            owner = item.container.owner if item.container is not None else None
            if owner is not None and owner.key in PASSTHROUGH:
                continue  # extra_body: sent as written, not a keyword of the method
            statement = item.mutation.statement if item.mutation is not None else None
            if id(item.node) not in removed and (statement is None or id(statement) not in removed):
                keys.add(item.key)
            if item.container is not None:
                keys |= inserted[id(item.container.node)]
            if statement is not None:
                keys |= inserted[id(statement)]
        used.update(by_keyword[key] for key in keys if key in by_keyword)
    for raw in facts.analysis.sdk_usage.raw_responses:
        if any(use.member == "text" and use.call is not None for use in raw.uses):
            used.add(by_rule["CM404"])  # already the 1.0 API: r.text() is a method since 1.0.0
    return tuple(sorted(used))
