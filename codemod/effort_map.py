"""The heuristic that turns a ``budget_tokens`` value into an effort level.

The docs say there is no exact mapping (api-facts.md §4); this default comes from a widely read
migration guide and can be replaced with ``effort-map`` in ``[tool.claude-migrate]``.
"""

from __future__ import annotations

from dataclasses import dataclass

from codemod.catalog import EFFORT_ORDER

# Each level applies from its minimum budget upward: N < 2000 low; 2000 <= N < 5000 medium;
# 5000 <= N < 12000 high; 12000 <= N <= 20000 xhigh; N > 20000 max.
DEFAULT_THRESHOLDS: dict[str, int] = {"low": 0, "medium": 2000, "high": 5000, "xhigh": 12000, "max": 20001}


@dataclass(frozen=True)
class EffortMap:
    thresholds: tuple[tuple[str, int], ...]  # (level, minimum budget), ascending

    @classmethod
    def from_mapping(cls, mapping: dict[str, int]) -> EffortMap:
        unknown = set(mapping) - set(EFFORT_ORDER)
        if unknown:
            raise ValueError(f"unknown effort level(s) {sorted(unknown)}; use {', '.join(EFFORT_ORDER)}")
        for level, minimum in mapping.items():
            if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0:
                raise ValueError(f"effort-map.{level} must be a non-negative integer budget")
        return cls(tuple(sorted(mapping.items(), key=lambda item: (item[1], EFFORT_ORDER.index(item[0])))))

    def level_for(self, budget: int) -> str:
        chosen = self.thresholds[0][0]
        for level, minimum in self.thresholds:
            if budget >= minimum:
                chosen = level
        return chosen

    def range_for(self, level: str) -> str:
        """``"5000-11999"`` style description of the budgets that map to ``level``."""
        for index, (name, minimum) in enumerate(self.thresholds):
            if name == level:
                if index + 1 < len(self.thresholds):
                    return f"{minimum}-{self.thresholds[index + 1][1] - 1}"
                return f">= {minimum}"
        return "?"

    def describe(self) -> str:
        return ", ".join(f"{level} {self.range_for(level)}" for level, _ in self.thresholds)


DEFAULT_EFFORT_MAP = EffortMap.from_mapping(DEFAULT_THRESHOLDS)
