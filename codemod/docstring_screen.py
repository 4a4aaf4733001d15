"""The second screen, with Python's own parser: a file that mentions Claude only in its docstrings.

The byte pre-filter (``prefilter.py``) reads bytes, so a module whose docstring shows
``Claude(id="claude-sonnet-4-5")`` or explains the Anthropic API passes it like one that calls Claude. A
bare string statement (a docstring, or any string written as a statement) is never sent anywhere, and no
rule reads one, so the pre-filter's verdict on the file with those strings blanked out is the verdict on
its code. Python's parser (in C) builds the tree for that in about a tenth of the time libcst takes to
parse the file, and libcst parses the file only when the blanked bytes still pass.

Most files that pass the pre-filter call Claude in code; a rough look comes first so that only the others
pay for Python's parser: with every triple-quoted string blanked by a regular expression, a file that
still passes is parsed by libcst as before. Only a file that no longer passes (its mentions may all be in
docstrings) is parsed by ``ast``, which decides exactly. The rough look can be wrong both ways (three
quotes inside a comment, a docstring in single quotes); either way the file goes on to ``ast`` or to
libcst, never out.

Only plain UTF-8 sources are screened (``ast`` positions count UTF-8 bytes of the decoded text; a coding
cookie, a byte-order mark or bytes that are not UTF-8 would shift them), and a file Python cannot parse
goes on to the engine, which reports why.
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Iterator

from codemod.prefilter import Prefilter

# PEP 263: a coding declaration in a comment on one of the first two lines.
_CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=]", re.MULTILINE)
_NESTED_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")
_NOT_A_LINE_BREAK = re.compile(rb"[^\r\n]")
_TRIPLE_QUOTED = re.compile(rb'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'')


def code_passes(source: bytes, prefilter: Prefilter) -> bool:
    """Whether ``source`` still passes ``prefilter`` once its bare string statements are blanked out
    (True whenever that cannot be decided safely: the file is then parsed as before)."""
    if (b'"""' not in source and b"'''" not in source) or prefilter.passes(_TRIPLE_QUOTED.sub(_spaces, source)):
        return True  # named outside triple-quoted strings: most likely in code, which libcst will tell
    if source.startswith(b"\xef\xbb\xbf") or _CODING.search(source, 0, _second_line_end(source)) is not None:
        return True
    try:
        source.decode("utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = compile(source, "<claude-migrate>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # UnicodeDecodeError is a ValueError
        return True
    strings = list(_bare_strings(tree))
    if not strings:
        return True
    return prefilter.passes(_blanked(source, strings))


def _spaces(match: re.Match[bytes]) -> bytes:
    return _NOT_A_LINE_BREAK.sub(b" ", match.group())


def _second_line_end(source: bytes) -> int:
    first = source.find(b"\n")
    second = source.find(b"\n", first + 1) if first >= 0 else -1
    return len(source) if second < 0 else second


def _bare_strings(tree: ast.Module) -> Iterator[ast.Expr]:
    """Statements that are a string and nothing else, at any depth of statements (expressions aside)."""
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Expr):
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                yield node
            continue
        for name in _NESTED_BODIES:
            children = getattr(node, name, None)
            if isinstance(children, list):
                stack.extend(children)


def _blanked(source: bytes, strings: list[ast.Expr]) -> bytes:
    """``source`` with each of ``strings`` replaced by spaces (line breaks kept)."""
    starts = [0]
    for line in source.splitlines(keepends=True):  # the lines Python numbers: \n, \r\n and \r end one
        starts.append(starts[-1] + len(line))
    blanked = bytearray(source)
    for node in strings:
        assert node.end_lineno is not None and node.end_col_offset is not None
        start = starts[node.lineno - 1] + node.col_offset
        end = starts[node.end_lineno - 1] + node.end_col_offset
        blanked[start:end] = _NOT_A_LINE_BREAK.sub(b" ", bytes(blanked[start:end]))
    return bytes(blanked)
