"""Paths on the command line -> the Python files, Jupyter notebooks (``.ipynb``) and dependency files
(``requirements*.txt``, ``pyproject.toml``, ``setup.cfg``, ``Pipfile``, lock files: ``codemod/deps``) to process.

Directories are walked honouring ``.gitignore`` files (each applies below its own directory, as git
does), the default excludes and ``--exclude`` globs (gitignore syntax, matched relative to the
directory given). Files named explicitly are processed even when excluded, unless ``force_exclude``
is set, which is what pre-commit needs since it passes file names.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from pathspec import GitIgnoreSpec

from codemod.deps import is_dependency_file
from codemod.script import SCRIPT_EXCLUDES, SCRIPT_SUFFIXES, is_declaration, is_script

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
SUFFIXES = (".py", ".ipynb", *SCRIPT_SUFFIXES)


class _Spec:
    """One ignore file's patterns. When none of them negates (``!keep.py``), a path is ignored when any
    pattern matches, so they are joined into regular expressions: one match per path instead of one per
    pattern (a tree's walk matches every file). A pattern without a slash (``*.pyc``, ``build/``) matches
    a path's last part, so it is matched against the entry's name alone (pathspec's ``^(?:.+/)?`` prefix,
    which tries every slash of the path, dropped): a directory it would match higher up the path has been
    pruned already, the walk never entering an ignored directory. A spec with negations keeps pathspec's
    own matching."""

    def __init__(self, spec: GitIgnoreSpec) -> None:
        self.spec = spec
        patterns = [pattern for pattern in spec.patterns if pattern.include is not None]
        self.name_regex = self.path_regex = None
        self.joined = all(pattern.include and getattr(pattern, "regex", None) is not None for pattern in patterns)
        if self.joined:
            # pathspec names a group in each pattern (for its directory-priority rule, which only matters
            # with negations); the names would clash in one expression.
            regexes = [_NAMED_GROUP.sub("(?:", p.regex.pattern) for p in patterns]  # type: ignore[attr-defined]
            names = [regex[len(_ANY_DIRECTORY) :] for regex in regexes if _name_only(regex)]
            paths = [regex for regex in regexes if not _name_only(regex)]
            self.name_regex = re.compile("|".join(f"(?:{regex})" for regex in names)) if names else None
            self.path_regex = re.compile("|".join(f"(?:{regex})" for regex in paths)) if paths else None
        self.empty = not patterns

    def match(self, relative: str, name: str) -> bool:
        """``relative``: the path from the ignore file's directory, ``name`` its last part (both with a
        trailing ``/`` for a directory)."""
        if not self.joined:
            return self.spec.match_file(relative)
        return (self.name_regex is not None and self.name_regex.match(name) is not None) or (
            self.path_regex is not None and self.path_regex.match(relative) is not None
        )


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_ANY_DIRECTORY = "^(?:.+/)?"  # how pathspec starts the expression of a pattern without a slash
_ENDS = ("(?:(?:/)|$)", "(?:/)")  # and ends it: a file or directory, or a directory only (``build/``)


def _name_only(regex: str) -> bool:
    """Whether ``regex`` (pathspec's, group names removed) matches within one path part: it starts with
    ``_ANY_DIRECTORY`` and, between that and its end, holds no unescaped ``/`` or ``.`` (``[^/]`` aside)."""
    if not regex.startswith(_ANY_DIRECTORY):
        return False
    middle = regex[len(_ANY_DIRECTORY) :]
    end = next((end for end in _ENDS if middle.endswith(end)), None)
    if end is None:
        return False
    middle, index = middle[: -len(end)], 0
    while index < len(middle):
        if middle.startswith("[^/]", index):
            index += 4
        elif middle[index] == "\\":
            index += 2
        elif middle[index] in "/.":
            return False
        else:
            index += 1
    return True


def _gitignore(directory: str) -> _Spec | None:
    try:
        with open(os.path.join(directory, ".gitignore"), encoding="utf-8", errors="replace") as handle:
            spec = _Spec(GitIgnoreSpec.from_lines(handle.read().splitlines()))
    except OSError:
        return None
    return None if spec.empty else spec


# (directory a spec applies below, the spec); paths are strings: this loop sees every file of a tree.
_Specs = list[tuple[str, _Spec]]


def _ignored(path: str, name: str, is_dir: bool, specs: _Specs) -> bool:
    slash = "/" if is_dir else ""
    for base, spec in specs:
        relative = os.path.relpath(path, base) if os.sep != "/" else path[len(base) + 1 :]
        if spec.match(relative.replace(os.sep, "/") + slash, name + slash):
            return True
    return False


def _walk(root: str, excludes: GitIgnoreSpec) -> Iterator[str]:
    root_specs: _Specs = [(root, _Spec(excludes))] if excludes.patterns else []
    own = _gitignore(root)
    if own is not None:
        root_specs.append((root, own))
    stack: list[tuple[str, _Specs]] = [(root, root_specs)]
    while stack:
        directory, specs = stack.pop()
        try:
            with os.scandir(directory) as iterator:
                entries = sorted(iterator, key=lambda e: e.name)
        except OSError:
            continue
        subdirectories = []
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in DEFAULT_EXCLUDES and not (specs and _ignored(entry.path, entry.name, True, specs)):
                    subdirectories.append(entry.path)
            # Symlinks are not followed: a fix must never be written through a link out of the tree.
            elif (
                ((entry.name.endswith(SUFFIXES) and not is_declaration(entry.name)) or is_dependency_file(entry.path))
                and entry.is_file(follow_symlinks=False)
                and not (specs and _ignored(entry.path, entry.name, False, specs))
                and not (is_script(entry.name) and _in_build_output(entry.path, root))
            ):
                yield entry.path
        for subdirectory in reversed(subdirectories):
            spec = _gitignore(subdirectory)
            stack.append((subdirectory, specs if spec is None else [*specs, (subdirectory, spec)]))


def _in_build_output(path: str, root: str) -> bool:
    """A script under ``dist/``, ``.next/``... (build output, generated from sources the run reads)."""
    return any(part in SCRIPT_EXCLUDES for part in os.path.relpath(path, root).split(os.sep)[:-1])


def discover(paths: list[Path], exclude: tuple[str, ...] = (), force_exclude: bool = False) -> tuple[list[str], list[str]]:
    """The files to process (as path strings, in a stable order) and errors for paths that do not exist."""
    excludes = GitIgnoreSpec.from_lines(exclude)
    files: list[str] = []
    errors: list[str] = []
    seen: set[str] = set()  # real paths: the same file reached through two given paths counts once
    for given in paths:
        if given.is_symlink() and not given.is_dir():
            # A link named on the command line is not followed either: writing through it could
            # change a file outside the tree, and replacing it would turn the link into a file.
            errors.append(f"{given}: error: is a symbolic link; not followed (name the file it points to)")
            continue
        found: Iterator[tuple[str, str]]  # (path as shown, real path)
        if given.is_dir():
            # Resolving the given directory once (not every file in it) is enough: links below it
            # are not followed.
            root, real_root = os.path.normpath(given), os.path.realpath(given)
            # Shown as pathlib would show them: "a.py", not "./a.py", when the directory is ".".
            strip = len(root) + 1 if root == os.curdir else 0
            found = ((path[strip:], real_root + path[len(root) :]) for path in _walk(root, excludes))
        elif given.exists():
            name_excluded = any(part in DEFAULT_EXCLUDES for part in given.parts) or excludes.match_file(
                given.as_posix()
            )
            found = iter(() if force_exclude and name_excluded else ((str(given), os.path.realpath(given)),))
        else:
            errors.append(f"{given}: error: no such file or directory")
            continue
        for path, key in found:
            if key not in seen:
                seen.add(key)
                files.append(path)
    return files, errors
