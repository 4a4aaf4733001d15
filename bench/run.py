"""Benchmark ``claude-migrate check`` against ruff's parse pass and grep's I/O floor, offline.

    python bench/run.py                    # sparse + dense trees, 5 interleaved repetitions
    python bench/run.py --repeat 9 --json bench/results.json
    python bench/run.py --tree path/to/repo # your own tree instead of the generated sparse one
    python bench/run.py --tree path/to/repo --no-dense   # that tree only

Trees (built under a temporary directory, never in the repository):

- **sparse**: every ``.py`` file of this interpreter's site-packages (real third-party code, the
  ``anthropic`` SDK's own package left out) plus ``--copies`` copies of ``examples/legacy_app``, so
  that about 1% of the files call the SDK, like an application monorepo.
- **dense**: every fixture input (``fixtures/*/*/input.py``), repeated up to ``--dense-files`` files:
  every file uses the SDK, so this measures the parse-and-analyse path (files per second per core).

On the sparse tree, in the same run and interleaved (so background load hits every tool alike), the
script times ``claude-migrate check --no-cache``, ``ruff check --select E9 --no-cache`` (a Rust parser
reading every file) and ``grep -rlE`` for the pre-filter's tokens (the I/O floor), then
``claude-migrate check`` with a warm cache, and with the cache's verdicts alone (a CI job restoring
yesterday's cache on a fresh checkout, where no file's stat is known). It prints medians, the ratios
claude-migrate/ruff and claude-migrate/grep, files let through vs skipped by the byte pre-filter, and the
peak resident memory of each command's whole process tree (sampled from /proc), and writes everything as
JSON with ``--json``.

Then the cost model of that tree (``bench/stages.py``, one process, cold and warm): files discovered,
read, let through by the byte screen, answered from the cache, dropped by the docstring screen, parsed
with libcst and with findings, and the time of each stage (imports, discovery, reading, screening, cache,
docstring screen, parsing, analysis, report).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
EXAMPLE_APP = REPOSITORY / "examples" / "legacy_app"
FIXTURES = REPOSITORY / "fixtures"
# Packages whose own sources are not user code calling the SDK.
SKIPPED_PACKAGES = ("anthropic", "claude_migrate", "__editable__")


def _executable(name: str) -> str | None:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


# ---------------------------------------------------------------------------------------------- trees


def real_code_roots() -> list[tuple[str, Path]]:
    """Installed Python code on this machine: this environment's site-packages, the base
    interpreter's site-packages (often a different, larger set) and the standard library."""
    paths = sysconfig.get_paths()
    base = sysconfig.get_paths(vars={"base": sys.base_prefix, "platbase": sys.base_prefix})
    roots = [("site", Path(paths["purelib"])), ("base-site", Path(base["purelib"])), ("stdlib", Path(paths["stdlib"]))]
    unique: dict[Path, str] = {}
    for name, path in roots:
        if path.is_dir():
            unique.setdefault(path.resolve(), name)
    return [(name, path) for path, name in unique.items()]


def build_sparse_tree(root: Path, share: float) -> int:
    """Real code plus copies of the example app making up ``share`` of the files; returns the copies."""
    copied = 0
    for name, source_root in real_code_roots():
        for source in source_root.rglob("*.py"):
            relative = source.relative_to(source_root)
            if relative.parts[0].startswith(SKIPPED_PACKAGES) or {"__pycache__", "site-packages"} & set(relative.parts[:-1]):
                continue
            target = root / name / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            copied += 1
    app_files = len(list(EXAMPLE_APP.glob("*.py")))
    copies = max(1, round(share * copied / (app_files * (1 - share))))
    for index in range(copies):
        for source in EXAMPLE_APP.glob("*.py"):
            _copy_distinct(source, root / "apps" / f"app_{index}" / source.name, index)
    return copies


