"""Hypothesis strategies: Python modules that call the Anthropic SDK the way people write them.

A generated :class:`Module` is a list of :class:`Piece` s. *Fixed* pieces are code the tool must never touch
(imports, client constructions, ``def`` lines, the ``return`` around a call, and every non-Anthropic
*decoy*); *editable* pieces are the call expressions, the ``**params`` dict literals and the module
constants (``MODEL_3 = "claude-opus-4-6"``) a request reads. The property tests check that the fixed pieces
come out verbatim and in order.

What varies (all drawn):

- clients: ``anthropic.Anthropic()``, ``AsyncAnthropic``, ``AnthropicBedrock``, ``AnthropicVertex`` (sync and
  async), imported as ``import anthropic``, ``import anthropic as ant``, ``from anthropic import X`` or
  ``from anthropic import X as A``; held in a module variable, an annotated parameter (``client: Anthropic``),
  ``self.client`` set in ``__init__``, or constructed inline;
- methods: ``messages.create / stream / parse / count_tokens``, ``beta.messages.create / stream /
  count_tokens``, ``messages.batches.create(requests=[...])`` and its beta form; sync, ``await`` and
  ``async with``;
- the request: model IDs from the catalogue (every status, aliases, Bedrock and Vertex forms, profiles),
  ``thinking`` (enabled with a budget, adaptive, disabled, with an effort), ``temperature / top_p / top_k``,
  ``max_tokens``, ``output_format``, ``output_config``, ``betas``, ``extra_headers``, ``messages`` (with or
  without an assistant prefill), ``system``, ``tools`` (whose schemas have a ``temperature`` property),
  ``tool_choice``, ``speed``; values written as literals, held in module constants, in parameters or read
  from the environment; the request spread from a ``params`` dict (``**params``) or a ``dict(...)`` call;
- layout: keyword order, one line / one argument per line / wrapped, trailing commas, comments on their own
  lines and after arguments, parenthesised values, backslash continuations, ``key = value`` spacing;
- strings: ``'``, ``"``, ``'''``, ``\"\"\"``, ``r`` / ``u`` prefixes, implicit concatenation (also across
  lines), escapes, unicode (latin-1 only in latin-1 files);
- the file: LF or CRLF, 4 spaces, 2 spaces or tabs, UTF-8, UTF-8 with BOM or latin-1 with a coding cookie;
- decoys: OpenAI (``client.beta.threads.messages.create``, chat completions), look-alike wrappers with a
  ``messages.create`` method, a local class named ``Anthropic``, ``temperature=`` on unrelated functions,
  model IDs in dict keys, docstrings, log messages, comments and code samples in strings.

Every comment carries a unique ``cN`` tag. A comment written inside, or after on the same line, an item the
tool may remove (a sampling parameter, ``thinking``, ``budget_tokens``, ``betas``...) is recorded in
``Module.removable_comments``; see ``test_properties.py`` for the rule the others must obey.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from codemod.catalog import load_catalog

CATALOG = load_catalog()

API_MODELS = sorted({name for m in CATALOG.models for name in (m.id, *m.aliases)})
BEDROCK_MODELS = sorted(
    {b for m in CATALOG.models for b in m.bedrock}
    | {f"{profile}.{m.bedrock[0]}" for m in CATALOG.models if m.bedrock for profile in m.bedrock_profiles}
)
VERTEX_MODELS = sorted({v for m in CATALOG.models for v in m.vertex})
OTHER_MODELS = ["claude-next-experimental", "gpt-4o", "my-team/claude-finetune"]
BETA_HEADERS = sorted(CATALOG.beta_headers) + ["files-api-2025-04-14", "task-budgets-2026-03-13", "fast-mode-2026-02-01"]
EFFORTS = ["low", "medium", "high", "xhigh", "max"]

# Keys whose argument / dict entry a fix may remove (CM201, CM107, CM401, CM402, CM408) or move (CM103,
# CM106); comments inside or after them may go with them.
REMOVABLE_KEYS = frozenset(
    {"temperature", "top_p", "top_k", "thinking", "output_format", "betas", "extra_headers", "stream",
     "budget_tokens", "effort", "anthropic-beta", "output_config"}
)

# A JSON schema with a property named like a sampling parameter: it is data, never a request parameter.
WEATHER_SCHEMA = '{"type": "object", "properties": {"temperature": {"type": "number"}, "top_k": {"type": "integer"}}}'

# --------------------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------------------

ASCII_WORDS = [
    "hello", "summarise", "the", "quarterly", "report", "claude-opus-4-6", "temperature=0.5", "budget_tokens",
    "thinking", "model", "it's", 'say "hi"', "a\\b", "tab\there", "line\nbreak", "{x}", "100%", "#hash", ")",
    "],", "\\n", "top_p", "messages.create(", "'quoted'", "claude-3-5-sonnet-20241022", "x=1,", "\\", "  ",
]
COMMENT_WORDS = [
    "tuned", "in", "March", "see", "ADR-12", "claude-opus-4-6", "temperature=0.5", "budget_tokens=8000",
    "thinking", "TODO", "(", ")", ",", "'", '"', "\\", "{", "}", "top_k", "keep", "anthropic", "#", "x=1,",
    "\"\"\"", "betas=[]",
]
LATIN1_WORDS = ["café", "naïve", "¿Qué tal?", "Größe", "½", "ñandú", "©"]
UTF8_WORDS = ["日本語", "😀", "✓", "€", "—", "Ελληνικά", "עברית", "a\u200bb", "𝔘𝔫𝔦"]


@dataclass
class Piece:
    """A run of source text; ``fixed`` pieces must come out of the tool byte for byte."""

    text: str
    fixed: bool
    decoy: bool = False  # non-Anthropic code: no finding may point into it
    logic: bool = False  # a decoy that compares a model ID in code (CM304 may report it in a file that sends requests)


@dataclass
class Module:
    pieces: list[Piece]
    newline: str = "\n"
    encoding: str = "utf-8"  # "utf-8" | "utf-8-sig" (BOM) | "latin-1" (with a coding cookie)
    indent: str = "    "
    removable_comments: frozenset[str] = frozenset()
    must_keep: tuple[str, ...] = ()  # texts inside edited calls that no fix may touch (data that looks like a parameter)
    run: tuple[str, ...] = ()  # expressions that exercise the module (runnable modules only)
    description: str = ""

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces).replace("\n", self.newline)

    @property
    def source(self) -> bytes:
        return encode(self.text, self.encoding)

    def fixed_runs(self) -> list[tuple[bool, str]]:
        """The pieces merged into runs of (fixed, text), newlines as in the file."""
        runs: list[tuple[bool, str]] = []
        for piece in self.pieces:
            text = piece.text.replace("\n", self.newline)
            if runs and runs[-1][0] == piece.fixed:
                runs[-1] = (piece.fixed, runs[-1][1] + text)
            elif text:
                runs.append((piece.fixed, text))
        return runs

    def decoy_lines(self) -> list[tuple[int, int, Piece]]:
        """(first line, last line, piece) of each decoy, 1-based, in the file."""
        spans = []
        line = 1
        for piece in self.pieces:
            lines = piece.text.count("\n")
            if piece.decoy:
                spans.append((line, line + max(lines - 1, 0), piece))
            line += lines
        return spans

    def __repr__(self) -> str:  # what hypothesis prints for a failing example
        flags = f"newline={self.newline!r} encoding={self.encoding} indent={self.indent!r} run={list(self.run)}"
        return f"Module({flags}) {self.description}:\n{self.text.replace(chr(13), '')}"


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode(encoding)


# --------------------------------------------------------------------------------------------------------
# Generation context
# --------------------------------------------------------------------------------------------------------


@dataclass
class Entry:
    """One item of a call (``key=value``), a dict (``"key": value``) or a list (``value``)."""

    key: str | None
    value: Node
    removable: bool = False
    star: bool = False  # ``**value``


@dataclass
class Container:
    kind: str  # "call" | "dict" | "list"
    head: str = ""  # the callee of a call: "client.messages.create"
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Lit:
    text: str  # source text, one line


@dataclass
class Str:
    value: str  # a string literal, quoted at render time


Node = Container | Lit | Str

PLATFORM_CLASSES = {
    "api": ("Anthropic", "AsyncAnthropic"),
    "bedrock": ("AnthropicBedrock", "AsyncAnthropicBedrock"),
    "vertex": ("AnthropicVertex", "AsyncAnthropicVertex"),
}
ALIASES = {"Anthropic": "A", "AsyncAnthropic": "AA", "AnthropicBedrock": "AB", "AsyncAnthropicBedrock": "AAB",
           "AnthropicVertex": "AV", "AsyncAnthropicVertex": "AAV"}


class Ctx:
    def __init__(self, draw: Callable[[st.SearchStrategy[Any]], Any], *, indent: str, encoding: str, runnable: bool) -> None:
        self.draw = draw
        self.unit = indent
        self.encoding = encoding
        self.runnable = runnable
        self._ids = itertools.count(1)
        self.removable: set[str] = set()
        self.imports: list[str] = []
        self.constants: list[Piece] = []
        self.clients: list[Piece] = []
        self.styles: dict[str, str] = {}
        self.must_keep: list[str] = []

    # -- small draws
    def flip(self, p: float = 0.5) -> bool:
        """True with probability ``p``; shrinks to False (the plainer choice)."""
        return self.draw(st.integers(0, 999)) >= 1000 - int(p * 1000)

    def choice(self, options: list[Any]) -> Any:
        return self.draw(st.sampled_from(options))

    def uid(self) -> int:
        return next(self._ids)

    def ind(self, level: int) -> str:
        return self.unit * level

    def need_import(self, line: str) -> None:
        if line not in self.imports:
            self.imports.append(line)

    def words(self, pool: list[str], low: int, high: int) -> str:
        extra = LATIN1_WORDS if self.encoding == "latin-1" else LATIN1_WORDS + UTF8_WORDS
        chosen = self.draw(st.lists(st.sampled_from(pool + extra), min_size=low, max_size=high))
        return " ".join(chosen)

    def comment(self, removable: bool) -> str:
        text = f"# c{self.uid()}"
        words = self.words(COMMENT_WORDS, 0, 4).replace("\n", " ").replace("\r", " ")
        if words:
            text += " " + words
        if removable:
            self.removable.add(text)
        return text

    # -- strings
    def string(self, value: str, *, bracketed: bool = False, level: int = 0, concat: bool = True) -> str:
        """A string literal for ``value`` in a drawn style (quotes, prefix, escapes, implicit concatenation)."""
        if concat and len(value) >= 2 and self.flip(0.12):
            cut = self.draw(st.integers(1, len(value) - 1))
            left = self.string(value[:cut], concat=False)
            right = self.string(value[cut:], bracketed=bracketed, level=level, concat=False)
            separator = "\n" + self.ind(level) if bracketed and self.flip(0.5) else self.choice([" ", "  ", ""])
            if separator == "" and left[-1] == right[0]:
                separator = " "
            return left + separator + right
        quote = self.choice(['"', "'", '"""', "'''"])
        plain = bool(value) and not any(c in value for c in "\\\"'\n\r\t") and value[-1] not in "\"'"
        prefix = self.choice(["", "", "", "u", "U"] + (["r", "R"] if plain else []))
        if prefix in ("r", "R"):
            return f"{prefix}{quote}{value}{quote}"
        escape_unicode = self.flip(0.1)
        body = []
        for ch in value:
            if ch == "\\":
                body.append("\\\\")
            elif ch == "\n":
                body.append("\\n")
            elif ch == "\r":
                body.append("\\r")
            elif ch == "\t":
                body.append(self.choice(["\\t", "\t"]))
            elif ch == quote[0]:
                body.append("\\" + ch)
            elif escape_unicode and ord(ch) > 127:
                body.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
            else:
                body.append(ch)
        return f"{prefix}{quote}{''.join(body)}{quote}"

    def text_value(self) -> str:
        return self.words(ASCII_WORDS, 1, 5)

    # -- rendering
    def render(self, node: Node, level: int, removable: bool = False, bracketed: bool = True) -> str:
        if isinstance(node, Lit):
            text = node.text
        elif isinstance(node, Str):
            text = self.string(node.value, bracketed=bracketed, level=level + 1)
        else:
            text = self.render_container(node, level, removable)
        if isinstance(node, (Lit, Str)) and bracketed and self.flip(0.06):
            if self.flip(0.5):
                return f"({text})"
            return f"(\n{self.ind(level + 1)}{text}\n{self.ind(level)})"
        return text

    def render_container(self, node: Container, level: int, removable: bool) -> str:
        opening, closing = {"call": ("(", ")"), "dict": ("{", "}"), "list": ("[", "]")}[node.kind]
        items: list[tuple[str, bool]] = []
        for entry in node.entries:
            gone = removable or entry.removable
            value = self.render(entry.value, level + 1, gone)
            if entry.star:
                text = "**" + value
            elif node.kind == "call":
                equal = " = " if self.flip(0.04) else "="
                text = f"{entry.key}{equal}{value}"
            elif node.kind == "dict":
                key = self.string(entry.key or "", bracketed=True, level=level + 1, concat=self.flip(0.2))
                text = f"{key}: {value}"
            else:
                text = value
            items.append((text, gone))
        head = node.head + opening
        if not items:
            return head + closing
        layout = self.choice(["inline", "vertical", "vertical", "wrapped"])
        inner = self.ind(level + 1)
        if layout == "inline":
            separator = self.choice([", ", ", ", ","])
            trailing = "," if self.flip(0.2) else ""
            return head + separator.join(t for t, _ in items) + trailing + closing
        if layout == "vertical":
            out = [head]
            # Comments on their own lines belong to the container: they may only go with all of it.
            out.append(f"  {self.comment(removable)}\n" if self.flip(0.15) else "\n")
            for index, (text, gone) in enumerate(items):
                last = index == len(items) - 1
                if self.flip(0.15):
                    out.append(f"{inner}{self.comment(removable)}\n")
                if self.flip(0.03):
                    out.append("\n")
                comma = "," if not last or self.flip(0.6) else ""
                out.append(f"{inner}{text}{comma}")
                out.append(f"  {self.comment(gone)}\n" if self.flip(0.2) else "\n")
            if self.flip(0.1):
                out.append(f"{inner}{self.comment(removable)}\n")
            out.append(self.ind(level) + closing)
            return "".join(out)
        # wrapped: several items per line, broken at drawn places (newline, comment, or backslash)
        out = [head]
        if self.flip(0.3):
            out.append("\n" + inner)
        for index, (text, gone) in enumerate(items):
            out.append(text)
            if index == len(items) - 1:
                break
            out.append(",")
            kind = self.choice(["space", "space", "newline", "comment", "backslash"])
            if kind == "space":
                out.append(" ")
            elif kind == "newline":
                out.append("\n" + inner)
            elif kind == "comment":
                out.append(f"  {self.comment(gone)}\n{inner}")
            else:
                out.append(" \\\n" + inner)
        if self.flip(0.2):
            out.append(",")
        if self.flip(0.3):
            out.append("\n" + self.ind(level))
        out.append(closing)
        return "".join(out)

    # -- clients
    def class_ref(self, name: str) -> str:
        style = self.styles.get(name)
        if style is None:
            style = self.styles[name] = self.choice(["module", "module", "module_alias", "from", "from", "alias"])
        if style == "module":
            self.need_import("import anthropic")
            return f"anthropic.{name}"
        if style == "module_alias":
            self.need_import("import anthropic as ant")
            return f"ant.{name}"
        if style == "from":
            self.need_import(f"from anthropic import {name}")
            return name
        self.need_import(f"from anthropic import {name} as {ALIASES[name]}")
        return ALIASES[name]

    def construct(self, platform: str, is_async: bool) -> str:
        cls = self.class_ref(PLATFORM_CLASSES[platform][is_async])
        if platform == "bedrock":
            args = 'aws_region="us-east-1"' if self.flip(0.8) else ""
        elif platform == "vertex":
            args = self.choice(['region="us-east5", project_id="my-project"', 'project_id="p", region="europe-west1"'])
        else:
            args = self.choice(["", "", "max_retries=0", "timeout=30.0"])
        return f"{cls}({args})"


