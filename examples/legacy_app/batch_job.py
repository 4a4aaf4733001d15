"""Nightly batch job: classify and summarise a support ticket export.

Uses the Message Batches API (half price, results within 24 hours).  Run
from cron as ``python -m legacy_app.batch_job tickets/2026-06-30.txt``.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

from anthropic import Anthropic

logger = logging.getLogger(__name__)

POLL_INTERVAL_S = 60
MAX_WAIT_S = 24 * 60 * 60
OUTPUT_PATH = Path("batch_results.jsonl")


def submit_batch(client: Anthropic, ticket_text: str) -> str:
    """Submit the classification and summary requests; return the batch id."""
    batch = client.messages.batches.create(
        requests=[
            {
                "custom_id": "ticket-classify",
                "params": {
                    "model": "claude-opus-4-6",
                    "max_tokens": 1024,
                    "temperature": 0,
                    "messages": [
                        {"role": "user", "content": f"Classify as billing, bug or other:\n{ticket_text}"},
                    ],
                },
            },
            {
                "custom_id": "ticket-summary",
                "params": {
                    "model": "claude-opus-4-6",
                    "max_tokens": 1024,
                    "temperature": 0,
                    "system": "You write two-sentence summaries for the on-call engineer.",
                    "messages": [
                        {"role": "user", "content": f"Summarise this ticket:\n{ticket_text}"},
                    ],
                },
            },
        ]
    )
    logger.info("Submitted batch %s", batch.id)
    return batch.id


def wait_for_batch(client: Anthropic, batch_id: str) -> None:
    """Poll until the batch has ended, or raise ``TimeoutError`` after 24h."""
    deadline = time.monotonic() + MAX_WAIT_S
    while True:
        batch = client.messages.batches.retrieve(batch_id)
        counts = batch.request_counts
        logger.info(
            "Batch %s is %s (%d processing, %d succeeded, %d errored)",
            batch_id, batch.processing_status, counts.processing, counts.succeeded, counts.errored,
        )
        if batch.processing_status == "ended":
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"batch {batch_id} did not finish within {MAX_WAIT_S}s")
        time.sleep(POLL_INTERVAL_S)


def collect_results(client: Anthropic, batch_id: str) -> int:
    """Write successful results to ``OUTPUT_PATH``; return how many were written."""
    written = 0
    with OUTPUT_PATH.open("w", encoding="utf-8") as fh:
        for entry in client.messages.batches.results(batch_id):
            if entry.result.type != "succeeded":
                logger.warning("Request %s did not succeed: %s", entry.custom_id, entry.result.type)
                continue
            text = entry.result.message.content[0].text
            fh.write(json.dumps({"custom_id": entry.custom_id, "text": text}) + "\n")
            written += 1
    return written


def main(argv: list[str]) -> int:
    """Entry point: ``batch_job.py TICKET_FILE``."""
    logging.basicConfig(level=logging.INFO)
    if len(argv) != 2:
        print(f"usage: {argv[0]} TICKET_FILE", file=sys.stderr)
        return 2
    client = Anthropic()
    batch_id = submit_batch(client, Path(argv[1]).read_text(encoding="utf-8"))
    wait_for_batch(client, batch_id)
    logger.info("Wrote %d results to %s", collect_results(client, batch_id), OUTPUT_PATH)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
