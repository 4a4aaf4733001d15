"""Research agent: builds its requests in code, the way most production code does.

Written for Opus 4.6 and anthropic 0.x. The request dict is assembled step by step, the thinking
budget depends on the task, sampling settings are added only when a caller asks for them, and a
LangChain model is used for the quick summaries.
"""

from __future__ import annotations

import logging
from typing import Any

import anthropic
from langchain_anthropic import ChatAnthropic

logger = logging.getLogger(__name__)

RESEARCH_MODEL = "claude-opus-4-6"
HARD_TOPICS = {"law", "medicine", "finance"}

summarizer = ChatAnthropic(model="claude-opus-4-6", temperature=0.3, max_tokens=1024)


class ResearchAgent:
    """Answers research questions; spends more thinking on hard topics."""

    def __init__(self) -> None:
        self.client = anthropic.Anthropic(max_retries=4)

    def _base_params(self) -> dict[str, Any]:
        return {"model": RESEARCH_MODEL, "max_tokens": 16000, "temperature": 0.5}

    def answer(self, question: str, topic: str, top_p: float | None = None) -> str:
        params = self._base_params()
        if topic in HARD_TOPICS:
            params["thinking"] = {"type": "enabled", "budget_tokens": 12000}
        else:
            params["thinking"] = {"type": "enabled", "budget_tokens": 1500}
        if top_p:
            params["top_p"] = top_p
        params.update(system="Cite your sources.")
        response = self.client.messages.create(
            **params,
            messages=[{"role": "user", "content": question}],
            extra_body={"top_k": 20},  # tuned in the March eval
        )
        logger.info("answered %s question with %s", topic, RESEARCH_MODEL)
        return "".join(block.text for block in response.content if block.type == "text")

    def summarize(self, text: str) -> str:
        return str(summarizer.invoke(f"Summarize in three bullet points:\n{text}").content)
