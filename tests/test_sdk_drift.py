"""The model catalogue against the pinned ``anthropic`` SDK (the ``test`` extra): every model ID and alias in
its ``Model`` / ``ModelParam`` literals, and every entry of its deprecated-models table, must be known to the
catalogue. A new SDK release that adds a model, an alias or a deprecation fails here, with the difference
spelled out, until the catalogue (models.toml) is updated with it. ``claude-migrate models --check-sdk`` runs
the same comparison against the SDK of a user's environment.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from codemod.catalog import catalog_data, load_catalog, parse_catalog
from codemod.catalog.sdk_drift import Drift, SdkFacts, compare, read_sdk, sdk_date
from tests.conftest import SCRIPT

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pinned() -> SdkFacts:
    return read_sdk(sys.executable)


def assert_in_sync(drift: Drift) -> None:
    assert not drift.lines, "the SDK knows what the catalogue does not (update codemod/catalog/models.toml):\n" + drift.report()


def test_the_catalogue_records_the_pinned_sdk(pinned: SdkFacts) -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"anthropic=={pinned.version}"' in pyproject, "the test extra pins another anthropic than the installed one"
    assert load_catalog().sdk == pinned.version, "models.toml `sdk` must name the release the catalogue was compared with"


def test_the_catalogue_knows_every_model_alias_and_deprecation_of_the_pinned_sdk(pinned: SdkFacts) -> None:
    assert pinned.models and pinned.deprecated  # the probe read something: a silent empty read would pass
    assert_in_sync(compare(load_catalog(), pinned))


def _without(model_id: str) -> dict:
    data = copy.deepcopy(catalog_data())
    data["models"] = [m for m in data["models"] if m["id"] != model_id]
    return data


def test_a_catalogue_missing_a_model_fails_with_a_readable_diff(pinned: SdkFacts) -> None:
    catalog = parse_catalog(_without("claude-opus-5-5"))
    with pytest.raises(AssertionError) as failure:
        assert_in_sync(compare(catalog, pinned))
    message = str(failure.value)
    assert "+ claude-opus-5-5: a model ID the SDK knows and the catalogue does not" in message
    assert "upgrade claude-migrate" in message and f"anthropic {pinned.version}" in message


def test_a_missing_alias_and_a_missing_deprecation_are_named(pinned: SdkFacts) -> None:
    data = copy.deepcopy(catalog_data())
    opus_45 = next(m for m in data["models"] if m["id"] == "claude-opus-4-5-20251101")
    opus_45["aliases"] = []
    opus_45.pop("deprecated")
    opus_45["retires"] = ""
    drift = compare(parse_catalog(data), pinned)
    assert "+ claude-opus-4-5: a model ID the SDK knows and the catalogue does not" in drift.report()
    assert (
        "~ claude-opus-4-5-20251101: the SDK deprecates it (end of life January 22nd, 2027); the catalogue records no "
        "deprecation" in drift.report()
    )


def test_a_model_the_sdk_drops_is_named() -> None:
    sdk = SdkFacts("9.0.0", frozenset(load_catalog().get("claude-opus-5-5").api_ids), {})
    drift = compare(load_catalog(), sdk)
    assert any(line.startswith("- claude-sonnet-5-5: in service in the catalogue") for line in drift.dropped)
    assert drift.newer_sdk and "older than your SDK" in drift.report()


@pytest.mark.parametrize(
    ("text", "date"),
    [("January 22nd, 2027", "2027-01-22"), ("June 30th, 2026", "2026-06-30"), ("March 1st, 2027", "2027-03-01"),
     ("2027-05-03", "2027-05-03"), ("soon", None)],
)
def test_sdk_dates(text: str, date: str | None) -> None:
    assert sdk_date(text) == date


# ``claude-migrate models --check-sdk`` against a fake, newer SDK in the user's environment.
FAKE_INIT = '__version__ = "9.1.0"\n'
FAKE_MODEL_PARAM = '''from typing import Literal, Union
ModelParam = Union[Literal[{models}], str]
'''
FAKE_DEPRECATED = 'DEPRECATED_MODELS = {{"claude-sonnet-5": "March 1st, 2027", {extra}}}\n'


def _fake_sdk(root: Path) -> Path:
    package = root / "anthropic"
    (package / "types").mkdir(parents=True)
    (package / "_data").mkdir()
    (package / "__init__.py").write_text(FAKE_INIT, encoding="utf-8")
    (package / "types" / "__init__.py").write_text("", encoding="utf-8")
    (package / "_data" / "__init__.py").write_text("", encoding="utf-8")
    models = sorted({*load_catalog().get("claude-opus-5-5").api_ids, "claude-opus-6", "claude-sonnet-5"})
    (package / "types" / "model_param.py").write_text(
        FAKE_MODEL_PARAM.format(models=", ".join(json.dumps(m) for m in models)), encoding="utf-8"
    )
    (package / "_data" / "deprecated_models.py").write_text(FAKE_DEPRECATED.format(extra=""), encoding="utf-8")
    return root


def _check_sdk(tmp_path: Path, *args: str, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    command = [str(SCRIPT), "models", "--check-sdk", "--python", sys.executable, *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120, check=False)


def test_check_sdk_in_sync_with_the_pinned_sdk(tmp_path: Path) -> None:
    result = _check_sdk(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "in sync" in result.stdout


def test_check_sdk_says_the_catalogue_is_older_and_exits_one(tmp_path: Path) -> None:
    result = _check_sdk(tmp_path, pythonpath=_fake_sdk(tmp_path / "site"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "anthropic 9.1.0 against the model catalogue" in result.stdout
    assert "+ claude-opus-6: a model ID the SDK knows and the catalogue does not" in result.stdout
    assert "~ claude-sonnet-5: the SDK deprecates it (end of life March 1st, 2027)" in result.stdout
    assert "The catalogue is older than your SDK: upgrade claude-migrate" in result.stdout
    document = json.loads(_check_sdk(tmp_path, "--format", "json", pythonpath=tmp_path / "site").stdout)
    assert document["sdk"] == "9.1.0" and not document["in_sync"] and document["unknown"]


def test_check_sdk_without_an_sdk_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "site" / "anthropic").mkdir(parents=True)
    (tmp_path / "site" / "anthropic" / "__init__.py").write_text("raise ImportError('broken install')\n", encoding="utf-8")
    result = _check_sdk(tmp_path, pythonpath=tmp_path / "site")
    assert result.returncode == 2 and "cannot import anthropic" in result.stderr
