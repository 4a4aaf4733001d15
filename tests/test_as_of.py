"""Statuses by date: the catalogue keeps dates, the tool resolves them for today or for ``--as-of``.

Sonnet 4.5 was deprecated (SDK 1.11.0, 2026-09-30) and retired on 2026-11-30 (SDK 2.15.0 removed it): on a
day before its retirement it is CM303 (an unsafe move, "retires on"), from that day on CM302 (a safe move,
"retired on"). The day reaches the workers and the cache key.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codemod.catalog import load_catalog
from codemod.config import ConfigError, load_settings
from tests.conftest import Cli

SONNET_45 = '''import anthropic

client = anthropic.Anthropic()


def summarise(text: str) -> str:
    response = client.messages.create(
        model="claude-sonnet-4-5-20250929",
        max_tokens=8192,
        messages=[{"role": "user", "content": f"Summarise: {text}"}],
    )
    return response.content[0].text
'''


def _check(cli: Cli, *args: str) -> dict:
    result = cli("check", "--format", "json", *args)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def _codes(document: dict) -> list[tuple[str, str]]:
    return [(f["code"], f["message"]) for entry in document["files"] for f in entry["findings"]]


@pytest.mark.parametrize(
    ("day", "status"),
    [("2026-09-29", "legacy"), ("2026-11-01", "deprecated"), ("2026-11-29", "deprecated"), ("2026-11-30", "retired"),
     ("2026-12-03", "retired")],
)
def test_sonnet_4_5_status_by_day(day: str, status: str) -> None:
    model = load_catalog(day).get("claude-sonnet-4-5")
    assert model is not None and model.status == status


def test_statuses_and_tense_follow_the_day() -> None:
    before, after = load_catalog("2026-11-01"), load_catalog("2027-01-22")
    assert before.get("claude-opus-4-5").lifecycle() == "legacy"  # deprecated on 2026-11-23 (SDK 2.13.0)
    assert load_catalog("2026-12-03").get("claude-opus-4-5").lifecycle() == "deprecated, retires on 2027-01-22"
    assert after.get("claude-opus-4-5").lifecycle() == "retired on 2027-01-22"
    assert before.get("claude-sonnet-4-5").lifecycle() == "deprecated, retires on 2026-11-30"
    # A retired model answers nothing: its capabilities are gone on that day, kept in the record.
    assert after.get("claude-opus-4-5").capabilities.max_output_tokens == 0
    assert after.recorded("claude-opus-4-5").capabilities.max_output_tokens == 64000
    # Fast mode by date: Opus 4.8's research preview (beta header) until 2026-11-30, removed from that day.
    assert before.get("claude-opus-4-8").capabilities.fast_mode == "beta"
    assert load_catalog("2026-11-30").get("claude-opus-4-8").capabilities.fast_mode == "removed"
    assert "claude-sonnet-4-5-20250929" in before.targets() and "claude-sonnet-4-5-20250929" not in after.targets()


def test_check_reports_sonnet_4_5_as_retired_today_and_deprecated_before(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(SONNET_45, encoding="utf-8")
    today = _check(cli)
    assert [code for code, _ in _codes(today)] == ["CM302"]
    assert "retired on 2026-11-30" in _codes(today)[0][1] and 'use "claude-sonnet-5-5"' in _codes(today)[0][1]
    assert today["as_of"] == load_catalog().as_of
    earlier = _check(cli, "--as-of", "2026-11-01")
    assert [code for code, _ in _codes(earlier)] == ["CM303"]
    assert "is deprecated and retires on 2026-11-30" in _codes(earlier)[0][1]
    assert earlier["as_of"] == "2026-11-01"
    # Today the move is safe: apply makes it; on 2026-11-01 it needs --unsafe-fixes.
    assert cli("apply", "--as-of", "2026-11-01").returncode == 1
    assert "claude-sonnet-4-5-20250929" in (tmp_path / "app.py").read_text(encoding="utf-8")
    assert cli("apply").returncode == 0
    assert '"claude-sonnet-5-5"' in (tmp_path / "app.py").read_text(encoding="utf-8")


def test_as_of_in_pyproject_and_the_flag_wins(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.claude-migrate]\nas-of = "2026-11-01"\n', encoding="utf-8")
    (tmp_path / "app.py").write_text(SONNET_45, encoding="utf-8")
    assert [code for code, _ in _codes(_check(cli))] == ["CM303"]
    assert [code for code, _ in _codes(_check(cli, "--as-of", "2026-12-01"))] == ["CM302"]


def test_text_output_names_the_day_only_when_pinned(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(SONNET_45, encoding="utf-8")
    assert "as of 2026-11-01" in cli("check", "--as-of", "2026-11-01").stdout
    assert "as of" not in cli("check").stdout


@pytest.mark.parametrize(
    ("value", "message"),
    [("2026-13-01", "is not a date"), ("01/11/2026", "is not a date"), ("2025-01-01", "the first day the model catalogue describes")],
)
def test_bad_as_of_is_a_usage_error(cli: Cli, tmp_path: Path, value: str, message: str) -> None:
    (tmp_path / "app.py").write_text(SONNET_45, encoding="utf-8")
    result = cli("check", "--as-of", value)
    assert result.returncode == 2 and message in result.stderr


def test_a_target_retired_on_the_day_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(SONNET_45, encoding="utf-8")
    # On 2026-11-01 Sonnet 4.5 is deprecated but answers: a valid target, and the code already sends it.
    assert cli("check", "--target", "claude-sonnet-4-5", "--as-of", "2026-11-01").returncode == 0
    result = cli("check", "--target", "claude-sonnet-4-5")
    assert result.returncode == 2 and "retired on 2026-11-30" in result.stderr


def test_the_day_reaches_the_workers(cli: Cli, tmp_path: Path) -> None:
    # Above the pool threshold (32 files), workers analyse the files: each must resolve statuses for the
    # pinned day, not for its own "today".
    for index in range(40):
        (tmp_path / f"app_{index}.py").write_text(SONNET_45 + "#" * index, encoding="utf-8")
    document = _check(cli, "--as-of", "2026-11-01", "--jobs", "4", "--no-cache")
    assert [code for code, _ in _codes(document)] == ["CM303"] * 40


def test_a_cached_verdict_from_another_day_is_not_reused(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(SONNET_45, encoding="utf-8")
    assert [code for code, _ in _codes(_check(cli, "--as-of", "2026-11-01"))] == ["CM303"]
    later = _check(cli, "--as-of", "2026-11-30")
    assert later["summary"]["cached"] == 0 and [code for code, _ in _codes(later)] == ["CM302"]
    again = _check(cli, "--as-of", "2026-11-01")
    assert again["summary"]["cached"] == 1 and [code for code, _ in _codes(again)] == ["CM303"]


def test_settings_carry_a_concrete_day(tmp_path: Path) -> None:
    settings = load_settings([tmp_path], {})
    assert settings.as_of == load_catalog().as_of  # today, as a value the workers and the cache key share
    assert load_settings([tmp_path], {"as_of": "2026-11-01"}).as_of == "2026-11-01"
    with pytest.raises(ConfigError):
        load_settings([tmp_path], {"as_of": "yesterday"})
