"""Benchmark: wall time and throughput of ``claude-migrate check`` on a tree.

    python bench/bench.py                 # a generated tree of 2,000 files (10% call the SDK)
    python bench/bench.py --files 5000 --share 0.02
    python bench/bench.py path/to/repo    # a real tree (nothing is written: check mode)

It runs the installed console script (the way users do) with --jobs 1 and with all cores, a few
times each, and prints the best time, files per second and the engine's share of the files that
got past the byte pre-filter. See bench/README.md for how to read the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPT = Path(sys.executable).parent / "claude-migrate"

ANTHROPIC_FILE = '''"""Module {index}: a service that calls Claude."""
import anthropic

client = anthropic.Anthropic()
MODEL = "claude-opus-4-6"


def ask_{index}(question: str, budget: int = 4000) -> str:
    response = client.messages.create(
        model=MODEL,
        max_tokens=16000,
        temperature=0.{digit},
        thinking={{"type": "enabled", "budget_tokens": 8000}},
        messages=[{{"role": "user", "content": question}}],
    )
    return response.content[0].text
'''

PLAIN_FILE = '''"""Module {index}: ordinary application code."""
from dataclasses import dataclass


@dataclass
class Record{index}:
    name: str
    value: int

    def doubled(self) -> int:
        return self.value * 2


def total_{index}(records: list[Record{index}]) -> int:
    return sum(r.doubled() for r in records if r.value > {digit})
'''


def generate(root: Path, files: int, share: float, seed: int = 7) -> None:
    rng = random.Random(seed)
    for index in range(files):
        package = root / f"pkg_{index // 100}"
        package.mkdir(parents=True, exist_ok=True)
        template = ANTHROPIC_FILE if rng.random() < share else PLAIN_FILE
        (package / f"module_{index}.py").write_text(template.format(index=index, digit=index % 10), encoding="utf-8")


def timed(args: list[str], repeat: int) -> tuple[float, dict]:
    best = float("inf")
    document: dict = {}
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run([str(SCRIPT), *args], capture_output=True, text=True)
        best = min(best, time.perf_counter() - start)
        if result.returncode not in (0, 1):
            sys.exit(f"claude-migrate failed ({result.returncode}): {result.stderr}")
        document = json.loads(result.stdout)
    return best, document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, help="tree to check (default: a generated one)")
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--share", type=float, default=0.10, help="share of generated files that call the SDK")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()

    temporary = None
    root = options.path
    if root is None:
        temporary = tempfile.mkdtemp(prefix="claude-migrate-bench-")
        root = Path(temporary)
        generate(root, options.files, options.share)
    try:
        cores = os.cpu_count() or 1
        rows = []
        for jobs in sorted({1, cores}):
            seconds, document = timed(["check", "--format", "json", "--jobs", str(jobs), str(root)], options.repeat)
            summary = document["summary"]
            rows.append((jobs, seconds, summary))
        first = rows[0][2]
        print(
            f"tree: {root}  ({first['files']} files, {first.get('skipped', 0)} skipped by the byte pre-filter, "
            f"{first['findings']} findings)"
        )
        print(f"{'jobs':>4}  {'best s':>8}  {'files/s':>9}")
        for jobs, seconds, summary in rows:
            print(f"{jobs:>4}  {seconds:>8.2f}  {summary['files'] / seconds:>9.0f}")
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    main()
