"""The catalogue against an installed ``anthropic`` SDK: models, aliases and deprecations the SDK knows and
the catalogue does not (``tests/test_sdk_drift.py`` for the pinned SDK, ``claude-migrate models --check-sdk``
for the user's).

The SDK is read in a separate interpreter (the user's project environment may not be the one this tool
runs in, under pipx say): its ``Model`` / ``ModelParam`` literals (``anthropic.types.model``,
``anthropic.types.model_param``) and its deprecated-models table (``anthropic/_data/deprecated_models.py``
from 2.13 on, ``anthropic.resources.messages.messages.DEPRECATED_MODELS`` before). No libcst here.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field

from codemod.catalog import Catalog

# Run with ``python -c``: prints what the installed SDK knows, as JSON. Self-contained (no claude-migrate).
PROBE = r"""
import json, typing
import anthropic

def literals(annotation, found):
    for arg in typing.get_args(annotation):
        if isinstance(arg, str):
            found.add(arg)
        else:
            literals(arg, found)
    return found

models = set()
for module, name in (("anthropic.types.model_param", "ModelParam"), ("anthropic.types.model", "Model")):
    try:
        literals(getattr(__import__(module, fromlist=[name]), name), models)
    except (ImportError, AttributeError):
        pass
deprecated = {}
for module in ("anthropic._data.deprecated_models", "anthropic.resources.messages.messages", "anthropic.resources.messages"):
    try:
        deprecated = dict(getattr(__import__(module, fromlist=["DEPRECATED_MODELS"]), "DEPRECATED_MODELS"))
        break
    except (ImportError, AttributeError):
        continue
print(json.dumps({"version": anthropic.__version__, "models": sorted(models), "deprecated": deprecated}))
"""


class SdkUnavailable(Exception):
    """No SDK could be read (no interpreter, no ``anthropic`` package)."""


@dataclass(frozen=True)
class SdkFacts:
    version: str
    models: frozenset[str]
    deprecated: dict[str, str] = field(default_factory=dict)  # model ID -> end of life, as the SDK writes it


def default_python() -> str:
    """The interpreter of the active virtual environment, else the one running this tool."""
    venv = os.environ.get("VIRTUAL_ENV")
    if venv:
        candidate = os.path.join(venv, "Scripts", "python.exe") if os.name == "nt" else os.path.join(venv, "bin", "python")
        if os.path.exists(candidate):
            return candidate
    return sys.executable


def read_sdk(python: str | None = None) -> SdkFacts:
    """What the ``anthropic`` package importable by ``python`` knows."""
    interpreter = python or default_python()
    try:
        done = subprocess.run([interpreter, "-c", PROBE], capture_output=True, text=True, timeout=120, check=False)
    except OSError as error:
        raise SdkUnavailable(f"cannot run {interpreter}: {error.strerror or error}") from error
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise SdkUnavailable(f"{interpreter} cannot import anthropic: {last}")
    data = json.loads(done.stdout)
    return SdkFacts(str(data["version"]), frozenset(data["models"]), dict(data["deprecated"]))


def sdk_date(text: str) -> str | None:
    """``"January 22nd, 2027"`` -> ``"2027-01-22"`` (None if the SDK wrote something else)."""
    cleaned = re.sub(r"(\d+)(st|nd|rd|th)\b", r"\1", text.strip())
    for layout in ("%B %d, %Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(cleaned, layout).date().isoformat()
        except ValueError:
            continue
    return None


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


@dataclass
class Drift:
    """What the SDK knows that the catalogue does not, one readable line per difference."""

    sdk: str
    catalogue_sdk: str
    unknown: list[str] = field(default_factory=list)  # model IDs and aliases
    deprecations: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # in service in the catalogue, gone from the SDK
    accepted: list[str] = field(default_factory=list)  # known, documented differences (not failures)

    @property
    def newer_sdk(self) -> bool:
        return _version(self.sdk) > _version(self.catalogue_sdk)

    @property
    def lines(self) -> list[str]:
        return [*self.unknown, *self.deprecations, *self.dropped]

    def report(self) -> str:
        head = f"anthropic {self.sdk} against the model catalogue (last checked against anthropic {self.catalogue_sdk})"
        if not self.lines:
            body = ["  in sync: the SDK knows no model, alias or deprecation the catalogue lacks"]
        else:
            body = [f"  {line}" for line in self.lines]
            older = "older than your SDK" if self.newer_sdk else "behind this SDK"
            body.append(f"The catalogue is {older}: upgrade claude-migrate (its catalogue is data, updated with each release).")
        body += [f"  (known) {line}" for line in self.accepted]
        return "\n".join([head + ":", *body])


def _looks_like(model_id: str, catalog: Catalog) -> str:
    base = re.sub(r"-\d{8}$|-latest$", "", model_id)
    known = catalog.get(base) if base != model_id else None
    return f" (looks like a dated ID or alias of {known.id})" if known is not None else ""


def compare(catalog: Catalog, sdk: SdkFacts) -> Drift:
    """The differences between ``catalog`` (as it is on its day) and ``sdk``.

    Entries of models.toml ``[sdk_differences]`` (model ID -> why the SDK's deprecation entry is known to
    differ) are listed but do not count.
    """
    differences = catalog.sdk_differences
    drift = Drift(sdk.version, catalog.sdk)
    for model_id in sorted(sdk.models):
        if catalog.get(model_id) is None:
            drift.unknown.append(f"+ {model_id}: a model ID the SDK knows and the catalogue does not{_looks_like(model_id, catalog)}")
    for model_id, end in sorted(sdk.deprecated.items()):
        record = catalog.recorded(model_id)
        if record is None:
            if model_id in sdk.models:
                continue  # already listed as unknown
            drift.unknown.append(f"+ {model_id}: deprecated by the SDK (end of life {end}), unknown to the catalogue")
            continue
        date = sdk_date(end)
        if model_id in differences:
            drift.accepted.append(f"{model_id}: the SDK says end of life {end}; {differences[model_id]}")
        elif record.standing != "retired" and not record.deprecated:
            drift.deprecations.append(f"~ {model_id}: the SDK deprecates it (end of life {end}); the catalogue records no deprecation")
        elif date is not None and record.retires != date:
            drift.deprecations.append(
                f"~ {model_id}: the SDK says end of life {date}; the catalogue says {record.retires or 'no retirement date'}"
            )
    if _version(sdk.version) >= _version(catalog.sdk):
        known = set(sdk.models)
        for model in catalog.models:
            if not model.is_retired and not (set(model.api_ids) & known) and model.id not in differences:
                drift.dropped.append(f"- {model.id}: in service in the catalogue, no longer in the SDK's model list (retired?)")
    return drift