# --------------------------------------------------------------------------------------------------------
# Requests
# --------------------------------------------------------------------------------------------------------


@dataclass
class Site:
    """One function (or method) that sends a request."""

    uid: int
    model: str | None = None  # the model ID of the request being drawn
    # Function parameters: (name and annotation, default text or None). Defaults are editable (a model
    # default is a model ID the tool may move).
    params: list[tuple[str, str | None]] = field(default_factory=list)

    def param(self, ctx: Ctx, name: str, default: str | None) -> Lit:
        if not any(existing == name for existing, _ in self.params):
            self.params.append((name, default))
        return Lit(name)

    def signature(self, first: str | None) -> list[Piece]:
        """``(self, client: A, model="claude-...")`` as pieces: defaults editable, the rest fixed."""
        pieces = [Piece("(", True)]
        ordered = sorted(self.params, key=lambda p: p[1] is not None)  # no default after a default
        names = ([first] if first else []) + [n for n, _ in ordered]
        defaults = ([None] if first else []) + [d for _, d in ordered]
        for index, (name, default) in enumerate(zip(names, defaults)):
            pieces.append(Piece((", " if index else "") + name + ("=" if default is not None else ""), True))
            if default is not None:
                pieces.append(Piece(default, False))
        pieces.append(Piece(")", True))
        return pieces


