"""The content-hash cache: a re-run on an unchanged tree parses nothing and reports the same."""

from __future__ import annotations

import datetime
import json
import os
import time
from pathlib import Path

import pytest

from codemod import cache as cache_module
from codemod import runner
from codemod.cache import CACHE_DIR_NAME, Cache
from codemod.catalog import load_catalog
from codemod.config import Settings
from tests.conftest import Cli

LEGACY = '''import anthropic

client = anthropic.Anthropic()


def ask(question: str) -> str:
    response = client.messages.create(
        model="claude-opus-4-6",
        max_tokens=2048,
        temperature=0.2,
        messages=[{"role": "user", "content": question}],
    )
    return response.content[0].text
'''
MIGRATED = LEGACY.replace('"claude-opus-4-6"', '"claude-opus-4-8"').replace("        temperature=0.2,\n", "")
UNRESOLVED = "import anthropic\n\n\ndef ask(**options):\n    return anthropic.Anthropic().messages.create(**options)\n"


def _tree(root: Path) -> None:
    for index in range(3):  # distinct contents: identical copies would share one cache entry
        (root / f"legacy_{index}.py").write_text(LEGACY + "#" * index, encoding="utf-8")
    (root / "unresolved.py").write_text(UNRESOLVED, encoding="utf-8")
    (root / "broken.py").write_text("import anthropic\ndef broken(:\n", encoding="utf-8")
    (root / "plain.py").write_text("print('nothing to see')\n", encoding="utf-8")


def _check(cli: Cli, *args: str) -> dict:
    return json.loads(cli("check", "--format", "json", *args).stdout)


def _without_cached(document: dict) -> dict:
    return {**document, "summary": {k: v for k, v in document["summary"].items() if k != "cached"}}


def test_second_run_comes_from_the_cache_and_reports_the_same(cli: Cli, tmp_path: Path) -> None:
    _tree(tmp_path)
    first = _check(cli)
    second = _check(cli)
    assert first["summary"]["cached"] == 0
    # Every file that passed the pre-filter (including the one that does not parse) is a hit.
    assert second["summary"]["cached"] == 5 and second["summary"]["skipped"] == 1
    assert _without_cached(second) == _without_cached(first)
    assert (tmp_path / CACHE_DIR_NAME / "CACHEDIR.TAG").is_file()
    assert (tmp_path / CACHE_DIR_NAME / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_an_edited_file_is_analysed_again(cli: Cli, tmp_path: Path) -> None:
    _tree(tmp_path)
    _check(cli)
    (tmp_path / "legacy_0.py").write_text(MIGRATED, encoding="utf-8")
    document = _check(cli)
    assert document["summary"]["cached"] == 4
    assert "legacy_0.py" not in [f["path"] for f in document["files"]]


def test_settings_are_part_of_the_key(cli: Cli, tmp_path: Path) -> None:
    _tree(tmp_path)
    _check(cli)
    assert _check(cli, "--select", "CM201")["summary"]["cached"] == 0
    assert _check(cli, "--target", "claude-opus-4-7")["summary"]["cached"] == 0
    assert _check(cli, "--unsafe-fixes")["summary"]["cached"] == 0
    assert _check(cli)["summary"]["cached"] == 5


def test_no_cache_neither_reads_nor_writes(cli: Cli, tmp_path: Path) -> None:
    _tree(tmp_path)
    assert _check(cli, "--no-cache")["summary"]["cached"] == 0
    assert not (tmp_path / CACHE_DIR_NAME).exists()


def test_a_corrupt_cache_is_ignored_and_rewritten(cli: Cli, tmp_path: Path) -> None:
    _tree(tmp_path)
    expected = _check(cli)
    for entry in (tmp_path / CACHE_DIR_NAME).glob("*.json"):
        entry.write_text('{"py:0": [1, 2]', encoding="utf-8")  # truncated JSON
    assert _without_cached(_check(cli)) == _without_cached(expected)
    for entry in (tmp_path / CACHE_DIR_NAME).glob("*.json"):
        entry.write_text(json.dumps({key: ["junk"] for key in json.loads(entry.read_text()) or ["x"]}), encoding="utf-8")
    assert _without_cached(_check(cli)) == _without_cached(expected)


def test_apply_after_check_still_fixes(cli: Cli, tmp_path: Path) -> None:
    """A cached verdict says what would change, not the fixed text: apply runs the engine."""
    _tree(tmp_path)
    _check(cli)
    result = cli("apply", "--format", "json")
    assert json.loads(result.stdout)["summary"]["changed"] == 3
    assert (tmp_path / "legacy_0.py").read_text(encoding="utf-8") == MIGRATED
    assert _check(cli)["summary"]["changed"] == 0


def test_cache_lives_beside_the_configuring_pyproject(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.claude-migrate]\ntarget = "claude-opus-4-8"\n', encoding="utf-8")
    package = tmp_path / "src"
    package.mkdir()
    _tree(package)
    _check(cli, "src")
    assert _check(cli, "--cache-dir", str(tmp_path / "elsewhere"), "src")["summary"]["cached"] == 0
    assert (tmp_path / CACHE_DIR_NAME).is_dir()
    from_subdirectory = json.loads(cli("check", "--format", "json", ".", cwd=package).stdout)
    assert from_subdirectory["summary"]["cached"] == 5
    assert not (package / CACHE_DIR_NAME).exists()


def test_identical_copies_are_analysed_once(cli: Cli, tmp_path: Path) -> None:
    for index in range(3):
        (tmp_path / f"copy_{index}.py").write_text(LEGACY, encoding="utf-8")
    document = _check(cli, "--jobs", "1")
    assert document["summary"]["cached"] == 2 and document["summary"]["findings"] == 6


def test_identical_copies_are_analysed_once_without_the_cache(cli: Cli, tmp_path: Path) -> None:
    # Within one run, cache or no cache: a worker answers a content it has already analysed.
    for index in range(40):  # over the pool threshold: worker processes
        (tmp_path / f"copy_{index:02}.py").write_text(LEGACY, encoding="utf-8")
    document = _check(cli, "--no-cache", "--jobs", "2")
    assert document["summary"]["findings"] == 80
    assert document["summary"]["cached"] >= 38  # one analysis per worker at most
    assert not (tmp_path / CACHE_DIR_NAME).exists()
    one = [f["findings"] for f in document["files"]]
    assert len(one) == 40 and all(findings == one[0] for findings in one)


def test_old_cache_files_are_pruned(cli: Cli, tmp_path: Path) -> None:
    # A cache file per fingerprint (settings, the catalogue's state on the day): the oldest beyond 8 go.
    _tree(tmp_path)
    for code in ("CM", "CM0", "CM00", "CM001", "CM2", "CM20", "CM201", "CM3", "CM30", "CM302", "CM303"):  # all see a file
        _check(cli, "--select", code)
    assert len(list((tmp_path / CACHE_DIR_NAME).glob("*.json"))) == 8


def _day_after(day: str) -> str:
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=1)).isoformat()


