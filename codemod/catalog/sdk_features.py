"""The SDK releases the migrated code needs (``sdk_features.toml``) and the floor a set of used features sets.

No libcst here: CM601 reads dependency files with this alone.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True)
class Feature:
    id: str
    kind: str  # method | keyword | fix
    since: str  # the first anthropic release from which on every release has it
    what: str
    methods: tuple[str, ...] = ()
    keyword: str = ""
    rule: str = ""


@dataclass(frozen=True)
class Floor:
    """The lowest SDK release the code needs, and the feature (and a file using it) that sets it."""

    version: str
    feature: Feature
    where: str  # a file that uses it

    def because(self) -> str:
        return f"anthropic>={self.version} for {self.feature.what}, used in {self.where}"


@lru_cache(maxsize=1)
def features() -> dict[str, Feature]:
    text = resources.files(__package__).joinpath("sdk_features.toml").read_text(encoding="utf-8")
    found = {}
    for raw in tomllib.loads(text)["features"]:
        found[raw["id"]] = Feature(
            raw["id"], raw["kind"], raw["since"], raw["what"], tuple(raw.get("methods", ())), raw.get("keyword", ""),
            raw.get("rule", ""),
        )
    return found


def version_key(text: str) -> tuple[int, ...]:
    parts = []
    for part in text.split("."):
        digits = "".join(ch for ch in part if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def floor_of(uses: dict[str, str]) -> Floor | None:
    """The floor that ``uses`` (feature id -> a file using it) set, or None when nothing is used."""
    known = features()
    chosen = [(version_key(known[fid].since), known[fid], where) for fid, where in sorted(uses.items()) if fid in known]
    if not chosen:
        return None
    _, feature, where = max(chosen, key=lambda item: item[0])
    return Floor(feature.since, feature, where)
