"""Fall back to OpenAI when Claude is overloaded, and mirror questions to OpenAI.

Support agents also keep an OpenAI Assistants thread per customer; every
question we answer is mirrored there so both tools show the same history.
Nothing in this module calls Claude directly: it goes through ClaudeClient.
"""

from __future__ import annotations

import logging

import anthropic
from openai import OpenAI

from .client import ClaudeClient, ClaudeError
from .pricing import estimate_cost

logger = logging.getLogger(__name__)

OVERLOADED_STATUSES = frozenset({429, 529})
FALLBACK_SYSTEM = "You are a concise support assistant."


def mirror_to_thread(openai_client: OpenAI, thread_id: str, content: str) -> None:
    """Append the customer's question to their OpenAI Assistants thread."""
    try:
        openai_client.beta.threads.messages.create(
            thread_id=thread_id,
            role="user",
            content=content,
        )
    except Exception:  # mirroring is best-effort and must never break answering
        logger.exception("Could not mirror message to thread %s", thread_id)


def _is_overloaded(exc: ClaudeError) -> bool:
    cause = exc.__cause__
    return isinstance(cause, anthropic.APIStatusError) and cause.status_code in OVERLOADED_STATUSES


def answer(
    claude: ClaudeClient,
    openai_client: OpenAI,
    question: str,
    thread_id: str | None = None,
) -> str:
    """Answer ``question`` with Claude, or with gpt-4o if Claude is overloaded."""
    if thread_id:
        mirror_to_thread(openai_client, thread_id, question)
    try:
        return claude.ask(question, system=FALLBACK_SYSTEM)
    except ClaudeError as exc:
        if not _is_overloaded(exc):
            raise
        logger.warning("Claude overloaded (%s); falling back to gpt-4o", exc.__cause__)
    completion = openai_client.chat.completions.create(
        model="gpt-4o",
        temperature=0.3,
        messages=[
            {"role": "system", "content": FALLBACK_SYSTEM},
            {"role": "user", "content": question},
        ],
    )
    usage = completion.usage
    if usage is not None:
        cost = estimate_cost("gpt-4o", usage.prompt_tokens, usage.completion_tokens)
        logger.info("Fallback answer cost $%.4f", cost)
    return completion.choices[0].message.content or ""
