"""The byte pre-filter: which files are worth parsing, decided before any decoding.

Every rule acts on an Anthropic call or a Claude model ID, so a file must mention ``anthropic`` (the
SDK's import, a framework's ``langchain_anthropic``, a Bedrock ``anthropic.claude-...`` ID), ``claude``
(any model ID), the entry point of a framework that only talks to Claude imported from a path that says
neither (``Claude``, ``ChatAnthropic``: its default model needs no ID), or call a Messages API method
(``x.messages.create(``: a request on a client made in another module of the project, which the file
need not name). A rule may also declare tokens that let a file through on their own (CM108 reads every
``budget_tokens``). Most rules also need a word of their own in the file (CM201 can only fire where
``temperature``, ``top_p`` or ``top_k`` is written), so a run limited with ``--select`` parses fewer
files. Each rule declares its tokens; the table the pre-filter reads (``prefilter_tokens.py``) is
generated from them, so that deciding costs no import of libcst or of the rules; ``tests/test_prefilter.py``
checks that it is up to date and that no fixture with a finding would be filtered out, and
``tests/property/test_prefilter_screen.py`` that no generated SDK or framework call with a finding is.

A file that passes the token test must also hold a call some rule could act on. The analysis proves a
call through the module's own imports (the SDK, a framework's entry point written under its name),
through a client or factory imported from another module of the project, or, for a receiver it cannot
prove, by a Claude model ID the call sends to ``messages.create``-like methods; so the file imports the
SDK, or a framework and names one of its entry points, or says both ``claude`` and ``.messages``, or
(naming neither SDK token) calls a Messages API method. The second test runs only on the few files that
pass the first: it keeps a generated table of Bedrock model IDs, a pricing page that names Claude models,
or a framework's own modules out of the parser (and out of the size limit's errors).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from codemod.catalog.frameworks import claude_only_entry_names, entry_names_by_root
from codemod.prefilter_tokens import ALONE_TOKENS, RULE_TOKENS

SDK_TOKENS = (b"anthropic", b"claude")
# What a file must hold to make an Anthropic call: the SDK tokens, or the name of a framework entry point
# that only talks to Claude (``from agno.models.aws import Claude``; ``Claude(temperature=0.2)`` sends
# agno's default Claude model, no model ID written).
CALL_TOKENS = SDK_TOKENS + tuple(name.encode() for name in claude_only_entry_names())
# Two scans for these stems rule most files out; only a file holding one is searched for the call tokens
# (when each token holds a stem, as ``anthropic``, ``ChatAnthropic``, ``claude`` and ``Claude`` do).
STEMS_COVER_TOKENS = all(b"nthropic" in token or b"laude" in token for token in CALL_TOKENS)


def _imports_of(package: bytes) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """``import``/``from`` followed on the same logical line (backslash continuations included) by
    ``package``: a package whose calls the analysis recognises (analysis/clients.py, the framework table
    catalog/frameworks.toml). Not anchored at the start of a line, so that ``x = 1; import anthropic`` and
    a notebook's JSON-quoted source match too: a false match only costs a parse. One expression per
    keyword: a literal start lets the regex engine skip from one ``import`` (``from``) to the next, four
    times faster than one alternation of both behind a word boundary."""
    rest = rb"\b(?:[^\n]|\\\r?\n)*?\b" + package
    return re.compile(b"import" + rest), re.compile(b"from" + rest)


ANTHROPIC_IMPORTS = _imports_of(rb"anthropic\b")
_FRAMEWORK_NAMES = {root.encode(): tuple(name.encode() for name in sorted(names)) for root, names in entry_names_by_root().items()}
FRAMEWORK_IMPORTS = _imports_of(rb"(" + b"|".join(re.escape(root) for root in _FRAMEWORK_NAMES) + rb")\b")


def imports_sdk(source: bytes) -> bool:
    """Whether ``source`` may import the SDK, or a framework and name one of its entry points.

    A framework's call is only a candidate when its function is written under an entry point's name
    (``Claude(...)``, ``from agno.models.aws import Claude as BedrockClaude``; analysis/collect.py), so a
    module of agno's own repository that imports ``agno.agent`` and names a Claude model in a string is
    nothing a rule could act on."""
    if any(pattern.search(source) is not None for pattern in ANTHROPIC_IMPORTS):
        return True
    return any(
        any(name in source for name in _FRAMEWORK_NAMES[match.group(1)])
        for pattern in FRAMEWORK_IMPORTS
        for match in pattern.finditer(source)
    )


# ``client.messages.create``, ``client.beta.messages``, ``create = client.messages.create`` (not the
# ``ssmmessages`` of an AWS policy).
MESSAGES_ATTRIBUTE = re.compile(rb"\.\s*messages\b")


# A Messages API call on a receiver the file may not name: ``claude.messages.create(`` on a client imported
# from another module of the project (``create = claude.messages.create`` too).
MESSAGES_CALL = re.compile(
    rb"\.\s*messages\s*\.\s*(?:create|stream|parse|count_tokens|batches|tool_runner|with_raw_response|with_streaming_response)\b"
)


# A module-level constant bound to a Claude model ID (``MODEL = "claude-opus-4-6"``, a Bedrock ID too): other
# modules of the project may send it (``facts/exported_models.py``).
MODEL_CONSTANT = re.compile(
    rb"^[A-Za-z_]\w*[ \t]*(?::[^=\n]*)?=[ \t]*[rRuU]?(?:\"\"\"|'''|[\"'])(?:[\w.-]*anthropic[./])?claude", re.MULTILINE
)


def may_hold_a_call(source: bytes) -> bool:
    """Whether ``source`` may hold a call the analysis would take for an Anthropic request (a Claude model ID
    vouches for a ``.messages`` or ``.completions`` call on a receiver nothing proves)."""
    return (  # the cheapest tests first
        (b"claude" in source and (MESSAGES_ATTRIBUTE.search(source) is not None or b".completions" in source))
        or MESSAGES_CALL.search(source) is not None
        or imports_sdk(source)
        or (b"claude" in source and MODEL_CONSTANT.search(source) is not None)
    )


@dataclass(frozen=True)
class Prefilter:
    """``any_of`` is None when some enabled rule needs nothing beyond the SDK tokens; ``alone``: tokens that
    let a file through by themselves (a ``budget_tokens`` anywhere, for the CM108 backstop)."""

    any_of: tuple[bytes, ...] | None
    alone: tuple[bytes, ...] = ()

    def passes(self, source: bytes) -> bool:
        for token in self.alone:
            if token in source:
                return True
        stem = b"nthropic" in source or b"laude" in source or not STEMS_COVER_TOKENS
        if stem and any(token in source for token in CALL_TOKENS):
            return self._has_rule_token(source) and may_hold_a_call(source)
        # A request on a client made in another module of the project names neither.
        return b".messages" in source and MESSAGES_CALL.search(source) is not None and self._has_rule_token(source)

    def _has_rule_token(self, source: bytes) -> bool:
        return self.any_of is None or any(token in source for token in self.any_of)

    @property
    def tokens(self) -> tuple[bytes, ...]:
        """Every token the filter looks for (for display and for grep in the benchmark)."""
        return tuple(dict.fromkeys(CALL_TOKENS + (self.any_of or ()) + self.alone))


@cache
def _for_codes(codes: frozenset[str]) -> Prefilter:
    needs = [RULE_TOKENS[code] for code in sorted(codes)]
    alone = tuple(dict.fromkeys(token for code in sorted(codes) for token in ALONE_TOKENS.get(code, ())))
    if not needs:
        return Prefilter(())  # every rule is ignored: no file is worth parsing
    if any(not tokens for tokens in needs):
        return Prefilter(None, alone)
    return Prefilter(tuple(dict.fromkeys(token for tokens in needs for token in tokens)), alone)


def prefilter_for(enabled: Callable[[str], bool]) -> Prefilter:
    """The pre-filter for the rules ``enabled`` accepts."""
    return _for_codes(frozenset(code for code in RULE_TOKENS if enabled(code)))


ALL_RULES = _for_codes(frozenset(RULE_TOKENS))  # the pre-filter with every rule enabled


def might_need_migration(source: bytes) -> bool:
    """Whether any rule at all could act on ``source``."""
    return ALL_RULES.passes(source)
