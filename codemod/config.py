"""Settings: built-in defaults < ``[tool.claude-migrate]`` in pyproject.toml < command-line flags."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from codemod.catalog import load_catalog
from codemod.effort_map import DEFAULT_EFFORT_MAP, EffortMap

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_KEYS = ("target", "select", "ignore", "exclude", "unsafe-fixes", "effort-map")


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


def check_target(target: str) -> str:
    catalog = load_catalog()
    model = catalog.get(target)
    if model is None or model.is_retired:
        raise ConfigError(f"unknown target model {target!r}; valid targets: {', '.join(catalog.targets())}")
    return model.id


def _from_table(table: dict[str, object], path: Path) -> dict[str, object]:
    unknown = set(table) - set(CONFIG_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) in [tool.claude-migrate]: {', '.join(sorted(unknown))}; "
                          f"valid keys: {', '.join(CONFIG_KEYS)}")
    values: dict[str, object] = {}
    try:
        if "target" in table:
            values["target"] = check_target(str(table["target"]))
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
    if pyproject is not None:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        values.update(_from_table(data["tool"]["claude-migrate"], pyproject))
        values["config_path"] = str(pyproject)
    for key, value in overrides.items():
        if value is None:
            continue
        if key == "target":
            value = check_target(str(value))
        elif key in ("select", "ignore"):
            value = parse_codes(str(value), f"--{key}")
        elif key == "exclude":
            value = (*values.get("exclude", ()), *value)  # type: ignore[misc]
        values[key] = value
    settings = Settings(**values)  # type: ignore[arg-type]
    if settings.jobs < 1:
        settings = replace(settings, jobs=1)
    return settings