METHODS = ["create", "create", "create", "stream", "parse", "count_tokens", "beta.create", "beta.create",
           "beta.stream", "beta.count_tokens", "batches", "beta.batches"]


def _int_text(ctx: Ctx, value: int) -> str:
    if value >= 10_000 and ctx.flip(0.3):
        return f"{value:_}"
    if ctx.flip(0.03):
        return hex(value)
    return str(value)


def model_pool(platform: str) -> list[str]:
    if platform == "bedrock":
        return BEDROCK_MODELS + API_MODELS[:3]
    if platform == "vertex":
        return VERTEX_MODELS + API_MODELS[:3]
    return API_MODELS + OTHER_MODELS


def _held(ctx: Ctx, site: Site, name: str, node: Node, *, allow_param: bool = True) -> Node:
    """``node`` as written, or held in a module constant or a function parameter (with a default)."""
    roll = ctx.draw(st.integers(0, 99))
    if roll < 12:
        constant = f"{name.upper()}_{site.uid}"
        text = ctx.render(node, 0, bracketed=isinstance(node, Container))
        ctx.constants.append(Piece(f"{constant} = ", True))
        ctx.constants.append(Piece(text, False))
        ctx.constants.append(Piece("\n", True))
        return Lit(constant)
    if roll < 18 and allow_param and isinstance(node, (Lit, Str)):
        default = ctx.render(node, 0, bracketed=False) if (ctx.runnable or ctx.flip(0.7)) else None
        return site.param(ctx, name, default)
    return node


