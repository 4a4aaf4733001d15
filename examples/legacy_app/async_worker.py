"""Asyncio worker pool that drains a queue of document-processing jobs.

A ``summary`` job is short and cheap.  An ``analysis`` job uses extended
thinking with a large output budget, so it is streamed to stay clear of the
SDK's ten-minute limit on non-streaming requests.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Literal

from anthropic import APIStatusError, AsyncAnthropic

logger = logging.getLogger(__name__)


@dataclass
class Job:
    """One unit of work; ``result`` or ``error`` is filled in by the pool."""

    job_id: str
    kind: Literal["summary", "analysis"]
    document: str
    result: str | None = None
    error: str | None = None


class WorkerPool:
    """Process :class:`Job` objects with ``concurrency`` parallel workers."""

    def __init__(self, concurrency: int = 4, api_key: str | None = None) -> None:
        self._client: AsyncAnthropic = AsyncAnthropic(api_key=api_key, max_retries=5)
        self._queue: asyncio.Queue[Job] = asyncio.Queue()
        self._concurrency = concurrency
        self.done: list[Job] = []

    async def _summarize(self, job: Job) -> str:
        response = await self._client.messages.create(
            model="claude-3-opus-20240229",
            max_tokens=512,
            system="Summarise documents for busy executives in five bullet points.",
            messages=[{"role": "user", "content": job.document}],
        )
        return response.content[0].text

    async def _analyze(self, job: Job) -> str:
        stream = await self._client.messages.create(
            model="claude-sonnet-4-5-20250929",
            max_tokens=32000,
            thinking={"type": "enabled", "budget_tokens": 24000},
            stream=True,
            messages=[{"role": "user", "content": f"Analyse this document in depth:\n{job.document}"}],
        )
        parts: list[str] = []
        async for event in stream:
            if event.type == "content_block_delta" and event.delta.type == "text_delta":
                parts.append(event.delta.text)
        return "".join(parts)

    async def _worker(self, name: str) -> None:
        while True:
            job = await self._queue.get()
            try:
                handler = self._summarize if job.kind == "summary" else self._analyze
                job.result = await handler(job)
                logger.info("%s finished %s (%s)", name, job.job_id, job.kind)
            except APIStatusError as exc:
                job.error = f"HTTP {exc.status_code}: {exc.message}"
                logger.warning("%s failed %s: %s", name, job.job_id, job.error)
            finally:
                self.done.append(job)
                self._queue.task_done()

    async def run(self, jobs: list[Job]) -> list[Job]:
        """Process every job and return them in completion order."""
        for job in jobs:
            self._queue.put_nowait(job)
        workers = [asyncio.create_task(self._worker(f"worker-{i}")) for i in range(self._concurrency)]
        try:
            await self._queue.join()
        finally:
            for task in workers:
                task.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
        return self.done


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    demo = [Job("j1", "summary", "Q2 revenue grew 12%..."), Job("j2", "analysis", "Incident report...")]
    for finished in asyncio.run(WorkerPool(concurrency=2).run(demo)):
        print(finished.job_id, finished.error or (finished.result or "")[:80])
