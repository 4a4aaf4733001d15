"""The content-hash cache: a re-run on an unchanged tree parses nothing and reports the same."""

from __future__ import annotations

import json
from pathlib import Path

from codemod.cache import CACHE_DIR_NAME
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
    # The day is part of the key, so a cache file is started each day: the oldest beyond 8 go.
    _tree(tmp_path)
    for day in range(10, 22):
        _check(cli, "--as-of", f"2026-12-{day}")
    assert len(list((tmp_path / CACHE_DIR_NAME).glob("*.json"))) == 8