def test_a_later_day_reuses_verdicts_until_a_model_changes_status(cli: Cli, tmp_path: Path) -> None:
    """Statuses change on the catalogue's dates only: a verdict from the day before holds unless a model
    retired, was deprecated or lost its fast mode in between."""
    catalog = load_catalog()
    events = sorted({d for m in catalog.records for d in (m.retires, m.deprecated, m.capabilities.fast_mode_removed) if d})
    event = events[-2]  # a change with days on either side of it
    before, on = catalog.on(_day_after(events[-3])), catalog.on(event)
    assert before.epoch == events[-3] and on.epoch == event
    _tree(tmp_path)
    _check(cli, "--as-of", events[-3])
    assert _check(cli, "--as-of", _day_after(events[-3]))["summary"]["cached"] == 5  # no change in between
    assert _check(cli, "--as-of", event)["summary"]["cached"] == 0  # a model changed status that day


def _a_minute_later(monkeypatch: pytest.MonkeyPatch) -> None:
    """The files were written a minute ago: a stat younger than two seconds is never trusted (RACY_NS)."""
    now = time.time_ns()
    monkeypatch.setattr(cache_module, "time_ns", lambda: now + 60 * 10**9)


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    original = runner._read

    def recording(path: str) -> bytes | runner.FileResult:
        read.append(os.path.basename(path))
        return original(path)

    monkeypatch.setattr(runner, "_read", recording)
    return read


def test_files_the_prefilter_ruled_out_are_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path)
    settings = Settings(target=load_catalog().default_target, jobs=1)
    files = sorted(str(path) for path in tmp_path.glob("*.py"))

    def run() -> list[runner.FileResult]:
        return runner.run(files, settings, runner.CHECK, cache=Cache(tmp_path / "cache", settings))

    first = run()  # the files are seconds old: nothing is remembered of their stat
    read = _reads(monkeypatch)
    run()
    assert "plain.py" in read
    _a_minute_later(monkeypatch)
    run()
    read.clear()
    second = run()
    assert sorted(read) == ["broken.py", "legacy_0.py", "legacy_1.py", "legacy_2.py", "unresolved.py"]
    assert [(r.path, r.status, r.skipped) for r in second] == [(r.path, r.status, r.skipped) for r in first]
    # A write moves the file's ctime: it is read again even when its size and mtime are what they were (the
    # same length, the old mtime put back as ``cp -p`` or an archive would).
    plain = tmp_path / "plain.py"
    old = plain.stat()
    plain.write_text("print('nothing to seE')\n", encoding="utf-8")
    os.utime(plain, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert (plain.stat().st_size, plain.stat().st_mtime_ns) == (old.st_size, old.st_mtime_ns)
    read.clear()
    run()
    assert "plain.py" in read
    plain.write_text("import anthropic\nanthropic.Anthropic().messages.create(temperature=1)\n", encoding="utf-8")
    result = run()
    assert [d.code for r in result if r.path.endswith("plain.py") for d in r.diagnostics] == ["CM201"]


def test_the_same_release_installed_afresh_keeps_its_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A CI job installs the tool anew each time (new mtimes): the key follows the files' contents."""
    package = Path(cache_module.__file__).parent
    copies = []
    for name in ("first", "second"):
        copy = tmp_path / name
        for source in package.rglob("*"):
            if source.suffix in (".py", ".toml"):
                target = copy / source.relative_to(package)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(source.read_bytes())  # written now: new mtimes
        copies.append(copy)
    os.utime(copies[1] / "cache.py", (1_000_000_000, 1_000_000_000))
    digests = []
    for copy in copies:
        monkeypatch.setattr(cache_module, "_PACKAGE", copy)
        digests.append(cache_module._tool_digest())
    assert digests[0] == digests[1]
    rule = copies[1] / "rules" / "cm201_sampling_parameter.py"
    rule.write_bytes(rule.read_bytes() + b"\n")  # an edited rule: another key
    assert cache_module._tool_digest() != digests[0]
