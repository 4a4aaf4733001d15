"""Hostile input, faults and interruptions: no file may be left partial or altered.

Every test here injects one fault and then checks the bytes (and inode, mode, link) of every file
involved: a file is either exactly as it was or exactly the migration of what it was. The run must
report the file with a clear error and go on with the others.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from codemod import engine, runner, write
from codemod.config import Settings
from codemod.runner import APPLY, process_file, run
from tests.conftest import SCRIPT, Cli

SETTINGS = Settings(target="claude-opus-4-8", jobs=1)
LEGACY = (
    "import anthropic\n"
    "\n"
    "client = anthropic.Anthropic()\n"
    "\n"
    "\n"
    "def ask(prompt):\n"
    "    return client.messages.create(\n"
    "        model='claude-opus-4-6',\n"
    "        max_tokens=1024,\n"
    "        temperature=0.5,\n"
    "        messages=[{'role': 'user', 'content': prompt}],\n"
    "    )\n"
)
MIGRATED = LEGACY.replace("'claude-opus-4-6'", "'claude-opus-4-8'").replace("        temperature=0.5,\n", "")
HEAD = b"import anthropic\nclient = anthropic.Anthropic()\n"

# name -> bytes the engine must refuse (each mentions the SDK, so it gets past the pre-filter).
HOSTILE = {
    "undecodable_utf8": LEGACY.encode() + b"NAME = '\xff\xfe'\n",
    "unknown_coding_cookie": b"# -*- coding: klingon -*-\n" + LEGACY.encode(),
    "cookie_contradicts_bytes": b"# -*- coding: ascii -*-\n" + LEGACY.encode() + "X = 'caf\u00e9'\n".encode(),
    "binary_named_py": b"\x7fELF\x02\x01\x01\x00import anthropic\x00\x00\xff\xfe" * 64,
    "over_size_limit": LEGACY.encode() + b"# " + b"x" * (runner.MAX_FILE_BYTES + 10) + b"\n",
    "ten_megabytes": LEGACY.encode() + (b"VALUE = 'anthropic claude'  # padding\n" * 280_000),
    "nested_lists": HEAD + b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n" + LEGACY.encode(),
    "nested_attributes": HEAD + b"x = a" + b".b" * 20000 + b"\n" + LEGACY.encode(),
    "nested_binary_operations": HEAD + b"x = 1" + b" + 1" * 20000 + b"\n" + LEGACY.encode(),
    "nested_calls": HEAD + b"x = f" + b"()" * 20000 + b"\n" + LEGACY.encode(),
    "python2_print": LEGACY.encode() + b"print 'hello'\n",
    "python2_exec": LEGACY.encode() + b"exec 'x = 1' in namespace\n",  # (``except A, e:`` is valid 3.14)
    "unterminated_string": LEGACY.encode() + b"x = 'oops\n",
    "null_bytes": LEGACY.encode() + b"x = 1\x00\n",
}
# Grammar that only recent Pythons accept: migrated like any other file.
NEWEST_GRAMMAR = {
    "match_statement": "match command:\n    case {'action': action}:\n        pass\n    case _:\n        pass\n",
    "pep695_generics": "def first[T](items: list[T]) -> T:\n    return items[0]\n\n\ntype Pair[T] = tuple[T, T]\n",
    "template_string": "name = 'x'\ngreeting = t'hello {name}'\n",
    "except_star": "try:\n    pass\nexcept* ValueError:\n    pass\n",
}


def _tree(root: Path, files: dict[str, bytes]) -> dict[Path, bytes]:
    written = {}
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written[path] = data
    return written


def _no_temporary_files(root: Path) -> None:
    assert not [p for p in root.rglob("*") if p.name.endswith(".claude-migrate") or p.name.startswith(".") and ".py." in p.name]


# Hostile input -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_reported_and_left_untouched(cli: Cli, tmp_path: Path, name: str) -> None:
    files = _tree(tmp_path, {f"{name}.py": HOSTILE[name], "good.py": LEGACY.encode()})
    result = cli("apply", "--format", "json", "--no-cache")
    assert result.returncode == 2, result.stderr
    document = json.loads(result.stdout)
    errors = {f["path"]: f["error"] for f in document["files"] if f["status"] == "error"}
    assert list(errors) == [f"{name}.py"] and errors[f"{name}.py"]
    assert (tmp_path / f"{name}.py").read_bytes() == files[tmp_path / f"{name}.py"]
    assert (tmp_path / "good.py").read_text(encoding="utf-8") == MIGRATED  # the run went on
    _no_temporary_files(tmp_path)


def test_large_file_that_calls_nothing_is_skipped_not_an_error(cli: Cli, tmp_path: Path) -> None:
    # A generated table of Bedrock model IDs (moto ships a 3.9 MB one): over the size limit, but with no
    # import of the SDK and no messages call it has nothing to migrate, so it is not an error.
    row = b'    "arn:aws:bedrock:*::foundation-model/anthropic.claude-3-opus-20240229-v1:0",\n'
    table = b"POLICIES = [\n" + row * (runner.MAX_FILE_BYTES // len(row) + 10) + b"]\n"
    _tree(tmp_path, {"policies.py": table, "good.py": LEGACY.encode()})
    result = cli("check", "--format", "json", "--no-cache")
    assert result.returncode == 1, result.stdout  # good.py's findings; no error
    summary = json.loads(result.stdout)["summary"]
    assert summary["errors"] == 0 and summary["skipped"] == 1


def test_empty_file_and_bom_file(cli: Cli, tmp_path: Path) -> None:
    _tree(tmp_path, {"empty.py": b"", "bom.py": b"\xef\xbb\xbf" + LEGACY.encode()})
    assert cli("apply", "--no-cache").returncode == 0
    assert (tmp_path / "empty.py").read_bytes() == b""
    assert (tmp_path / "bom.py").read_bytes() == b"\xef\xbb\xbf" + MIGRATED.encode()


@pytest.mark.parametrize("name", sorted(NEWEST_GRAMMAR))
def test_newest_grammar_is_migrated(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.py"
    path.write_text(LEGACY + "\n\n" + NEWEST_GRAMMAR[name], encoding="utf-8")
    result = process_file(path, SETTINGS, APPLY)
    assert result.status == "changed", result.error
    assert path.read_text(encoding="utf-8") == MIGRATED + "\n\n" + NEWEST_GRAMMAR[name]


# Files that change under the tool ------------------------------------------------------------------


def test_file_that_vanishes_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gone.py"
    (result,) = run([path], SETTINGS, APPLY)
    assert result.status == "error" and "cannot read" in (result.error or "")
    assert not path.exists()


def test_file_that_vanishes_before_it_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "gone.py"
    path.write_text(LEGACY, encoding="utf-8")
    migrate = runner.migrate_file

    def delete_meanwhile(path_: Path, source: bytes, settings: Settings, fix: bool = True, project: object = None):
        outcome = migrate(path_, source, settings, fix, project)
        path.unlink()
        return outcome

    monkeypatch.setattr(runner, "migrate_file", delete_meanwhile)
    result = process_file(path, SETTINGS, APPLY)
    assert result.status == "error" and "cannot write" in (result.error or "")
    assert not path.exists()  # not brought back
    _no_temporary_files(tmp_path)


def test_file_that_becomes_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.py"
    path.write_text(LEGACY, encoding="utf-8")

    def refuse(*args: object, **kwargs: object):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(runner, "open", refuse, raising=False)
    result = process_file(path, SETTINGS, APPLY)
    assert result.status == "error" and "Permission denied" in (result.error or "")
    assert path.read_text(encoding="utf-8") == LEGACY


@pytest.mark.parametrize(
    ("target", "fault"),
    [
        ("os.replace", OSError(errno.EXDEV, "Invalid cross-device link")),
        ("os.fsync", OSError(errno.ENOSPC, "No space left on device")),
        ("os.chmod", PermissionError(errno.EPERM, "Operation not permitted")),
        ("tempfile.mkstemp", PermissionError(errno.EACCES, "Permission denied")),  # a read-only directory
    ],
    ids=["rename", "disk_full", "chmod", "read_only_directory"],
)
def test_failing_write_keeps_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, fault: OSError) -> None:
    path = tmp_path / "app.py"
    path.write_text(LEGACY, encoding="utf-8")
    path.chmod(0o640)
    module, name = target.split(".")

    def fail(*args: object, **kwargs: object):
        raise fault

    monkeypatch.setattr(getattr(write, module), name, fail)
    result = process_file(path, SETTINGS, APPLY)
    assert result.status == "error" and "cannot write" in (result.error or "")
    assert path.read_text(encoding="utf-8") == LEGACY
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    _no_temporary_files(tmp_path)


def test_failing_in_place_write_restores_a_hard_linked_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "app.py"
    path.write_text(LEGACY, encoding="utf-8")
    os.link(path, tmp_path / "alias.py")

    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(write.os, "fsync", disk_full)
    result = process_file(path, SETTINGS, APPLY)
    assert result.status == "error"
    assert path.read_text(encoding="utf-8") == LEGACY == (tmp_path / "alias.py").read_text(encoding="utf-8")


# Links ----------------------------------------------------------------------------------------------


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_symlinks_are_never_followed_or_replaced(cli: Cli, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    tree = tmp_path / "tree"
    _tree(outside, {"secret.py": LEGACY.encode()})
    _tree(tree, {"real.py": LEGACY.encode()})
    (tree / "inside_link.py").symlink_to(tree / "real.py")
    (tree / "outside_link.py").symlink_to(outside / "secret.py")
    (tree / "loop_a.py").symlink_to(tree / "loop_b.py")
    (tree / "loop_b.py").symlink_to(tree / "loop_a.py")
    (tree / "dir_loop").symlink_to(tree, target_is_directory=True)
    (tree / "outside_dir").symlink_to(outside, target_is_directory=True)

    result = cli("apply", "--format", "json", "--no-cache", "tree")
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["summary"]["files"] == 1  # only real.py
    assert (tree / "real.py").read_text(encoding="utf-8") == MIGRATED
    assert (outside / "secret.py").read_text(encoding="utf-8") == LEGACY
    for link in ("inside_link.py", "outside_link.py", "loop_a.py", "loop_b.py", "dir_loop", "outside_dir"):
        assert (tree / link).is_symlink(), link

    named = cli("apply", "--no-cache", "tree/outside_link.py", "tree/loop_a.py")
    assert named.returncode == 2
    assert "tree/outside_link.py: error: is a symbolic link" in named.stderr
    assert (tree / "outside_link.py").is_symlink() and (outside / "secret.py").read_text(encoding="utf-8") == LEGACY


def test_hard_links_keep_their_link(tmp_path: Path) -> None:
    path = tmp_path / "app.py"
    path.write_text(LEGACY, encoding="utf-8")
    path.chmod(0o751)
    alias = tmp_path / "alias.py"
    os.link(path, alias)
    inode = path.stat().st_ino
    assert process_file(path, SETTINGS, APPLY).status == "changed"
    assert path.stat().st_ino == inode == alias.stat().st_ino and path.stat().st_nlink == 2
    assert alias.read_text(encoding="utf-8") == MIGRATED
    assert stat.S_IMODE(path.stat().st_mode) == 0o751


# Engine guarantees ----------------------------------------------------------------------------------


def test_unchanged_files_are_never_written(cli: Cli, tmp_path: Path) -> None:
    clean = MIGRATED.encode()
    report_only = b"import anthropic\n\n\ndef ask(**options):\n    return anthropic.Anthropic().messages.create(**options)\n"
    _tree(tmp_path, {"clean.py": clean, "report_only.py": report_only})
    past = time.time_ns() - 10**10
    for name in ("clean.py", "report_only.py"):
        os.utime(tmp_path / name, ns=(past, past))
    assert cli("apply", "--no-cache").returncode == 1  # report_only has a finding left
    for name in ("clean.py", "report_only.py"):
        assert (tmp_path / name).stat().st_mtime_ns == past


def test_fixes_that_never_converge_are_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A (simulated) rule whose fix never takes: every pass finds the same fix again."""
    select = engine._select_edits

    def always_deferred(findings, settings):
        edits, applied, _ = select(findings, settings)
        return edits, applied, True

    monkeypatch.setattr(engine, "_select_edits", always_deferred)
    monkeypatch.setattr(engine, "apply_edits", lambda module, edits: module)
    path = tmp_path / "app.py"
    path.write_text(LEGACY, encoding="utf-8")
    result = process_file(path, SETTINGS, APPLY)
    assert result.status == "error" and f"did not converge after {engine.MAX_PASSES} passes" in (result.error or "")
    assert path.read_text(encoding="utf-8") == LEGACY


