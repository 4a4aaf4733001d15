"""The byte pre-filter: which files are worth parsing, decided before any decoding.

Every rule acts on an Anthropic call or a Claude model ID, so a file must mention ``anthropic`` (the
SDK's import, a framework's ``langchain_anthropic``, a Bedrock ``anthropic.claude-...`` ID) or
``claude`` (any model ID). Most rules also need a word of their own in the file (CM201 can only fire
where ``temperature``, ``top_p`` or ``top_k`` is written), so a run limited with ``--select`` parses
fewer files. Each rule declares its tokens; the table the pre-filter reads
(``prefilter_tokens.py``) is generated from them, so that deciding costs no import of libcst or of the
rules; ``tests/test_prefilter.py`` checks that it is up to date and that no fixture with a finding
would be filtered out.

A file that passes the token test must also hold a call some rule could act on. The analysis proves
a call through the module's own imports (the SDK, LangChain, LiteLLM), or, for a receiver it cannot
prove, by a Claude model ID the call sends to ``messages.create``-like methods; so the file imports
one of those packages, or says both ``claude`` and ``.messages``. This second test runs only on the
few files that pass the first: it keeps a generated table of Bedrock model IDs or a pricing page
that names Claude models out of the parser (and out of the size limit's errors).

One exception: while CM002 (unused-suppression) is enabled, a file with a ``# claude-migrate:`` comment
is parsed whatever else it holds, since a suppression left in a file that no longer calls Claude is
exactly what CM002 reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from codemod.prefilter_tokens import RULE_TOKENS

SDK_TOKENS = (b"anthropic", b"claude")
SUPPRESSION_MARKER = b"claude-migrate:"  # suppression.MARKER (that module imports libcst)
UNUSED_SUPPRESSION = "CM002"

# ``import``/``from`` followed on the same logical line (backslash continuations included) by a package
# whose calls the analysis recognises (analysis/clients.py, analysis/frameworks.py). Not anchored at
# the start of a line, so that ``x = 1; import anthropic`` and a notebook's JSON-quoted source match
# too: a false match only costs a parse.
SDK_IMPORT = re.compile(rb"\b(?:import|from)\b(?:[^\n]|\\\r?\n)*?\b(?:anthropic|langchain\w*|litellm)\b")


def imports_sdk(source: bytes) -> bool:
    """Whether ``source`` may import a package whose calls some rule acts on."""
    return SDK_IMPORT.search(source) is not None


# ``client.messages.create``, ``client.beta.messages``, ``create = client.messages.create`` (not the
# ``ssmmessages`` of an AWS policy).
MESSAGES_ATTRIBUTE = re.compile(rb"\.\s*messages\b")


def may_hold_a_call(source: bytes) -> bool:
    """Whether ``source`` may hold a call the analysis would take for an Anthropic request."""
    return (b"claude" in source and MESSAGES_ATTRIBUTE.search(source) is not None) or imports_sdk(source)

@dataclass(frozen=True)
class Prefilter:
    """``any_of`` is None when some enabled rule needs nothing beyond the SDK tokens."""

    any_of: tuple[bytes, ...] | None
    suppressions: bool = False  # CM002 is enabled: a file with a suppression comment is worth parsing

    def passes(self, source: bytes) -> bool:
        if self.suppressions and SUPPRESSION_MARKER in source:
            return True
        if b"anthropic" not in source and b"claude" not in source:  # SDK_TOKENS, unrolled: runs per file
            return False
        if self.any_of is not None and not any(token in source for token in self.any_of):
            return False
        return may_hold_a_call(source)

    @property
    def tokens(self) -> tuple[bytes, ...]:
        """Every token the filter looks for (for display and for grep in the benchmark)."""
        return SDK_TOKENS + (self.any_of or ())


@cache
def _for_codes(codes: frozenset[str]) -> Prefilter:
    suppressions = UNUSED_SUPPRESSION in codes
    needs = [RULE_TOKENS[code] for code in sorted(codes - {UNUSED_SUPPRESSION})]
    if not needs:
        return Prefilter((), suppressions)  # no rule but CM002: only files with a suppression are worth parsing
    if any(not tokens for tokens in needs):
        return Prefilter(None, suppressions)
    return Prefilter(tuple(dict.fromkeys(token for tokens in needs for token in tokens)), suppressions)


def prefilter_for(enabled: Callable[[str], bool]) -> Prefilter:
    """The pre-filter for the rules ``enabled`` accepts."""
    return _for_codes(frozenset(code for code in RULE_TOKENS if enabled(code)))


SDK_ONLY = Prefilter(None)


def might_need_migration(source: bytes) -> bool:
    """Whether any rule at all could act on ``source``."""
    return SDK_ONLY.passes(source)