def _copy_distinct(source: Path, target: Path, index: int) -> None:
    """A copy whose content is its own: the tool analyses identical contents once per run, and the
    benchmark is about analysing files, not about recognising copies."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.read_bytes() + f"# benchmark copy {index}\n".encode())


def build_dense_tree(root: Path, files: int) -> None:
    inputs = sorted(FIXTURES.glob("*/*/input.py"))
    for index in range(files):
        source = inputs[index % len(inputs)]
        target = root / f"batch_{index // 200}" / f"{source.parent.parent.name}_{source.parent.name}_{index}.py"
        _copy_distinct(source, target, index)


# ------------------------------------------------------------------------------------------- measuring


def _tree_rss_kib(root_pid: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc), in KiB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as handle:
                fields = dict(line.split(":", 1) for line in handle if ":" in line)
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields.get("PPid", "0").strip() or 0), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, pending = 0, [root_pid]
    while pending:
        pid = pending.pop()
        total += rss.get(pid, 0)
        pending.extend(children.get(pid, ()))
    return total


@dataclass
class Run:
    seconds: float
    peak_mib: float | None
    returncode: int
    stdout: str


def run_command(command: list[str], cwd: Path) -> Run:
    """Run ``command``; wall time and peak memory of its process tree (sampled every 5 ms)."""
    sampling = os.path.isdir("/proc")
    peak = 0
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kib(process.pid))
            done.wait(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    if sampling:
        sampler.start()
    stdout, _ = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    if sampling:
        sampler.join()
    return Run(seconds, peak / 1024 if sampling else None, process.returncode, stdout)


@dataclass
class Series:
    command: list[str]
    runs: list[Run] = field(default_factory=list)
    before: Callable[[], None] | None = None  # untimed set-up before each run

    @property
    def median(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def peak_mib(self) -> float | None:
        peaks = [run.peak_mib for run in self.runs if run.peak_mib is not None]
        return max(peaks) if peaks else None

    def summary(self) -> dict:
        return {
            "command": " ".join(self.command),
            "median_s": round(self.median, 3),
            "runs_s": [round(run.seconds, 3) for run in self.runs],
            "peak_mib": None if self.peak_mib is None else round(self.peak_mib, 1),
        }


def interleaved(series: dict[str, Series], repeat: int, cwd: Path) -> None:
    for _ in range(repeat):
        for one in series.values():
            if one.before is not None:
                one.before()
            one.runs.append(run_command(one.command, cwd))


def check_summary(run: Run) -> dict:
    """The JSON summary (exit 2 is fine: a real tree may hold files the tool reports as errors)."""
    try:
        return json.loads(run.stdout)["summary"]
    except (ValueError, KeyError):
        sys.exit(f"claude-migrate check failed with exit code {run.returncode}")


# ---------------------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", type=Path, help="check this tree instead of the generated sparse one")
    parser.add_argument("--share", type=float, default=0.01, help="share of the sparse tree's files that use the SDK")
    parser.add_argument("--dense-files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--no-dense", action="store_true", help="skip the dense tree")
    options = parser.parse_args()

    claude_migrate = _executable("claude-migrate")
    if claude_migrate is None:
        sys.exit("claude-migrate is not installed (pip install -e .)")
    ruff, grep = _executable("ruff"), shutil.which("grep")
    workspace = Path(tempfile.mkdtemp(prefix="claude-migrate-bench-"))
    try:
        sparse = options.tree.resolve() if options.tree else workspace / "sparse"
        if options.tree is None:
            build_sparse_tree(sparse, options.share)
        dense = workspace / "dense"
        if not options.no_dense:
            build_dense_tree(dense, options.dense_files)
        cache = workspace / "cache"
        check = [claude_migrate, "check", "--format", "json", "--no-progress", "--jobs", str(options.jobs)]

        series = {"claude-migrate": Series([*check, "--no-cache", str(sparse)])}
        if ruff:
            series["ruff"] = Series([ruff, "check", "--select", "E9", "--no-cache", "--exit-zero", "--quiet", str(sparse)])
        if grep:
            tokens = "|".join(_prefilter_tokens())
            series["grep"] = Series([grep, "-rlE", "--include=*.py", "--include=*.ipynb", tokens, str(sparse)])
        interleaved(series, options.repeat, workspace)
        cached_check = [*check, "--cache-dir", str(cache), str(sparse)]
        run_command(cached_check, workspace)  # fills the cache
        warm = Series(cached_check)
        # A CI job restoring yesterday's cache on a fresh checkout: every verdict is there, but no file's
        # stat is known (new inodes and ctimes), so every file is read and screened again.
        verdicts_only = workspace / "verdicts-only"
        _without_stat_memory(cache, verdicts_only)
        restored = Series(cached_check, before=lambda: _restore(verdicts_only, cache))
        interleaved({"warm": warm, "restored": restored}, options.repeat, workspace)
        _restore(verdicts_only, cache)
        run_command(cached_check, workspace)  # the stat memory again, for the cost model

        stages = {"cold": stage_profile(sparse, None), "warm": stage_profile(sparse, cache)}

        sparse_summary = check_summary(series["claude-migrate"].runs[-1])
        ours = series["claude-migrate"].median
        results = {
            "machine": {"cores": os.cpu_count(), "jobs": options.jobs, "python": sys.version.split()[0]},
            "sparse": {
                "tree": str(sparse),
                "files": sparse_summary["files"],
                "screened_in": sparse_summary["files"] - sparse_summary["skipped"],
                "skipped": sparse_summary["skipped"],
                "errors": sparse_summary["errors"],
                "timings": {name: one.summary() for name, one in series.items()},
                "warm_cache": warm.summary(),
                "restored_cache": restored.summary(),
                "ratio_to_ruff": round(ours / series["ruff"].median, 2) if "ruff" in series else None,
                "ratio_to_grep": round(ours / series["grep"].median, 2) if "grep" in series else None,
                "warm_ratio_to_ruff": round(warm.median / series["ruff"].median, 2) if "ruff" in series else None,
                "restored_ratio_to_ruff": round(restored.median / series["ruff"].median, 2) if "ruff" in series else None,
                "stages": stages,
            },
        }
        if not options.no_dense:
            dense_series = Series([*check, "--no-cache", str(dense)])
            interleaved({"dense": dense_series}, options.repeat, workspace)
            dense_summary = check_summary(dense_series.runs[-1])
            results["dense"] = {
                "files": dense_summary["files"],
                "timings": dense_series.summary(),
                "files_per_s_per_core": round(dense_summary["files"] / dense_series.median / options.jobs, 1),
            }
        print_report(results)
        if options.json:
            options.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


def _without_stat_memory(cache: Path, target: Path) -> None:
    """A copy of ``cache`` keeping the verdicts only (cache.py: ``{"entries": ..., "unread": ...}``)."""
    target.mkdir()
    for path in cache.glob("*.json"):
        document = json.loads(path.read_bytes())
        (target / path.name).write_text(json.dumps({"entries": document["entries"], "unread": {}}), encoding="utf-8")


def _restore(saved: Path, cache: Path) -> None:
    shutil.rmtree(cache, ignore_errors=True)
    shutil.copytree(saved, cache)


def stage_profile(tree: Path, cache: Path | None) -> dict:
    """``bench/stages.py`` on ``tree`` in a fresh interpreter: cold without ``cache``, warm with it."""
    command = [sys.executable, str(Path(__file__).with_name("stages.py")), str(tree)]
    if cache is not None:
        command += ["--cache-dir", str(cache)]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def _prefilter_tokens() -> list[str]:
    """The tokens a default run looks for (every rule enabled)."""
    sys.path.insert(0, str(REPOSITORY))
    from codemod.prefilter import ALL_RULES

    return [token.decode() for token in ALL_RULES.tokens]


def print_report(results: dict) -> None:
    sparse = results["sparse"]
    machine = results["machine"]
    print(f"machine: {machine['cores']} cores, --jobs {machine['jobs']}, Python {machine['python']}")
    print(
        f"\nsparse tree: {sparse['files']} files, {sparse['screened_in']} let through (parsed: see the cost model), "
        f"{sparse['skipped']} skipped by the byte pre-filter, {sparse['errors']} reported as errors"
    )
    print(f"  {'command':<28} {'median s':>9} {'peak MiB':>9}")
    rows = [
        *sparse["timings"].items(),
        ("claude-migrate (warm cache)", sparse["warm_cache"]),
        ("claude-migrate (restored)", sparse["restored_cache"]),
    ]
    for name, timing in rows:
        peak = "-" if timing["peak_mib"] is None else f"{timing['peak_mib']:.0f}"
        print(f"  {name:<28} {timing['median_s']:>9.3f} {peak:>9}")
    if sparse["ratio_to_ruff"] is not None:
        print(f"  claude-migrate / ruff: {sparse['ratio_to_ruff']:.2f}")
    if sparse["warm_ratio_to_ruff"] is not None:
        print(f"  claude-migrate (warm cache) / ruff: {sparse['warm_ratio_to_ruff']:.2f}")
    if sparse["restored_ratio_to_ruff"] is not None:
        print(f"  claude-migrate (cache restored on a fresh checkout) / ruff: {sparse['restored_ratio_to_ruff']:.2f}")
    if sparse["ratio_to_grep"] is not None:
        print(f"  claude-migrate / grep: {sparse['ratio_to_grep']:.2f}")
    print_stages(sparse["stages"])
    dense = results.get("dense")
    if dense is None:
        return
    timing = dense["timings"]
    print(
        f"\ndense tree: {dense['files']} files, all using the SDK: median {timing['median_s']:.2f} s, "
        f"{dense['files_per_s_per_core']:.1f} files/s/core, peak {timing['peak_mib']} MiB"
    )


def print_stages(stages: dict) -> None:
    """The cost model: counts, then seconds per stage, cold and warm side by side."""
    cold, warm = stages["cold"], stages["warm"]
    print("\ncost model (one process, --jobs 1):")
    print(f"  {'':<22} {'cold':>8} {'warm':>8}")
    for name in ("files", "read", "screened_in", "cached", "docstrings_only", "parsed", "with_findings"):
        print(f"  {name.replace('_', ' '):<22} {cold[name]:>8} {warm[name]:>8}")
    for name in cold["stages_s"]:
        print(f"  {name + ' s':<22} {cold['stages_s'][name]:>8.3f} {warm['stages_s'][name]:>8.3f}")
    print(f"  {'total s':<22} {cold['wall_s']:>8.3f} {warm['wall_s']:>8.3f}")
    if cold["with_findings"]:
        print(f"  parsed / with findings: {cold['parsed'] / cold['with_findings']:.2f}")


if __name__ == "__main__":
    main()
