"""Settings: built-in defaults < ``[tool.claude-migrate]`` in pyproject.toml < command-line flags."""

from __future__ import annotations

import datetime
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from codemod.catalog import ISO_DATE, Catalog, load_catalog, today
from codemod.effort_map import DEFAULT_EFFORT_MAP, EffortMap

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_KEYS = ("target", "select", "ignore", "exclude", "unsafe-fixes", "effort-map", "as-of", "replacements")


class ConfigError(Exception):
    """A configuration or usage error (exit code 2)."""


@dataclass(frozen=True)
class Settings:
    target: str
    select: tuple[str, ...] = ("CM",)
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    unsafe_fixes: bool = False
    effort_map: EffortMap = DEFAULT_EFFORT_MAP
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    config_path: str | None = None
    # The day model statuses are resolved for (ISO 8601): today, unless --as-of / as-of pins one. A value,
    # not "today" evaluated later: every worker, and the cache key, see the same day.
    as_of: str = field(default_factory=today)
    # Per-family replacement for retired and deprecated models: (("sonnet", "claude-sonnet-5-5"), ...)
    replacements: tuple[tuple[str, str], ...] = ()

    def enabled(self, code: str) -> bool:
        return any(code.startswith(p) for p in self.select) and not any(code.startswith(p) for p in self.ignore)


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start`` that has a [tool.claude-migrate] table."""
    directory = start if start.is_dir() else start.parent
    for candidate in (directory, *directory.parents):
        path = candidate / "pyproject.toml"
        if path.is_file():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
                raise ConfigError(f"{path}: cannot read: {error}") from error
            if "claude-migrate" in data.get("tool", {}):
                return path
    return None


def parse_codes(value: str | list[str] | tuple[str, ...], option: str) -> tuple[str, ...]:
    """``"CM1,CM201"`` or a list of codes/prefixes, each checked against the known rule codes."""
    items = value.split(",") if isinstance(value, str) else list(value)
    from codemod.rules import (
        all_rules,  # imports the rule modules (and libcst): only when codes are given
    )

    codes = tuple(item.strip().upper() for item in items if item.strip())
    known = [rule.code for rule in all_rules()]
    for code in codes:
        if not any(k.startswith(code) for k in known):
            raise ConfigError(f"{option}: {code!r} matches no rule; known codes: {', '.join(known)}")
    return codes


def check_target(target: str, catalog: Catalog | None = None) -> str:
    catalog = catalog or load_catalog()
    model = catalog.get(target)
    if model is not None and model.is_retired:
        raise ConfigError(
            f"target model {target!r} {model.lifecycle()} (as of {catalog.as_of}); valid targets: {', '.join(catalog.targets())}"
        )
    if model is None:
        raise ConfigError(f"unknown target model {target!r}; valid targets: {', '.join(catalog.targets())}")
    return model.id


def check_as_of(value: object, option: str = "--as-of") -> str:
    """An ISO date (YYYY-MM-DD) on or after the first day the catalogue describes."""
    text = str(value) if not isinstance(value, str) else value
    try:
        valid = bool(ISO_DATE.match(text)) and datetime.date.fromisoformat(text) is not None
    except ValueError:
        valid = False
    if not valid:
        raise ConfigError(f"{option}: {text!r} is not a date; write it as YYYY-MM-DD (2026-11-01)")
    earliest = load_catalog(text).earliest
    if earliest and text < earliest:
        raise ConfigError(
            f"{option}: {text} is before {earliest}, the first day the model catalogue describes (what the models "
            "retired before it accepted is not recorded)"
        )
    return text


def check_replacements(mapping: object, catalog: Catalog, target: str, option: str) -> tuple[tuple[str, str], ...]:
    """``{family: model}``: each a family the catalogue knows and a model that is neither retired nor deprecated."""
    if not isinstance(mapping, dict):
        raise ConfigError(f'{option} must be a table such as {{ sonnet = "claude-sonnet-5-5" }}')
    families = sorted({m.family for m in catalog.models})
    found: list[tuple[str, str]] = []
    target_model = catalog.get(target)
    for family, model_id in mapping.items():
        if family not in families:
            raise ConfigError(f"{option}: unknown model family {family!r}; families: {', '.join(families)}")
        model = catalog.get(str(model_id))
        if model is None:
            raise ConfigError(f"{option}.{family}: unknown model {model_id!r}")
        if model.status in ("retired", "deprecated"):
            raise ConfigError(f"{option}.{family}: {model.id} {model.lifecycle()} (as of {catalog.as_of}): "
                              "a replacement must be a model in service")
        if target_model is not None and family == target_model.family and model.id != target_model.id:
            raise ConfigError(f"{option}.{family} = {model.id!r} conflicts with the target {target_model.id}: "
                              f"models of the target's family move to the target")
        found.append((family, model.id))
    return tuple(sorted(found))


def _from_table(table: dict[str, object], path: Path) -> dict[str, object]:
    unknown = set(table) - set(CONFIG_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) in [tool.claude-migrate]: {', '.join(sorted(unknown))}; "
                          f"valid keys: {', '.join(CONFIG_KEYS)}")
    values: dict[str, object] = {}
    try:
        if "as-of" in table:
            values["as_of"] = check_as_of(table["as-of"], f"{path}: as-of")
        if "target" in table:
            values["target"] = str(table["target"])  # checked once the day is known (the CLI may pin another)
        if "replacements" in table:
            values["replacements"] = table["replacements"]  # checked against the target and the day, below
        for key in ("select", "ignore"):
            if key in table:
                values[key] = parse_codes(table[key], f"{path}: {key}")  # type: ignore[arg-type]
        if "exclude" in table:
            exclude = table["exclude"]
            if not isinstance(exclude, list) or not all(isinstance(e, str) for e in exclude):
                raise ConfigError(f"{path}: exclude must be a list of glob strings")
            values["exclude"] = tuple(exclude)
        if "unsafe-fixes" in table:
            if not isinstance(table["unsafe-fixes"], bool):
                raise ConfigError(f"{path}: unsafe-fixes must be true or false")
            values["unsafe_fixes"] = table["unsafe-fixes"]
        if "effort-map" in table:
            mapping = table["effort-map"]
            if not isinstance(mapping, dict) or not mapping:
                raise ConfigError(f"{path}: effort-map must be a table such as {{ low = 0, high = 5000 }}")
            values["effort_map"] = EffortMap.from_mapping(mapping)  # type: ignore[arg-type]
    except (ValueError, ConfigError) as error:
        message = str(error)
        raise ConfigError(message if message.startswith(str(path)) else f"{path}: {message}") from error
    return values


def load_settings(paths: list[Path], overrides: dict[str, object]) -> Settings:
    """Settings for a run over ``paths``; ``overrides`` holds the flags given on the command line."""
    start = paths[0] if paths else Path.cwd()
    pyproject = find_pyproject(start.resolve())
    values: dict[str, object] = {"target": load_catalog().default_target}
    where = "--target"
    if pyproject is not None:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        values.update(_from_table(data["tool"]["claude-migrate"], pyproject))
        values["config_path"] = str(pyproject)
        where = f"{pyproject}: target" if "target" in values else where
    for key, value in overrides.items():
        if value is None:
            continue
        if key == "as_of":
            value = check_as_of(value)
        elif key == "target":
            where = "--target"
        elif key in ("select", "ignore"):
            value = parse_codes(str(value), f"--{key}")
        elif key == "exclude":
            value = (*values.get("exclude", ()), *value)  # type: ignore[misc]
        values[key] = value
    # The target and the replacements are models in service on the day of the run (CLI wins for the day).
    values.setdefault("as_of", today())
    catalog = load_catalog(str(values["as_of"]))
    try:
        values["target"] = check_target(str(values["target"]), catalog)
    except ConfigError as error:
        raise ConfigError(f"{where}: {error}" if where != "--target" else str(error)) from error
    if "replacements" in values:
        option = f"{pyproject}: replacements" if pyproject is not None else "replacements"
        values["replacements"] = check_replacements(values["replacements"], catalog, str(values["target"]), option)
    settings = Settings(**values)  # type: ignore[arg-type]
    if settings.jobs < 1:
        settings = replace(settings, jobs=1)
    return settings
