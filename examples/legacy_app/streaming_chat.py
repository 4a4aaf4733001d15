"""Interactive terminal chat with streamed replies.

Type a message and press Enter.  Commands: ``/title`` suggests a title for
the conversation, ``/deep QUESTION`` asks for a more careful one-off answer,
``/quit`` exits.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from anthropic import Anthropic as Claude
from anthropic import APIError

logger = logging.getLogger(__name__)

SYSTEM_PROMPT = "You are a friendly assistant for the Acme developer portal. Keep answers short."

History = list[dict[str, Any]]


def stream_reply(client: Claude, history: History) -> str:
    """Stream one assistant turn to stdout and return its text."""
    with client.messages.stream(
        model="claude-opus-4-5-20251101",
        max_tokens=4096,
        thinking={"type": "enabled", "budget_tokens": 3000},
        system=SYSTEM_PROMPT,
        messages=history,
    ) as stream:
        for text in stream.text_stream:
            print(text, end="", flush=True)
        final = stream.get_final_message()
    print()
    return "".join(block.text for block in final.content if block.type == "text")


def suggest_title(client: Claude, history: History) -> str:
    """Ask for a short, catchy title summarising the conversation so far."""
    transcript = "\n".join(f"{turn['role']}: {turn['content']}" for turn in history)
    response = client.messages.create(
        model="claude-opus-4-5-20251101",
        max_tokens=64,
        temperature=0.7,  # creative replies
        messages=[{"role": "user", "content": f"Suggest a title for this chat:\n{transcript}"}],
    )
    return response.content[0].text.strip()


def deep_answer(client: Claude, question: str) -> str:
    """One-off careful answer using adaptive thinking at high effort."""
    response = client.messages.create(
        model="claude-opus-4-6",
        max_tokens=8192,
        thinking={"type": "adaptive", "effort": "high"},
        messages=[{"role": "user", "content": question}],
    )
    return "".join(block.text for block in response.content if block.type == "text")


def main() -> int:
    """Run the read-eval-print loop until EOF or ``/quit``."""
    logging.basicConfig(level=logging.WARNING)
    client = Claude()
    history: History = []
    while True:
        try:
            line = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not line:
            continue
        if line == "/quit":
            return 0
        try:
            if line == "/title":
                print(f"title: {suggest_title(client, history)}")
                continue
            if line.startswith("/deep "):
                print(deep_answer(client, line.removeprefix("/deep ")))
                continue
            history.append({"role": "user", "content": line})
            print("claude> ", end="")
            history.append({"role": "assistant", "content": stream_reply(client, history)})
        except APIError as exc:
            logger.error("Claude request failed: %s", exc)
            if history and history[-1]["role"] == "user":
                history.pop()  # let the user retry the same turn


if __name__ == "__main__":
    sys.exit(main())