def _adaptive_after_move(model_id: str) -> bool:
    """Whether the model a retired ID moves to (its documented successor) takes adaptive thinking."""
    from codemod.catalog.model_ids import parse_model_id

    ref = parse_model_id(model_id, CATALOG)
    if ref is None:
        return True  # unknown: checked as the target, which takes it
    model = ref.model
    while model.is_retired and model.successor and CATALOG.get(model.successor) is not None:
        model = CATALOG.get(model.successor)
    return model.is_retired or model.capabilities.thinking_adaptive


def model_value(ctx: Ctx, site: Site, platform: str) -> Node:
    model = ctx.choice(model_pool(platform))
    site.model = model
    if ctx.flip(0.06):
        ctx.need_import("import os")
        return Lit(f'os.environ.get("CLAUDE_MODEL", {ctx.string(model, concat=False)})')
    return _held(ctx, site, "model", Str(model))


def thinking_value(ctx: Ctx, site: Site, max_tokens: int | None) -> Node:
    kinds = ["enabled", "enabled", "enabled", "adaptive", "disabled", "enabled_effort"]
    if ctx.runnable and max_tokens is not None and max_tokens <= 1024:
        kinds = ["adaptive", "disabled"]  # a budget must be >= 1024 and below max_tokens: no valid one here
    if ctx.runnable and site.model is not None and not _adaptive_after_move(site.model):
        # adaptive thinking next to a retired pre-thinking model: an input no one writes, and no rule checks
        # the thinking type against the model a retired one moves to (see the property tests' report).
        kinds = [kind for kind in kinds if kind != "adaptive"]
    kind = ctx.choice(kinds)
    if kind in ("adaptive", "disabled"):
        entries = [Entry("type", Str(kind))]
        if kind == "adaptive" and ctx.flip(0.3):
            entries.append(Entry("display", Str(ctx.choice(["summarized", "omitted"]))))
    else:
        high = (max_tokens - 1) if (ctx.runnable and max_tokens) else 64000
        budget = ctx.draw(st.integers(1024, max(1024, high)))
        budget_node = _held(ctx, site, "budget", Lit(_int_text(ctx, budget)))
        entries = [Entry("type", Str("enabled")), Entry("budget_tokens", budget_node, removable=True)]
        if kind == "enabled_effort":
            entries.append(Entry("effort", Str(ctx.choice(EFFORTS)), removable=True))
        entries = ctx.draw(st.permutations(entries))
    if ctx.flip(0.12):
        node: Node = Container("call", "dict", [Entry(e.key, e.value, e.removable) for e in entries])
    else:
        node = Container("dict", "", list(entries))
    return _held(ctx, site, "thinking", node, allow_param=False)