def test_a_result_that_does_not_parse_is_never_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import libcst as cst

    def broken(module: cst.Module, edits: object) -> cst.Module:
        name = cst.Name("placeholder")
        object.__setattr__(name, "value", "1 +")  # what a buggy edit could produce
        return module.with_changes(body=[*module.body, cst.SimpleStatementLine([cst.Expr(name)])])

    monkeypatch.setattr(engine, "apply_edits", broken)
    path = tmp_path / "app.py"
    path.write_text(LEGACY, encoding="utf-8")
    result = process_file(path, SETTINGS, APPLY)
    assert result.status == "error" and "does not parse" in (result.error or "")
    assert path.read_text(encoding="utf-8") == LEGACY


CRASHING_RULE = """
import sys
from dataclasses import replace

import codemod.engine as engine
import codemod.rules as rules
from codemod.cli import main

first, *others = rules.registry()  # CM101, a per-request rule


def check(facts, ctx, inner=first.check):
    if any(arg.keyword is not None and arg.keyword.value == "boom" for arg in facts.request.call.args):
        raise RuntimeError("simulated rule bug")
    return inner(facts, ctx)


patched = (replace(first, check=check), *others)
engine.registry = lambda: patched
sys.argv = ["claude-migrate", *sys.argv[1:]]
main()
"""

