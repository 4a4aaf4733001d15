"""Reading Python literals from libcst nodes without evaluating code."""

from __future__ import annotations

import libcst as cst


def literal_str(node: cst.BaseExpression) -> str | None:
    """The value of a plain (non-f, non-bytes) string literal, implicit concatenation included."""
    if isinstance(node, cst.SimpleString):
        if "b" in node.prefix.lower():
            return None
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    if isinstance(node, cst.ConcatenatedString):
        left, right = literal_str(node.left), literal_str(node.right)
        return None if left is None or right is None else left + right
    return None


def literal_int(node: cst.BaseExpression) -> int | None:
    """The value of an integer literal (``8000``, ``8_000``, ``-1``)."""
    if isinstance(node, cst.Integer):
        return int(node.evaluated_value)
    if (
        isinstance(node, cst.UnaryOperation)
        and isinstance(node.operator, cst.Minus)
        and isinstance(node.expression, cst.Integer)
    ):
        return -int(node.expression.evaluated_value)
    return None


def is_side_effect_free(node: cst.BaseExpression) -> bool:
    """Whether dropping the expression cannot drop a call or other visible effect."""
    if isinstance(
        node,
        (cst.SimpleString, cst.Integer, cst.Float, cst.Imaginary, cst.Name, cst.ConcatenatedString),
    ):
        return True
    if isinstance(node, cst.Attribute):
        return is_side_effect_free(node.value)
    if isinstance(node, cst.UnaryOperation):
        return is_side_effect_free(node.expression)
    if isinstance(node, cst.BinaryOperation):
        return is_side_effect_free(node.left) and is_side_effect_free(node.right)
    if isinstance(node, cst.Comparison):  # top_k is not None
        return is_side_effect_free(node.left) and all(is_side_effect_free(c.comparator) for c in node.comparisons)
    if isinstance(node, cst.IfExp):  # 1.0 if brainstorm else 0.0
        return all(is_side_effect_free(part) for part in (node.test, node.body, node.orelse))
    if isinstance(node, cst.BooleanOperation):
        return is_side_effect_free(node.left) and is_side_effect_free(node.right)
    if isinstance(node, cst.Subscript):  # config["temperature"]: a lookup, not an action
        return is_side_effect_free(node.value) and all(
            isinstance(element.slice, cst.Index) and is_side_effect_free(element.slice.value)
            for element in node.slice
        )
    if isinstance(node, (cst.Tuple, cst.List)):
        return all(
            isinstance(el, cst.Element) and is_side_effect_free(el.value) for el in node.elements
        )
    return False


def quote_of(string: cst.SimpleString | None) -> str:
    """The quote to write a new string in the style of ``string``: ``'`` when it is single-quoted (not a
    triple-quoted string), else ``"`` (also when there is no string to copy)."""
    if string is not None:
        body = string.value[len(string.prefix):]
        if body[:1] == "'" and body[:3] != "'''":
            return "'"
    return '"'


def quote_like(original: cst.SimpleString | None, value: str) -> cst.SimpleString:
    """A string literal for ``value`` in the quoting style of ``original`` (double quotes if none)."""
    quote = quote_of(original)
    return cst.SimpleString(f"{quote}{value}{quote}")


def string_of(node: cst.BaseExpression) -> cst.SimpleString | None:
    """The first simple string literal inside ``node`` (to copy its quoting style), if any."""
    if isinstance(node, cst.SimpleString):
        return node
    if isinstance(node, cst.Dict):
        for element in node.elements:
            if isinstance(element, cst.DictElement):
                found = string_of(element.key) or string_of(element.value)
                if found:
                    return found
    if isinstance(node, cst.Call):
        for arg in node.args:
            found = string_of(arg.value)
            if found:
                return found
    return None
