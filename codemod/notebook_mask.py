"""Masking IPython syntax in a notebook cell so that libcst can parse it, and putting it back.

See ``notebook.py`` for the whole procedure (step 2 lives here).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from codemod.results import EngineError

NAME_PREFIX = "_claude_migrate_"


# ---------------------------------------------------------------------------------------------
# Masking IPython syntax

# At a statement start these characters never begin Python: IPython's escapes (magic, shell, help,
# autocall ``/f x``, ``,f x``, ``;f x``).
_ESCAPES = "%!?/,;"
# `files = !ls`, `a, b = !cmd`, `d["k"] = %env X`: plain targets only, so `print("n = %d" % n)` stays Python.
_TARGET = r"""[\w.]+(?:\[(?:\w+|'[^'\\]*'|"[^"\\]*")\])*"""
_ASSIGNED = re.compile(rf"(\s*\(?{_TARGET}(?:\s*,\s*{_TARGET})*\s*,?\s*\)?\s*=\s*)[!%]")
_HELP_SUFFIX = re.compile(r"\s*[\w.*\[\]]+\?{1,2}\s*")  # `obj?`, `obj.method??`
# Automagic without `%`: `pip install x` is not Python (a name followed by a word that is no keyword).
_AUTOMAGIC = re.compile(r"\s*(?:pip|conda|mamba)\s+(?!(?:and|or|in|is|not|if|else|for)\b)[A-Za-z]")


@dataclass(frozen=True)
class MaskedCell:
    """A cell's text with IPython lines replaced by placeholders, and how to put them back."""

    text: str
    name: str  # the placeholder prefix, absent from the original text
    originals: dict[str, str]  # placeholder line -> original line (both without the line ending)


@dataclass
class _Scanner:
    """Just enough of Python's tokenizer to know whether the next line starts a statement."""

    quote: str | None = None  # the delimiter of the string still open
    depth: int = 0  # open brackets
    continued: bool = False  # the last line ended with a backslash outside a string

    @property
    def at_statement_start(self) -> bool:
        return self.quote is None and self.depth == 0 and not self.continued

    def feed(self, line: str) -> None:
        """Advance over one line (given without its ending)."""
        self.continued = False
        i, n = 0, len(line)
        while i < n:
            char = line[i]
            if self.quote is not None:
                if char == "\\":
                    if i == n - 1:
                        return  # an escaped newline: the string goes on, whatever its quotes
                    i += 2  # an escaped character (raw strings too, as far as tokenizing goes)
                elif line.startswith(self.quote, i):
                    i, self.quote = i + len(self.quote), None
                else:
                    i += 1
                continue
            if char == "#":
                break
            if char in "\"'":
                self.quote = line[i:i + 3] if line[i:i + 3] in ('"""', "'''") else char
                i += len(self.quote)
                continue
            if char in "([{":
                self.depth += 1
            elif char in ")]}":
                self.depth = max(0, self.depth - 1)
            elif char == "\\" and i == n - 1:
                self.continued = True
            i += 1
        if self.quote in ('"', "'"):
            self.quote = None  # an unterminated one-line string: libcst will report the syntax error


def split_lines(text: str) -> list[str]:
    """Lines with their endings, split on "\\n" only (a form feed is not a newline in Python)."""
    return re.findall(r"[^\n]*\n|[^\n]+", text)


def line_body(line: str) -> tuple[str, str]:
    body = line.rstrip("\r\n")
    return body, line[len(body):]


def _kept_prefix(body: str) -> str | None:
    """For an IPython line at a statement start, the text kept before the placeholder; else None."""
    stripped = body.lstrip()
    indent = body[: len(body) - len(stripped)]
    if stripped[:1] and stripped[0] in _ESCAPES or _HELP_SUFFIX.fullmatch(body) or _AUTOMAGIC.match(body):
        return indent
    assigned = _ASSIGNED.match(body)
    return assigned.group(1) if assigned else None


def unique_prefix(texts: Iterable[str]) -> str:
    """A name prefix for placeholders and markers that none of ``texts`` contains."""
    texts = list(texts)
    prefix = NAME_PREFIX
    while any(prefix in text for text in texts):
        prefix += "x"
    return prefix


def mask_ipython(text: str, name: str) -> MaskedCell:
    """Replace each IPython line (and its backslash continuations) by a placeholder statement ``<name><n>``.

    ``name`` must not occur in ``text`` (see ``unique_prefix``). Line numbers do not move, so findings
    point into the cell as the user sees it.
    """
    scanner = _Scanner()
    out: list[str] = []
    originals: dict[str, str] = {}
    continuation: str | None = None  # the indentation to use while a masked line's backslash continues it
    for line in split_lines(text):
        body, ending = line_body(line)
        prefix = continuation
        if prefix is None and scanner.at_statement_start:
            prefix = _kept_prefix(body)
        if prefix is None:
            scanner.feed(body)
            out.append(line)
            continue
        placeholder = f"{prefix}{name}{len(originals)}"
        originals[placeholder] = body
        out.append(placeholder + ending)
        if continuation is None:
            continuation = body[: len(body) - len(body.lstrip())]
        if not body.endswith("\\"):
            continuation = None
    return MaskedCell("".join(out), name, originals)


def unmask(masked: MaskedCell, migrated: str) -> str:
    """The migrated text with every placeholder line back as it was; an error if one moved or changed."""
    remaining = dict(masked.originals)
    out: list[str] = []
    for line in split_lines(migrated):
        body, ending = line_body(line)
        if masked.name not in body:
            out.append(line)
            continue
        original = remaining.pop(body, None)
        if original is None:
            raise EngineError("a fix changed an IPython line; file left unchanged")
        out.append(original + ending)
    if remaining:
        raise EngineError("a fix removed an IPython line; file left unchanged")
    return "".join(out)