CRASHING_FACT = """
import sys

import codemod.engine as engine
from codemod.cli import main

real = engine.file_facts


def file_facts(analysis, ctx):
    if any(arg.keyword is not None and arg.keyword.value == "boom" for r in analysis.requests for arg in r.call.args):
        raise RuntimeError("simulated analysis bug")
    return real(analysis, ctx)


engine.file_facts = file_facts
sys.argv = ["claude-migrate", *sys.argv[1:]]
main()
"""


def test_a_crashing_fact_is_reported_as_the_analysis(tmp_path: Path) -> None:
    """A bug in the facts every rule reads is the analysis's: reported as such, naming the file, not as a
    crash of whichever rule happened to read the fact first."""
    boom = LEGACY.replace("        max_tokens=1024,\n", "        max_tokens=1024,\n        boom=True,\n")
    files = _tree(tmp_path, {"a.py": LEGACY.encode(), "b_boom.py": boom.encode()})
    result = subprocess.run(
        [sys.executable, "-c", CRASHING_FACT, "apply", "--jobs", "1", "--no-cache", "."],
        capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("b_boom.py"))
    assert "internal error in the analysis" in line and "simulated analysis bug" in line, result.stdout
    assert "rule CM" not in line
    assert (tmp_path / "b_boom.py").read_bytes() == files[tmp_path / "b_boom.py"]
    assert (tmp_path / "a.py").read_text(encoding="utf-8") == MIGRATED


