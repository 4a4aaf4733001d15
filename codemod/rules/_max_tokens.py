"""Shared by the max_tokens rules (CM503, CM504): the one literal ``max_tokens`` a request sends."""

from __future__ import annotations

from codemod.analysis.literals import literal_int
from codemod.analysis.request import Item, Request


def literal_max_tokens(request: Request) -> tuple[Item, int] | None:
    """The request's ``max_tokens`` item and its value, when it sends exactly one and it is an int literal."""
    items = request.items("max_tokens")
    if len(items) != 1:
        return None
    value = literal_int(items[0].value.expr)
    return (items[0], value) if value is not None else None
