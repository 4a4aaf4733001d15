"""Per-model token prices used for the monthly cost report.

Prices are USD per million tokens, copied from the vendors' pricing pages in
June 2026.  This module only does arithmetic and never calls an API, so the
model IDs below are dictionary keys, not request parameters.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import NamedTuple

logger = logging.getLogger(__name__)


class Price(NamedTuple):
    """Input and output price in USD per million tokens."""

    input_per_mtok: float
    output_per_mtok: float


PRICES: dict[str, Price] = {
    "claude-opus-4-6": Price(5.00, 25.00),
    "claude-opus-4-5-20251101": Price(5.00, 25.00),
    "claude-sonnet-4-5-20250929": Price(3.00, 15.00),
    "claude-3-opus-20240229": Price(15.00, 75.00),
    "gpt-4o": Price(2.50, 10.00),
}

#: Key used when a model is missing from :data:`PRICES` (never sent to an API).
FALLBACK_PRICE_KEY = "claude-opus-4-6"
BATCH_DISCOUNT = 0.5


class UsageRecord(NamedTuple):
    """One request's token usage, as written by the request logger."""

    model: str
    input_tokens: int
    output_tokens: int
    batch: bool = False


def estimate_cost(model: str, input_tokens: int, output_tokens: int, batch: bool = False) -> float:
    """Return the USD cost of one request."""
    price = PRICES.get(model)
    if price is None:
        logger.warning("No price for %s; billing at claude-opus-4-6 rates", model)
        price = PRICES[FALLBACK_PRICE_KEY]
    cost = (input_tokens * price.input_per_mtok + output_tokens * price.output_per_mtok) / 1_000_000
    return cost * BATCH_DISCOUNT if batch else cost


def monthly_report(records: Iterable[UsageRecord]) -> dict[str, float]:
    """Sum costs per model, rounded to cents, most expensive first."""
    totals: dict[str, float] = {}
    for rec in records:
        if rec.input_tokens < 0 or rec.output_tokens < 0:
            logger.error("Skipping corrupt usage record: %r", rec)
            continue
        cost = estimate_cost(rec.model, rec.input_tokens, rec.output_tokens, rec.batch)
        totals[rec.model] = totals.get(rec.model, 0.0) + cost
    report = {model: round(total, 2) for model, total in totals.items()}
    return dict(sorted(report.items(), key=lambda item: item[1], reverse=True))