def test_a_crashing_rule_fails_only_its_file(tmp_path: Path) -> None:
    """A rule that raises on one file: that file is reported with the rule and left untouched, the
    others are migrated, exit 2. The rule is injected in a subprocess around the real CLI entry point."""
    boom = LEGACY.replace("        max_tokens=1024,\n", "        max_tokens=1024,\n        boom=True,\n")
    files = _tree(tmp_path, {"a.py": LEGACY.encode(), "b_boom.py": boom.encode(), "c.py": LEGACY.encode()})
    result = subprocess.run(
        [sys.executable, "-c", CRASHING_RULE, "apply", "--jobs", "1", "--no-cache", "."],
        capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("b_boom.py"))
    assert "internal error in rule CM" in line and "simulated rule bug" in line, result.stdout
    assert (tmp_path / "b_boom.py").read_bytes() == files[tmp_path / "b_boom.py"]
    assert (tmp_path / "a.py").read_text(encoding="utf-8") == MIGRATED == (tmp_path / "c.py").read_text(encoding="utf-8")


# Interruptions --------------------------------------------------------------------------------------


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
def test_sigterm_while_a_rule_runs_stops_the_run(tmp_path: Path) -> None:
    """SIGTERM landing inside a rule is an interruption, not a rule bug: the guard that turns a crashing
    rule into an error line for its file must not swallow it (it did, and the run went on)."""
    terminating = CRASHING_RULE.replace(
        'raise RuntimeError("simulated rule bug")', "import os, signal; os.kill(os.getpid(), signal.SIGTERM)"
    )
    boom = LEGACY.replace("        max_tokens=1024,\n", "        max_tokens=1024,\n        boom=True,\n")
    files = _tree(tmp_path, {"a_boom.py": boom.encode(), "b.py": LEGACY.encode()})
    result = subprocess.run(
        [sys.executable, "-c", terminating, "apply", "--jobs", "1", "--no-cache", "."],
        capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False,
    )
    assert result.returncode == 143, result.stdout + result.stderr
    assert "interrupted" in result.stderr
    assert all(path.read_bytes() == data for path, data in files.items())  # stopped before b.py



@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
@pytest.mark.parametrize(("signal_number", "exit_code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_interrupted_apply_leaves_every_file_whole(tmp_path: Path, signal_number: int, exit_code: int, jobs: str) -> None:
    count = 400
    files = _tree(tmp_path, {f"pkg_{i // 50}/module_{i}.py": LEGACY.encode() for i in range(count)})
    process = subprocess.Popen(
        [str(SCRIPT), "apply", "--no-cache", "--quiet", "--jobs", jobs, "."],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # the signal goes to the process (group), as a terminal or CI sends it
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and all(path.read_bytes() == data for path, data in list(files.items())[:: count // 20]):
        time.sleep(0.02)
    os.killpg(process.pid, signal_number)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == exit_code, stderr
    assert "interrupted" in stderr
    migrated = sum(path.read_bytes() == MIGRATED.encode() for path in files)
    untouched = sum(path.read_bytes() == data for path, data in files.items())
    assert migrated + untouched == count  # nothing partial, nothing else
    assert 0 < migrated < count, "the signal should land in the middle of the run"
    _no_temporary_files(tmp_path)
