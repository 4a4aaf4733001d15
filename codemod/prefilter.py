"""The byte pre-filter: which files are worth parsing, decided before any decoding.

Every rule acts on an Anthropic call or a Claude model ID, so a file must mention ``anthropic`` (the
SDK's import, a framework's ``langchain_anthropic``, a Bedrock ``anthropic.claude-...`` ID) or
``claude`` (any model ID). Most rules also need a word of their own in the file (CM201 can only fire
where ``temperature``, ``top_p`` or ``top_k`` is written), so a run limited with ``--select`` parses
fewer files. The table is data, not an attribute of the rules, so that deciding costs no import of
libcst; ``tests/test_prefilter.py`` checks that it names every rule and that no fixture with a
finding would be filtered out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

SDK_TOKENS = (b"anthropic", b"claude")

# Per rule: the file must also contain one of these (empty: the SDK tokens are enough).
RULE_TOKENS: dict[str, tuple[bytes, ...]] = {
    "CM001": (),
    "CM101": (b"budget_tokens",),
    "CM102": (b"budget_tokens",),
    "CM103": (b"effort",),
    "CM104": (b"task_budget",),
    "CM105": (b"thinking",),
    "CM106": (b"effort",),
    "CM107": (b"thinking",),
    "CM201": (b"temperature", b"top_p", b"top_k"),
    "CM301": (),
    "CM302": (),
    "CM303": (),
    "CM304": (),
    "CM401": (b"output_format",),
    "CM402": (b"beta",),
    "CM403": (b"completion", b"Completion", b"HUMAN_PROMPT", b"AI_PROMPT"),
    "CM404": (b"with_raw_response",),
    "CM405": (b"MessageParam",),
    "CM406": (b"betas",),
    "CM407": (b"Bedrock",),
    "CM408": (b"stream", b"compaction_control", b"Transport", b"httpx", b"BetaBase64PDFBlockParam"),
    "CM501": (b"assistant",),
    "CM502": (b"tool_choice",),
    "CM503": (b"max_tokens",),
    "CM504": (b"max_tokens",),
    "CM505": (b"speed", b"fast-mode"),
}


@dataclass(frozen=True)
class Prefilter:
    """``any_of`` is None when some enabled rule needs nothing beyond the SDK tokens."""

    any_of: tuple[bytes, ...] | None

    def passes(self, source: bytes) -> bool:
        if b"anthropic" not in source and b"claude" not in source:  # SDK_TOKENS, unrolled: runs per file
            return False
        return self.any_of is None or any(token in source for token in self.any_of)

    @property
    def tokens(self) -> tuple[bytes, ...]:
        """Every token the filter looks for (for display and for grep in the benchmark)."""
        return SDK_TOKENS + (self.any_of or ())


@lru_cache(maxsize=None)
def _for_codes(codes: frozenset[str]) -> Prefilter:
    needs = [RULE_TOKENS[code] for code in sorted(codes)]
    if not needs:
        return Prefilter(())  # every rule is ignored: no file is worth parsing
    if any(not tokens for tokens in needs):
        return Prefilter(None)
    return Prefilter(tuple(dict.fromkeys(token for tokens in needs for token in tokens)))


def prefilter_for(enabled: Callable[[str], bool]) -> Prefilter:
    """The pre-filter for the rules ``enabled`` accepts."""
    return _for_codes(frozenset(code for code in RULE_TOKENS if enabled(code)))


SDK_ONLY = Prefilter(None)


def might_need_migration(source: bytes) -> bool:
    """Whether any rule at all could act on ``source``."""
    return SDK_ONLY.passes(source)