def messages_value(ctx: Ctx, site: Site, *, prefill: bool = True) -> Node:
    turns = [Entry(None, Container("dict", "", [Entry("role", Str("user")), Entry("content", Str(ctx.text_value()))]))]
    if ctx.flip(0.25):
        blocks = Container("list", "", [Entry(None, Container("dict", "", [Entry("type", Str("text")), Entry("text", Str(ctx.text_value()))]))])
        turns[0] = Entry(None, Container("dict", "", [Entry("role", Str("user")), Entry("content", blocks)]))
    if prefill and ctx.flip(0.15):  # an assistant prefill
        turns.append(Entry(None, Container("dict", "", [Entry("role", Str("assistant")), Entry("content", Str("{"))])))
    return _held(ctx, site, "history", Container("list", "", turns), allow_param=False)


def request_entries(ctx: Ctx, site: Site, method: str, platform: str, *, batch: bool = False) -> list[Entry]:
    """The keyword arguments of one request, in a drawn order."""
    beta = method.startswith("beta.")
    base = method.split(".")[-1]
    entries: list[Entry] = []
    entries.append(Entry("model", model_value(ctx, site, platform)))
    max_tokens: int | None = None
    if base != "count_tokens":
        max_tokens = ctx.choice([64, 256, 1024, 2048, 4096, 8000, 16000, 32000, 64000])
        if ctx.runnable and base in ("create", "parse") and not batch:
            max_tokens = min(max_tokens, 16000)
        entries.append(Entry("max_tokens", _held(ctx, site, "max_tokens", Lit(_int_text(ctx, max_tokens)))))
    # CM501 does not check count_tokens (documented in request_shape.py: the docs state the prefill rule for
    # Messages requests) while tests/target_rules.py rejects a prefill on any endpoint: no prefill on a runnable
    # count_tokens, where the two would disagree.
    prefill = not (ctx.runnable and base == "count_tokens")
    entries.append(Entry("messages", messages_value(ctx, site, prefill=prefill)))
    if ctx.flip(0.3):
        entries.append(Entry("system", Str(ctx.text_value())))
    if ctx.flip(0.55):
        entries.append(Entry("thinking", thinking_value(ctx, site, max_tokens), removable=True))
    for key, values in (("temperature", ["0", "0.0", "0.2", "0.7", "1", ".5", "1e-1"]), ("top_p", ["0.9", "1.0", "0.95"]), ("top_k", ["40", "5"])):
        if ctx.flip(0.35 if key == "temperature" else 0.2):
            entries.append(Entry(key, _held(ctx, site, key, Lit(ctx.choice(values))), removable=True))
    if ctx.flip(0.15):
        schema = Container("dict", "", [
            Entry("type", Str("json_schema")),
            Entry("schema", Container("dict", "", [
                Entry("type", Str("object")),
                Entry("properties", Container("dict", "", [Entry("answer", Container("dict", "", [Entry("type", Str("string"))]))])),
                Entry("required", Container("list", "", [Entry(None, Str("answer"))])),
            ])),
        ])
        entries.append(Entry("output_format", schema, removable=True))
    if ctx.flip(0.15):
        entries.append(Entry("output_config", Container("dict", "", [Entry("effort", Str(ctx.choice(EFFORTS)), removable=True)]), removable=True))
    if ctx.flip(0.15):
        tool = Container("dict", "", [Entry("name", Str("get_weather")), Entry("description", Str(ctx.text_value())),
                                      Entry("input_schema", Lit(WEATHER_SCHEMA))])
        ctx.must_keep.append(WEATHER_SCHEMA)
        entries.append(Entry("tools", Container("list", "", [Entry(None, tool)])))
        if ctx.flip(0.5):
            entries.append(Entry("tool_choice", Container("dict", "", [Entry("type", Str(ctx.choice(["auto", "any"])))])))
    if base in ("create", "stream", "parse") and ctx.flip(0.1):
        entries.append(Entry("metadata", Container("dict", "", [Entry("user_id", Str("user-42"))])))
    if base in ("create", "stream", "parse") and ctx.flip(0.1):
        entries.append(Entry("stop_sequences", Container("list", "", [Entry(None, Str("\n\nHuman:"))])))
    if not batch and ctx.flip(0.12):
        headers = ctx.draw(st.lists(st.sampled_from(BETA_HEADERS), min_size=1, max_size=3, unique=True))
        header_entries = [Entry("anthropic-beta", Str(",".join(headers)), removable=True)]
        if ctx.flip(0.4):
            header_entries.append(Entry("X-Request-Source", Str("nightly-job")))
        entries.append(Entry("extra_headers", Container("dict", "", ctx.draw(st.permutations(header_entries))), removable=True))
    if beta and not batch and ctx.flip(0.5):
        headers = ctx.draw(st.lists(st.sampled_from(BETA_HEADERS), min_size=0, max_size=3, unique=True))
        betas = Container("list", "", [Entry(None, Str(h), removable=True) for h in headers])
        entries.append(Entry("betas", _held(ctx, site, "betas", betas, allow_param=False), removable=True))
    if ctx.flip(0.06):
        entries.append(Entry("speed", Str(ctx.choice(["fast", "standard"]))))
    if base == "parse" and ctx.flip(0.2):
        entries.append(Entry("stream", Lit("False"), removable=True))
    if not batch and base != "count_tokens" and ctx.flip(0.08):
        entries.append(Entry("timeout", Lit("600.0")))
    return list(ctx.draw(st.permutations(entries)))


