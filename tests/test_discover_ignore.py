"""Ignore files are matched with one joined expression per file when they have no negation: the same answers
as pathspec's own GitIgnoreSpec, checked on generated sets of patterns."""

from __future__ import annotations

import random

import pytest
from pathspec import GitIgnoreSpec

from codemod.discover import _Spec

PATTERNS = [
    "*.pyc", "build/", "/x", "docs/**/*.md", "a/b", "**/tmp", "*.py[co]", "foo?", "[ab]c", "\\#x", "dir/",
    "*.ipynb", "out/*.py", "/root_only.py", "  ", "# comment", "node/**", "x/**/y", "!keep.pyc", "!build/keep/",
]
PATHS = [
    "a.pyc", "b/c.pyc", "keep.pyc", "build/", "build/keep/", "src/build/", "build", "x", "x/", "y/x", "docs/a/b.md",
    "docs/b.md", "a/b", "q/a/b", "tmp/", "z/tmp", "m.pyo", "fooa", "foo", "ac", "bc", "#x", "dir/", "d/dir/",
    "d/dir", "n.ipynb", "out/a.py", "out/b/a.py", "root_only.py", "s/root_only.py", "node/a", "x/z/y", "x/y",
]


@pytest.mark.parametrize("seed", range(200))
def test_joined_matching_answers_as_pathspec_does(seed: int) -> None:
    rng = random.Random(seed)
    lines = rng.sample(PATTERNS, rng.randint(1, 7))
    spec = GitIgnoreSpec.from_lines(lines)
    fast = _Spec(spec)
    for path in PATHS:
        assert fast.match(path) == spec.match_file(path), (lines, path)


def test_negations_keep_pathspec_matching() -> None:
    assert _Spec(GitIgnoreSpec.from_lines(["*.pyc", "!keep.pyc"])).regex is None
    assert _Spec(GitIgnoreSpec.from_lines(["*.pyc", "build/"])).regex is not None
