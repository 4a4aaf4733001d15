"""Ignore files are matched with joined expressions when they have no negation (patterns without a slash
against the entry's name alone): the same answers as pathspec's own GitIgnoreSpec for every path the walk
reaches (no ignored directory above it), checked on generated sets of patterns."""

from __future__ import annotations

import random

import pytest
from pathspec import GitIgnoreSpec

from codemod.discover import _NAMED_GROUP, _name_only, _Spec

PATTERNS = [
    "*.pyc", "build/", "/x", "docs/**/*.md", "a/b", "**/tmp", "*.py[co]", "foo?", "[ab]c", "\\#x", "dir/",
    "*.ipynb", "out/*.py", "/root_only.py", "  ", "# comment", "node/**", "x/**/y", "!keep.pyc", "!build/keep/",
    "x[.]y", "*.cache*", ".env*", "a.*", "**/bar", "__pycache__/", "*__pycache__*", "b*", "**/out/", "c**d",
]
PATHS = [
    "a.pyc", "b/c.pyc", "keep.pyc", "build/", "build/keep/", "src/build/", "build", "x", "x/", "y/x", "docs/a/b.md",
    "docs/b.md", "a/b", "q/a/b", "tmp/", "z/tmp", "m.pyo", "fooa", "foo", "ac", "bc", "#x", "dir/", "d/dir/",
    "d/dir", "n.ipynb", "out/a.py", "out/b/a.py", "root_only.py", "s/root_only.py", "node/a", "x/z/y", "x/y",
    "x.y", "xay", "q/x.y", "a.cache/", "p/.cache.db", ".env.local", "e/.envrc/", "a.b", "ab", "bar/", "q/bar",
    "__pycache__/", "p/__pycache__/", "p/x__pycache__y.py", "q/out/", "cd", "cxd", "c/d", "cxyd/",
]


def _walk_reaches(spec: GitIgnoreSpec, path: str) -> bool:
    """No directory above ``path`` is ignored: the walk prunes ignored directories before listing them."""
    parts = path.rstrip("/").split("/")[:-1]
    return not any(spec.match_file("/".join(parts[: index + 1]) + "/") for index in range(len(parts)))


def _name(path: str) -> str:
    return path.rstrip("/").rpartition("/")[2] + ("/" if path.endswith("/") else "")


@pytest.mark.parametrize("seed", range(200))
def test_joined_matching_answers_as_pathspec_does(seed: int) -> None:
    rng = random.Random(seed)
    lines = rng.sample(PATTERNS, rng.randint(1, 7))
    spec = GitIgnoreSpec.from_lines(lines)
    fast = _Spec(spec)
    for path in PATHS:
        if _walk_reaches(spec, path):
            assert fast.match(path, _name(path)) == spec.match_file(path), (lines, path)


def test_negations_keep_pathspec_matching() -> None:
    assert not _Spec(GitIgnoreSpec.from_lines(["*.pyc", "!keep.pyc"])).joined
    assert _Spec(GitIgnoreSpec.from_lines(["*.pyc", "build/"])).joined


def test_patterns_without_a_slash_match_the_name_alone() -> None:
    def name_only(line: str) -> bool:
        (pattern,) = GitIgnoreSpec.from_lines([line]).patterns
        return _name_only(_NAMED_GROUP.sub("(?:", pattern.regex.pattern))  # type: ignore[attr-defined]

    assert all(name_only(line) for line in ["*.pyc", "build/", "*__pycache__*", "a.*", ".env*", "**/bar", "b?"])
    assert not any(name_only(line) for line in ["/root.py", "docs/*.md", "x/**/y", "x[.]y", "node/**"])