def _as_dict(entries: list[Entry]) -> Container:
    return Container("dict", "", [Entry(e.key, e.value, e.removable) for e in entries])


def key_statement(ctx: Ctx, site: Site, name: str, entry: Entry, level: int) -> str:
    """``params["key"] = value`` (or ``params.update(key=value)``), maybe under ``if detailed:``, with comments.

    A comment line above the statement stays when the statement is removed (it is carried to the next
    statement); one after it on its line, or inside an ``if`` the removal empties, may go with it.
    """
    out = []
    if ctx.flip(0.3):
        out.append(f"{ctx.ind(level)}{ctx.comment(False)}\n")
    inner = level
    if ctx.flip(0.3):
        flag = site.param(ctx, "detailed", "True").text
        out.append(f"{ctx.ind(level)}if {flag}:\n")
        inner = level + 1
        if ctx.flip(0.3):
            out.append(f"{ctx.ind(inner)}{ctx.comment(entry.removable)}\n")
    value = ctx.render(entry.value, inner, entry.removable, bracketed=False)
    if ctx.flip(0.3):
        statement = f"{name}.update({entry.key}={value})"
    else:
        statement = f"{name}[{ctx.string(entry.key or '', concat=False)}] = {value}"
    trailing = f"  {ctx.comment(entry.removable)}" if ctx.flip(0.2) else ""
    out.append(f"{ctx.ind(inner)}{statement}{trailing}\n")
    return "".join(out)


def call_expression(ctx: Ctx, site: Site, receiver: str, method: str, platform: str, level: int) -> tuple[list[Piece], str]:
    """Statements that build the request (editable dicts) and the call expression's text."""
    beta = method.startswith("beta.")
    base = method.split(".")[-1]
    prefix = "beta.messages" if beta else "messages"
    before: list[Piece] = []
    if base == "batches":
        requests = []
        for i in range(ctx.draw(st.integers(1, 2))):
            params = request_entries(ctx, site, "create", platform, batch=True)
            requests.append(Entry(None, Container("dict", "", [Entry("custom_id", Str(f"req-{site.uid}-{i}")), Entry("params", _as_dict(params))])))
        entries = [Entry("requests", Container("list", "", requests))]
        if beta and ctx.flip(0.5):
            headers = ctx.draw(st.lists(st.sampled_from(BETA_HEADERS), min_size=1, max_size=2, unique=True))
            entries.append(Entry("betas", Container("list", "", [Entry(None, Str(h), removable=True) for h in headers]), removable=True))
        callee = f"{receiver}.{prefix}.batches.create"
    else:
        entries = request_entries(ctx, site, method, platform)
        callee = f"{receiver}.{prefix}.{base}"
        if ctx.flip(0.35):  # spread from a params dict
            split = ctx.draw(st.integers(0, len(entries)))
            spread, entries = entries[:split], entries[split:]
            name = "params" if ctx.flip(0.7) else "request_kwargs"
            if ctx.flip(0.2):
                built: Node = Container("call", "dict", spread)
            else:
                built = _as_dict(spread)
            late: list[Entry] = []
            if spread and ctx.flip(0.5):  # some keys set by statements after the dict is built
                count = ctx.draw(st.integers(1, len(spread)))
                built_entries = built.entries
                late, built.entries = built_entries[-count:], built_entries[:-count]
            before.append(Piece(f"{ctx.ind(level)}{name} = ", True))
            before.append(Piece(ctx.render(built, level), False))
            before.append(Piece("\n", True))
            for entry in late:
                before.append(Piece(key_statement(ctx, site, name, entry, level), False))
            entries = [*entries, Entry(None, Lit(name), star=True)] if ctx.flip(0.7) else [Entry(None, Lit(name), star=True), *entries]
    if ctx.flip(0.05):  # a continuation inside the attribute chain
        head, _, last = callee.rpartition(".")
        callee = f"{head} \\\n{ctx.ind(level + 1)}.{last}"
    return before, ctx.render(Container("call", callee, entries), level)


