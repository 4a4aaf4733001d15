"""Where a retired or deprecated model goes: one rule (codemod/catalog/replacements.py), configurable per
family in [tool.claude-migrate.replacements], shown by `claude-migrate models`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codemod.catalog import load_catalog
from codemod.catalog.replacements import destination, replacement
from codemod.config import ConfigError, load_settings
from tests.conftest import Cli

TODAY = "2026-12-03"


def _where(model_id: str, target: str = "claude-opus-4-8", day: str = TODAY, **configured: str) -> tuple[str, tuple[str, ...]] | None:
    catalog = load_catalog(day)
    found = replacement(catalog.get(model_id), catalog, catalog.get(target), tuple(configured.items()))
    return (found.model.id, found.chain) if found is not None else None


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        # every retired Sonnet lands on the same model, whenever its notice was written
        ("claude-3-5-sonnet-20241022", ("claude-sonnet-5-5", ("claude-sonnet-4-6", "claude-sonnet-5-5"))),
        ("claude-sonnet-4-20250514", ("claude-sonnet-5-5", ("claude-sonnet-4-6", "claude-sonnet-5-5"))),
        ("claude-sonnet-4-5-20250929", ("claude-sonnet-5-5", ("claude-sonnet-5-5",))),
        ("claude-3-haiku-20240307", ("claude-haiku-5-5", ("claude-haiku-4-5-20251001", "claude-haiku-5-5"))),
        # the target's family goes to the target
        ("claude-3-opus-20240229", ("claude-opus-4-8", ("claude-opus-4-8",))),
        ("claude-2.1", ("claude-opus-4-8", ("claude-opus-4-8",))),
        ("claude-instant-1.2", ("claude-haiku-5-5", ("claude-haiku-4-5-20251001", "claude-haiku-5-5"))),
    ],
)
def test_the_chain_ends_at_a_model_in_service(model: str, expected: tuple[str, tuple[str, ...]]) -> None:
    assert _where(model) == expected


def test_a_chain_entering_the_targets_family_stops_at_the_target() -> None:
    assert _where("claude-2.1", target="claude-opus-5-5") == ("claude-opus-5-5", ("claude-opus-4-8", "claude-opus-5-5"))
    assert _where("claude-3-opus-20240229", target="claude-sonnet-5-5") == ("claude-opus-5-5", ("claude-opus-4-8", "claude-opus-5-5"))


def test_a_configured_family_replacement_wins_over_the_chain() -> None:
    assert _where("claude-3-5-sonnet-20241022", sonnet="claude-sonnet-4-6") == ("claude-sonnet-4-6", ("claude-sonnet-4-6",))
    assert _where("claude-2.1", target="claude-sonnet-5-5", opus="claude-opus-4-8") == ("claude-opus-4-8", ("claude-opus-4-8",))


def test_working_models_do_not_move_because_they_have_a_successor() -> None:
    catalog = load_catalog(TODAY)
    target = catalog.get("claude-opus-4-8")
    for model_id in ("claude-sonnet-4-6", "claude-haiku-4-5", "claude-sonnet-5", "claude-opus-5"):
        assert destination(catalog.get(model_id), catalog, target) is None, model_id
    assert destination(catalog.get("claude-opus-4-6"), catalog, target)[0] == "superseded"


def test_deprecated_becomes_retired_on_its_date() -> None:
    before, after = load_catalog("2027-01-21"), load_catalog("2027-01-22")
    sonnet = before.get("claude-sonnet-5-5")
    assert destination(before.get("claude-opus-4-5"), before, sonnet)[0] == "deprecated"
    assert destination(after.get("claude-opus-4-5"), after, after.get("claude-sonnet-5-5"))[0] == "retired"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('sonnet = "claude-sonnet-4-5"', "retired on 2026-11-30"),
        ('gemini = "claude-sonnet-5-5"', "unknown model family 'gemini'"),
        ('sonnet = "claude-sonnet-9"', "unknown model 'claude-sonnet-9'"),
        ('opus = "claude-opus-5-5"', "conflicts with the target claude-opus-4-8"),
    ],
)
def test_bad_replacements_are_configuration_errors(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f'[tool.claude-migrate]\nas-of = "{TODAY}"\n\n[tool.claude-migrate.replacements]\n{table}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings([tmp_path], {})


def test_models_shows_the_chain_with_the_configured_replacements(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.claude-migrate.replacements]\nhaiku = "claude-haiku-4-5"\n', encoding="utf-8")
    models = {m["id"]: m for m in json.loads(cli("models", "--all", "--format", "json", "--as-of", TODAY).stdout)}
    assert models["claude-3-5-sonnet-20241022"]["moves_to"] == {
        "kind": "retired", "model": "claude-sonnet-5-5", "chain": ["claude-sonnet-4-6", "claude-sonnet-5-5"], "reason": "chain",
    }
    assert models["claude-3-haiku-20240307"]["moves_to"]["model"] == "claude-haiku-4-5-20251001"
    assert models["claude-sonnet-4-6"]["moves_to"] is None and models["claude-opus-4-8"]["as_of"] == TODAY
    text = cli("models", "--all", "--as-of", TODAY).stdout
    assert "claude-sonnet-4-6 -> claude-sonnet-5-5" in text and "retired on 2025-10-28" in text
