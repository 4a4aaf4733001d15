"""Where one ``claude-migrate check`` spends its time: a cost model per stage, in one process.

    python bench/stages.py PATH                   # cold: no cache
    python bench/stages.py PATH --cache-dir DIR   # warm once DIR holds the cache of an earlier run

Runs the real command line (``check --format json --jobs 1``) in this process with the pipeline's stages
wrapped by timers, and prints one JSON object: how many files were discovered, read, let through by the
byte screen, answered from the cache, parsed with libcst and found to need changes, and the CPU-free wall
time of each stage, exclusive of the stages nested in it:

- ``imports``: loading claude-migrate, libcst and the rules (a worker process pays it once);
- ``discover``: walking the tree and matching ignore files;
- ``read``: reading the files; ``screen``: the byte pre-filter; ``cache``: hashing and cache look-ups;
- ``ast_screen``: Python's parser on the files let through, to drop those that name Claude only in
  docstrings (``codemod/docstring_screen.py``; counted as ``docstrings_only``);
- ``parse``: ``libcst.parse_module``; ``analyse``: the rest of the engine (the analysis, the rules,
  positions, imported modules of the project);
- ``report``: everything else (output, the cache file, the command line).

One process, so the stage times add up to the wall time; ``bench/run.py --tree`` prints them next to the
parallel run's wall time and ruff's.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parent.parent
STAGES = ("imports", "discover", "read", "screen", "cache", "ast_screen", "parse", "analyse", "report")


class StageClock:
    """Exclusive wall time per stage: time spent in a nested stage is not counted in the one around it."""

    def __init__(self) -> None:
        self.seconds = dict.fromkeys(STAGES, 0.0)
        self._stack: list[list[Any]] = []  # [stage, start, nested seconds]

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            frame = [stage, time.perf_counter(), 0.0]
            self._stack.append(frame)
            try:
                return function(*args, **kwargs)
            finally:
                self._stack.pop()
                spent = time.perf_counter() - frame[1]
                self.seconds[stage] += spent - frame[2]
                if self._stack:
                    self._stack[-1][2] += spent

        return timed


def profile(tree: Path, cache_dir: Path | None) -> dict[str, Any]:
    clock = StageClock()
    counts = {"files": 0, "read": 0, "screened_in": 0, "cached": 0, "docstrings_only": 0, "parsed": 0, "with_findings": 0}
    started = time.perf_counter()

    sys.path.insert(0, str(REPOSITORY))
    from codemod import cli, docstring_screen, prefilter, runner

    clock.seconds["imports"] = time.perf_counter() - started

    def counting(name: str, function: Callable[..., Any], passed: Callable[[Any], bool] = lambda _: True) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            result = function(*args, **kwargs)
            counts[name] += bool(passed(result))
            return result

        return counted

    def discovered(*args: Any, **kwargs: Any) -> Any:
        files, errors = original_discover(*args, **kwargs)
        counts["files"] = len(files)
        return files, errors

    def results(*args: Any, **kwargs: Any) -> Any:
        found = original_run(*args, **kwargs)
        counts["with_findings"] = sum(1 for result in found if result.diagnostics)
        counts["cached"] = sum(1 for result in found if result.cached)
        return found

    original_discover, original_run = cli.discover, cli.run
    cli.discover = clock.wrap("discover", discovered)
    cli.run = results
    runner._read = clock.wrap("read", counting("read", runner._read, lambda r: isinstance(r, bytes)))
    prefilter.Prefilter.passes = clock.wrap("screen", counting("screened_in", prefilter.Prefilter.passes, bool))
    runner._known_verdict = clock.wrap("cache", runner._known_verdict)
    original_code_passes = docstring_screen.code_passes

    def code_passes(source: bytes, screen: prefilter.Prefilter) -> bool:
        before = counts["screened_in"]
        passed = original_code_passes(source, screen)
        counts["screened_in"] = before  # its second look at the blanked bytes is not another file let through
        counts["docstrings_only"] += not passed
        return passed

    docstring_screen.code_passes = clock.wrap("ast_screen", code_passes)

    def load_engine() -> None:
        """What the tool imports on its first parse (a run answered from the cache never does)."""
        import libcst

        from codemod import engine, notebook  # noqa: F401 - the rules load with the engine

        libcst.parse_module = clock.wrap("parse", counting("parsed", libcst.parse_module))

    original_migrate = runner.migrate_file

    def migrate(*args: Any, **kwargs: Any) -> Any:
        if not loaded:
            loaded.append(True)
            clock.wrap("imports", load_engine)()
        return original_migrate(*args, **kwargs)

    loaded: list[bool] = []
    runner.migrate_file = clock.wrap("analyse", migrate)

    arguments = ["check", "--format", "json", "--no-progress", "--jobs", "1"]
    arguments += ["--cache-dir", str(cache_dir)] if cache_dir is not None else ["--no-cache"]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        cli.main([*arguments, str(tree)])
    wall = time.perf_counter() - started
    clock.seconds["report"] = wall - sum(seconds for stage, seconds in clock.seconds.items() if stage != "report")
    return {**counts, "wall_s": round(wall, 3), "stages_s": {stage: round(s, 3) for stage, s in clock.seconds.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tree", type=Path)
    parser.add_argument("--cache-dir", type=Path, help="use (and fill) this cache; without it, --no-cache")
    options = parser.parse_args()
    print(json.dumps(profile(options.tree.resolve(), options.cache_dir)))


if __name__ == "__main__":
    main()