def site_pieces(ctx: Ctx) -> tuple[list[Piece], str | None]:
    """A function, async function or class that sends one request; and the expression that runs it."""
    site = Site(ctx.uid())
    platform = "api" if ctx.runnable else ctx.choice(["api", "api", "api", "bedrock", "vertex"])
    is_async = ctx.flip(0.35)
    method = ctx.choice(METHODS)
    if platform != "api" and "batches" in method:
        method = "create"
    receiver_kind = ctx.choice(["module", "module", "param", "self", "inline"])
    in_class = receiver_kind == "self"
    level = 2 if in_class else 1
    name = f"ask_{site.uid}"
    first: str | None = "self" if in_class else None
    client_arg: str | None = None
    if receiver_kind == "module":
        client = f"client_{site.uid}"
        construct = ctx.construct(platform, is_async)
        trailing = f"  {ctx.comment(False)}" if ctx.flip(0.2) else ""
        ctx.clients.append(Piece(f"{client} = {construct}{trailing}\n", True))
        receiver = client
    elif receiver_kind == "param":
        cls = ctx.class_ref(PLATFORM_CLASSES[platform][is_async])
        first = f"client: {cls}"
        receiver = "client"
        client_arg = f"anthropic.{PLATFORM_CLASSES[platform][is_async]}()"
    elif receiver_kind == "self":
        receiver = "self.client"
    else:
        receiver = ctx.construct(platform, is_async)

    before, call = call_expression(ctx, site, receiver, method, platform, level)
    ind, ind2 = ctx.ind(level), ctx.ind(level + 1)
    base = method.split(".")[-1]
    awaited = "await " if is_async else ""
    if base == "stream":
        opener = "async with " if is_async else "with "
        final = f"{ind2}return {awaited}stream.get_final_message()\n"
        pieces = [*before, Piece(f"{ind}{opener}", True), Piece(call, False), Piece(" as stream:\n" + final, True)]
    else:
        style = ctx.choice(["return", "assign", "assign", "backslash", "paren"])
        if style == "return":
            pieces = [*before, Piece(f"{ind}return {awaited}", True), Piece(call, False), Piece("\n", True)]
        elif style == "backslash":
            pieces = [*before, Piece(f"{ind}response = {awaited}\\\n{ind2}", True), Piece(call, False), Piece(f"\n{ind}return response\n", True)]
        elif style == "paren":
            pieces = [*before, Piece(f"{ind}response = {awaited}(\n{ind2}", True), Piece(call, False), Piece(f"\n{ind})\n{ind}return response\n", True)]
        else:
            trailing = f"  {ctx.comment(False)}" if ctx.flip(0.2) else ""
            pieces = [*before, Piece(f"{ind}response = {awaited}", True), Piece(call, False), Piece(f"{trailing}\n{ind}return response\n", True)]

    keyword = "async def" if is_async else "def"
    header_comment = f"  {ctx.comment(False)}" if ctx.flip(0.15) else ""
    body_comment = f"{ctx.ind(level)}{ctx.comment(False)}\n" if ctx.flip(0.15) else ""
    signature = site.signature(first)
    if in_class:
        init = ctx.construct(platform, is_async)
        header = [Piece(
            f"class Service{site.uid}:\n"
            f"{ctx.ind(1)}def __init__(self):\n"
            f"{ctx.ind(2)}self.client = {init}\n\n"
            f"{ctx.ind(1)}{keyword} {name}", True)]
        expression = f"Service{site.uid}().{name}()"
    else:
        header = [Piece(f"{keyword} {name}", True)]
        expression = f"{name}({client_arg or ''})"
    header += [*signature, Piece(f":{header_comment}\n{body_comment}", True)]
    return [*header, *pieces], expression


# --------------------------------------------------------------------------------------------------------
# Decoys: code that is not an Anthropic request
# --------------------------------------------------------------------------------------------------------


def decoy(ctx: Ctx) -> Piece:
    n = ctx.uid()
    i1, i2 = ctx.ind(1), ctx.ind(2)
    s = ctx.string
    kind = ctx.choice(["openai_chat", "openai_threads", "wrapper", "local_anthropic", "sampling_function",
                       "price_table", "docstring", "log", "config_dict", "code_sample", "own_completion",
                       "model_compare", "shadowed_client"])
    logic = False
    if kind == "openai_chat":
        text = (f"def complete_{n}(prompt):\n{i1}from openai import OpenAI\n\n{i1}oai = OpenAI()\n"
                f"{i1}result = oai.chat.completions.create(\n{i2}model={s('gpt-4o')},\n{i2}temperature=0.3,  {ctx.comment(False)}\n"
                f"{i2}top_p=0.9,\n{i2}messages=[{{\"role\": \"user\", \"content\": prompt}}],\n{i1})\n"
                f"{i1}return result.choices[0].message.content\n")
    elif kind == "openai_threads":
        text = (f"def ask_assistant_{n}(thread_id, question):\n{i1}from openai import OpenAI\n\n{i1}client = OpenAI()\n"
                f"{i1}client.beta.threads.messages.create(thread_id=thread_id, role=\"user\", content=question)\n"
                f"{i1}return client.beta.threads.runs.create(thread_id=thread_id, assistant_id=\"asst_1\", temperature=0.2)\n")
    elif kind == "wrapper":
        text = (f"class _Messages{n}:\n{i1}def create(self, **kwargs):\n{i2}return kwargs\n\n\n"
                f"class Gateway{n}:\n{i1}def __init__(self):\n{i2}self.messages = _Messages{n}()\n\n\n"
                f"def route_{n}(text, model_name):\n"
                f"{i1}return Gateway{n}().messages.create(model=model_name, temperature=0.2, top_k=3, messages=[text])\n")
    elif kind == "local_anthropic":
        text = (f"def fake_client_{n}():\n{i1}class Anthropic:\n{i2}def __init__(self):\n{ctx.ind(3)}self.messages = self\n\n"
                f"{i2}def create(self, **kwargs):\n{ctx.ind(3)}return kwargs\n\n"
                f"{i1}return Anthropic().messages.create(model={s('stub-model')}, temperature=0.0, max_tokens=5)\n")
    elif kind == "sampling_function":
        text = (f"def resample_{n}(values, temperature=0.7, top_p=0.9, top_k=None):\n"
                f"{i1}return [v / temperature for v in values][: top_k or None]\n\n\n"
                f"SCALED_{n} = resample_{n}([1.0, 2.0], temperature=0.5, top_p=1.0)\n")
    elif kind == "price_table":
        key1 = s(ctx.choice(API_MODELS), concat=False)
        key2 = s(ctx.choice(API_MODELS), concat=False)
        text = f"PRICES_{n} = {{{key1}: {{\"input\": 5.0}}, {key2}: {{\"input\": 3.0}}}}  {ctx.comment(False)}\n"
    elif kind == "docstring":
        text = (f"def history_{n}():\n{i1}\"\"\"This module used {ctx.choice(API_MODELS)} with\n"
                f"{i1}thinking={{\"type\": \"enabled\", \"budget_tokens\": 2000}} and temperature=0.2.\n{i1}\"\"\"\n{i1}return None\n")
    elif kind == "log":
        text = (f"def note_{n}():\n{i1}import logging\n\n"
                f"{i1}logging.getLogger(__name__).info({s('migrated from claude-opus-4-6 (temperature=0.2)')})\n")
    elif kind == "config_dict":
        text = (f"LEGACY_CONFIG_{n} = {{\"thinking\": {{\"type\": \"enabled\", \"budget_tokens\": 8000}}, "
                f"\"temperature\": 0.4, \"label\": {s('archived run')}}}\n")
    elif kind == "code_sample":
        sample = "client.messages.create(model='claude-opus-4-6', temperature=0.5, thinking={'type': 'enabled', 'budget_tokens': 1024})"
        text = f"EXAMPLE_{n} = {s(sample, concat=False)}\n"
    elif kind == "own_completion":
        text = (f"def summarise_{n}(text):\n{i1}def completion(model, prompt, temperature=0.0, top_p=1.0):\n{i2}return prompt\n\n"
                f"{i1}return completion(model={s('claude-opus-4-6')}, prompt=text, temperature=0.3)\n")
    elif kind == "model_compare":
        logic = True
        text = f"def is_legacy_{n}(model):\n{i1}return model == {s(ctx.choice(API_MODELS), concat=False)}\n"
    else:  # shadowed_client: a local OpenAI client named like the Anthropic ones
        text = (f"def gpt_judge_{n}(answer):\n{i1}from openai import OpenAI\n\n{i1}client_{n} = OpenAI()\n"
                f"{i1}return client_{n}.chat.completions.create(model=\"gpt-4o\", temperature=0.0, messages=[answer])\n")
    return Piece(text, True, decoy=True, logic=logic)


