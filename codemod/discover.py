"""Paths on the command line -> the Python files and Jupyter notebooks (``.ipynb``) to process.

Directories are walked honouring ``.gitignore`` files (each applies below its own directory, as git
does), the default excludes and ``--exclude`` globs (gitignore syntax, matched relative to the
directory given). Files named explicitly are processed even when excluded, unless ``force_exclude``
is set, which is what pre-commit needs since it passes file names.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from pathspec import GitIgnoreSpec

DEFAULT_EXCLUDES = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    "env",
    "build",
    "dist",
    "node_modules",
    "__pycache__",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "site-packages",
    ".ipynb_checkpoints",  # Jupyter's autosave copies: migrating them would fight the real notebook
)
SUFFIXES = (".py", ".ipynb")


def _gitignore(directory: Path) -> GitIgnoreSpec | None:
    path = directory / ".gitignore"
    try:
        return GitIgnoreSpec.from_lines(path.read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return None


def _ignored(path: Path, is_dir: bool, specs: list[tuple[Path, GitIgnoreSpec]]) -> bool:
    for base, spec in specs:
        relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
        if spec.match_file(relative):
            return True
    return False


def _walk(root: Path, excludes: GitIgnoreSpec) -> Iterator[Path]:
    # Stack of (directory, gitignore specs in force there).
    stack: list[tuple[Path, list[tuple[Path, GitIgnoreSpec]]]] = []
    root_specs = [(root, excludes)]
    own = _gitignore(root)
    if own is not None:
        root_specs.append((root, own))
    stack.append((root, root_specs))
    while stack:
        directory, specs = stack.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            continue
        subdirectories = []
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                if entry.name in DEFAULT_EXCLUDES or _ignored(path, True, specs):
                    continue
                subdirectories.append(path)
            # Symlinks are not followed: a fix must never be written through a link out of the tree.
            elif entry.name.endswith(SUFFIXES) and entry.is_file(follow_symlinks=False) and not _ignored(path, False, specs):
                yield path
        for subdirectory in reversed(subdirectories):
            sub_specs = specs
            spec = _gitignore(subdirectory)
            if spec is not None:
                sub_specs = [*specs, (subdirectory, spec)]
            stack.append((subdirectory, sub_specs))


def discover(paths: list[Path], exclude: tuple[str, ...] = (), force_exclude: bool = False) -> tuple[list[Path], list[str]]:
    """The files to process, in a stable order, and errors for paths that do not exist."""
    excludes = GitIgnoreSpec.from_lines(exclude)
    files: list[Path] = []
    errors: list[str] = []
    seen: set[Path] = set()
    for given in paths:
        if given.is_dir():
            found = _walk(given, excludes)
        elif given.exists():
            name_excluded = any(part in DEFAULT_EXCLUDES for part in given.parts) or excludes.match_file(
                given.as_posix()
            )
            found = iter(() if force_exclude and name_excluded else (given,))
        else:
            errors.append(f"{given}: error: no such file or directory")
            continue
        for path in found:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                files.append(path)
    return files, errors
