"""tree-sitter parsing of TypeScript and JavaScript, and the few node helpers the analysis needs."""

from __future__ import annotations

from functools import cache

import tree_sitter as ts

from codemod.results import EngineError

Node = ts.Node


@cache
def _parser(kind: str) -> ts.Parser:
    if kind == "javascript":
        import tree_sitter_javascript as grammar

        return ts.Parser(ts.Language(grammar.language()))
    import tree_sitter_typescript as grammars

    language = grammars.language_tsx() if kind == "tsx" else grammars.language_typescript()
    return ts.Parser(ts.Language(language))


def grammar_for(path: str) -> str:
    """The grammar of a file by its suffix: JSX goes with JavaScript's grammar, which parses it."""
    if path.endswith(".tsx"):
        return "tsx"
    if path.endswith((".ts", ".mts", ".cts")):
        return "typescript"
    return "javascript"


def parse(source: bytes, kind: str) -> ts.Tree:
    """The syntax tree, or an EngineError naming the first place that does not parse."""
    tree = _parser(kind).parse(source)
    bad = first_error(tree.root_node)
    if bad is not None:
        line, column = bad.start_point
        raise EngineError(f"cannot parse as {kind}: syntax error at line {line + 1}, column {column + 1}")
    return tree


def first_error(node: Node) -> Node | None:
    if not node.has_error:
        return None
    if node.is_error or node.is_missing:
        return node
    for child in node.children:
        found = first_error(child)
        if found is not None:
            return found
    return node


def text(node: Node) -> str:
    return (node.text or b"").decode("utf-8", errors="replace")


def string_value(node: Node | None) -> str | None:
    """The value of a string literal without substitutions (``"a"``, ``'a'``, a template with none)."""
    if node is None:
        return None
    if node.type == "string":
        return "".join(text(part) for part in node.named_children if part.type in ("string_fragment", "escape_sequence"))
    if node.type == "template_string" and not any(c.type == "template_substitution" for c in node.named_children):
        return text(node)[1:-1]
    return None


def number_value(node: Node | None) -> int | None:
    """An integer literal (``8000``, ``8_000``)."""
    if node is None or node.type != "number":
        return None
    try:
        return int(text(node).replace("_", ""))
    except ValueError:
        return None


def key_of(pair: Node) -> str | None:
    """The key of an object literal's ``pair`` (``model:``, ``"model":``), None when computed."""
    key = pair.child_by_field_name("key")
    if key is None:
        return None
    if key.type == "property_identifier":
        return text(key)
    return string_value(key)


def quote_of(node: Node | None) -> str:
    """The quote character of a string literal, for strings written next to it."""
    if node is not None and node.type == "string":
        return text(node)[:1]
    return '"'


def walk(node: Node):  # type: ignore[no-untyped-def]
    """Every node under ``node``, depth first, in source order (an explicit stack: no recursion limit)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))