# --------------------------------------------------------------------------------------------------------
# Modules
# --------------------------------------------------------------------------------------------------------


def _preamble(ctx: Ctx, encoding: str) -> str:
    lines = []
    if encoding == "latin-1":
        lines.append("# -*- coding: latin-1 -*-\n")
    elif ctx.flip(0.1):
        lines.append("# -*- coding: utf-8 -*-\n")
    if ctx.flip(0.5):
        quote = ctx.choice(['"""', "'''"])
        model = ctx.choice(API_MODELS)
        lines.append(f"{quote}Generated module. It once used {model} with temperature=0.2.\n\n{ctx.words(ASCII_WORDS[:6], 0, 3)}\n{quote}\n")
    if ctx.flip(0.3):
        lines.append(ctx.comment(False) + "\n")
    return "".join(lines)


@st.composite
def modules(draw: Callable[[st.SearchStrategy[Any]], Any], *, runnable: bool = False, decoys_only: bool = False,
            max_sites: int = 3, max_decoys: int = 3) -> Module:
    """A module of Anthropic requests and decoys (``decoys_only``: decoys alone)."""
    encoding = "utf-8" if runnable else draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "latin-1"]))
    indent = draw(st.sampled_from(["    ", "    ", "  ", "\t"]))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    ctx = Ctx(draw, indent=indent, encoding=encoding, runnable=runnable)

    bodies: list[list[Piece]] = []
    run: list[str] = []
    if not decoys_only:
        for _ in range(draw(st.integers(1, max_sites))):
            pieces, expression = site_pieces(ctx)
            bodies.append(pieces)
            if expression is not None:
                run.append(expression)
    decoys = [[decoy(ctx)] for _ in range(draw(st.integers(1 if decoys_only else 0, max_decoys)))]
    if decoys_only and ctx.flip(0.5):
        # The file mentions anthropic (so it is parsed), without sending anything.
        ctx.need_import("import anthropic")
        decoys.append([Piece("RETRYABLE = (anthropic.RateLimitError, anthropic.APIConnectionError)\n", True, decoy=True)])
    chunks = list(draw(st.permutations(bodies + decoys)))

    pieces: list[Piece] = [Piece(_preamble(ctx, encoding), True)]
    imports = list(draw(st.permutations(ctx.imports)))
    if imports:
        pieces.append(Piece("".join(line + "\n" for line in imports) + "\n", True))
    if ctx.constants:
        pieces.extend(ctx.constants)
        pieces.append(Piece("\n", True))
    if ctx.clients:
        pieces.extend(ctx.clients)
    for chunk in chunks:
        pieces.append(Piece("\n\n", True))
        pieces.extend(chunk)
    if "".join(p.text for p in pieces).rstrip("\n").endswith("\\"):
        # libcst drops the final newline of a file whose last line is a comment ending in a backslash: the engine
        # refuses to fix such a file (EngineError, file left unchanged) and leaves it alone when there is nothing
        # to fix (test_properties.test_last_comment_ending_in_a_backslash_keeps_the_final_newline).
        pieces.append(Piece("\n", True))
    described = "decoys only" if decoys_only else ("runnable" if runnable else "")
    return Module(
        pieces=pieces,
        newline=newline,
        encoding=encoding,
        indent=indent,
        removable_comments=frozenset(ctx.removable),
        must_keep=tuple(ctx.must_keep),
        run=tuple(run) if runnable else (),
        description=described,
    )
