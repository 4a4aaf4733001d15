"""Per process: one ``ProjectIndex`` per project root, a resolver per analysed file, and the check that
the project files a cached verdict depends on are unchanged."""

from __future__ import annotations

import hashlib
from pathlib import Path

from codemod.project.resolver import FileResolver, ProjectIndex, project_root

_indexes: dict[Path, ProjectIndex] = {}
_run_files: frozenset[str] = frozenset()  # resolved paths of the files this run processes
# A verdict that depends on the whole project (where a constant is used) or on which files the run holds:
# never reused from the cache.
VOLATILE = ("*", "*")


def set_run_files(paths: frozenset[str]) -> None:
    """The run's files (resolved), set in the parent and in each worker before any file is processed."""
    global _run_files
    _run_files = paths


def in_run(path: Path) -> bool:
    return str(path) in _run_files
_digests: dict[str, str] = {}  # path -> sha256 of its bytes, as first seen in this process ("" unreadable)


def resolver_for(path: str) -> FileResolver:
    """A resolver for the file at ``path``, sharing what this process already read of its project."""
    importer = Path(path).resolve()
    root = project_root(importer)
    index = _indexes.get(root)
    if index is None:
        index = _indexes[root] = ProjectIndex(root)
    return FileResolver(index, importer)


def _digest(path: str) -> str:
    known = _digests.get(path)
    if known is None:
        try:
            known = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            known = ""
        _digests[path] = known
    return known


def dependencies_unchanged(deps: tuple[tuple[str, str], ...]) -> bool:
    return VOLATILE not in deps and all(_digest(path) == digest for path, digest in deps)


def with_path(key: str, path: str) -> str:
    """The cache key of a verdict that depends on where the file is (its imports resolve from there)."""
    return f"{key}@{Path(path).resolve()}"
