"""Thin wrapper around the Anthropic SDK used by the support-desk services.

Every service in this package talks to Claude through :class:`ClaudeClient`
so that retries, logging and model selection live in one place.  Written
against ``anthropic`` 0.x and tuned for Claude Opus 4.6.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import anthropic

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "claude-opus-4-6"

Message = dict[str, Any]


class ClaudeError(RuntimeError):
    """Raised when the Claude API returns an error we cannot recover from."""


class ClaudeClient:
    """Synchronous convenience wrapper around ``anthropic.Anthropic``."""

    def __init__(self, api_key: str | None = None, timeout: float = 120.0) -> None:
        self.client = anthropic.Anthropic(
            api_key=api_key or os.environ.get("ANTHROPIC_API_KEY"),
            timeout=timeout,
            max_retries=3,
        )

    @staticmethod
    def _text(response: Any) -> str:
        """Concatenate the text blocks of a response, skipping thinking blocks."""
        return "".join(block.text for block in response.content if block.type == "text")

    def ask(self, prompt: str, system: str = "You are a concise support assistant.") -> str:
        """Answer a single question with low-temperature, repeatable output."""
        try:
            response = self.client.messages.create(
                model="claude-opus-4-6",
                max_tokens=2048,
                temperature=0.2,
                system=system,
                messages=[{"role": "user", "content": prompt}],
            )
        except anthropic.APIStatusError as exc:
            logger.error("ask() failed with HTTP %s: %s", exc.status_code, exc.message)
            raise ClaudeError(str(exc)) from exc
        return response.content[0].text

    def think(self, problem: str) -> str:
        """Solve a hard problem with extended thinking (8k thinking tokens)."""
        response = self.client.messages.create(
            model="claude-opus-4-6",
            max_tokens=16000,
            thinking={"type": "enabled", "budget_tokens": 8000},
            messages=[{"role": "user", "content": problem}],
        )
        logger.debug("think() used %d output tokens", response.usage.output_tokens)
        return self._text(response)

    def deliberate(self, problem: str, budget: int = 4096) -> str:
        """Like :meth:`think`, but the caller chooses the thinking budget."""
        if budget < 1024:
            raise ValueError("budget must be at least 1024 tokens")
        response = self.client.messages.create(
            model="claude-opus-4-6",
            max_tokens=budget + 4096,
            thinking={"type": "enabled", "budget_tokens": budget},
            messages=[{"role": "user", "content": problem}],
        )
        return self._text(response)

    def brainstorm(self, topic: str, n: int = 5) -> list[str]:
        """Generate ``n`` varied ideas using nucleus and top-k sampling."""
        response = self.client.messages.create(
            model="claude-opus-4-6",
            max_tokens=1024,
            top_p=0.9,
            top_k=40,
            messages=[{"role": "user", "content": f"List {n} ideas about {topic}, one per line."}],
        )
        lines = [line.strip("-* ").strip() for line in self._text(response).splitlines()]
        return [line for line in lines if line][:n]

    def count(self, messages: list[Message]) -> int:
        """Return the input-token count for ``messages`` without generating."""
        try:
            result = self.client.messages.count_tokens(model=DEFAULT_MODEL, messages=messages)
        except anthropic.APIConnectionError:
            logger.warning("count_tokens unavailable; estimating from characters")
            return sum(len(str(m.get("content", ""))) for m in messages) // 4
        return result.input_tokens
