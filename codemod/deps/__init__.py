"""Dependency files: where a project pins the ``anthropic`` SDK (CM601 sdk-version-pin).

``requirements*.txt`` / ``*.in`` (and the files of a ``requirements/`` directory, ``constraints*.txt``),
``pyproject.toml`` (PEP 621 ``dependencies`` and ``optional-dependencies``, ``[dependency-groups]``, Poetry
tables), ``setup.cfg``, ``Pipfile``, and the lock files ``poetry.lock``, ``Pipfile.lock``, ``uv.lock``,
``pdm.lock`` (reported, never edited). ``setup.py`` is Python: the engine reads its literals (CM601's
``check_file``) once the SDK floor of the project is known. Discovery finds these files with the same
walk, ``.gitignore`` files and excludes as source files (``discover.py``). No libcst here.
"""

from __future__ import annotations

import os

LOCK_FILES = frozenset({"poetry.lock", "Pipfile.lock", "uv.lock", "pdm.lock"})
NAMED = {"pyproject.toml": "pyproject", "setup.cfg": "setup.cfg", "setup.py": "setup.py", "Pipfile": "pipfile"}


def dependency_kind(path: str) -> str | None:
    """``requirements`` | ``pyproject`` | ``setup.cfg`` | ``setup.py`` | ``pipfile`` | ``lock``, or None."""
    name = os.path.basename(path)
    if name in NAMED:
        return NAMED[name]
    if name in LOCK_FILES:
        return "lock"
    lowered = name.lower()
    if lowered.endswith((".txt", ".in")):
        stem = lowered.rsplit(".", 1)[0]
        parent = os.path.basename(os.path.dirname(path)).lower()
        if "requirements" in stem or stem.startswith("constraints") or parent == "requirements":
            return "requirements"
    return None


def is_dependency_file(path: str) -> bool:
    return dependency_kind(path) is not None
