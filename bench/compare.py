"""Compare two installs of claude-migrate on the benchmark's trees, interleaved, with ruff's parse pass.

    python bench/compare.py BASE_EXE NEW_EXE [--repeat 5] [--jobs N]

For "no slowdown beyond noise" checks of a change: install the base commit in one virtualenv (``git
worktree add /tmp/base <rev>``, ``python -m venv /tmp/vb && /tmp/vb/bin/pip install -e /tmp/base``), the
change in another, and pass both ``claude-migrate`` executables. The trees are the ones ``run.py`` builds
(sparse: this interpreter's site-packages with ~1% SDK files; dense: the fixtures repeated); each
command runs once per round, rounds interleaved, and the medians are printed with the ratio new/base.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

import run as bench


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("new")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=0, help="--jobs for both (0: their default)")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="claude-migrate-compare-"))
    try:
        sparse, dense = root / "sparse", root / "dense"
        sparse.mkdir()
        dense.mkdir()
        bench.build_sparse_tree(sparse, 0.01)
        bench.build_dense_tree(dense, 1000)
        options = ["check", "--no-cache", "--no-progress", "--quiet", *(["--jobs", str(args.jobs)] if args.jobs else [])]
        ruff = bench._executable("ruff")
        results = {}
        for tree in (sparse, dense):
            series = {"base": bench.Series([args.base, *options, str(tree)]), "new": bench.Series([args.new, *options, str(tree)])}
            if ruff:
                series["ruff"] = bench.Series([ruff, "check", "--select", "E9", "--no-cache", "--quiet", str(tree)])
            bench.interleaved(series, args.repeat, root)
            medians = {name: round(one.median, 3) for name, one in series.items()}
            medians["new/base"] = round(medians["new"] / medians["base"], 3)
            results[tree.name] = medians
        print(json.dumps(results, indent=1))
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
