"""The command line through the installed console script: modes, exit codes, output, config."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import Cli

LEGACY = '''import anthropic

client = anthropic.Anthropic()


def ask(question: str) -> str:
    response = client.messages.create(
        model="claude-opus-4-6",
        max_tokens=16000,
        temperature=0.2,
        thinking={"type": "enabled", "budget_tokens": 8000},
        messages=[{"role": "user", "content": question}],
    )
    return response.content[0].text
'''

MIGRATED = '''import anthropic

client = anthropic.Anthropic()


def ask(question: str) -> str:
    response = client.messages.create(
        model="claude-opus-4-8",
        max_tokens=16000,
        thinking={"type": "adaptive"},
        output_config={"effort": "high"},
        messages=[{"role": "user", "content": question}],
    )
    return response.content[0].text
'''

DYNAMIC = '''from anthropic import Anthropic

client = Anthropic()


def think(budget: int):
    return client.messages.create(
        model="claude-opus-4-8", max_tokens=16000, messages=[],
        thinking={"type": "enabled", "budget_tokens": budget},
    )
'''

CLEAN = '''import anthropic

client = anthropic.Anthropic()
client.messages.create(model="claude-opus-4-8", max_tokens=1024, messages=[])
'''


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_check_reports_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, "app.py", LEGACY)
    result = cli("check", ".")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        'app.py:8:15: CM301 claude-opus-4-6 is superseded by claude-opus-4-8; use "claude-opus-4-8" [safe fix]',
        ("app.py:10:9: CM201 temperature=0.2 removed: the SDK (>= 1.0) raises TypeError for it and the API "
        "(2026-10-21) rejects it on every model [safe fix]"),
        ('app.py:11:18: CM101 thinking type "enabled" with budget_tokens=8000 is rejected by claude-opus-4-8: use '
        '{"type": "adaptive"} and output_config.effort "high" (budget 5000-11999 -> high by the effort map; '
        "no official mapping exists) [safe fix]"),
    ]
    assert lines[3] == "Found 3 findings in 1 file: 3 fixable by apply, 0 more with --unsafe-fixes, 0 to change by hand."
    assert path.read_text(encoding="utf-8") == LEGACY


def test_clean_tree_exits_zero(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "app.py", CLEAN)
    write(tmp_path, "other.py", "print('no anthropic here')\n")
    result = cli("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "Nothing to migrate in 2 files."


def test_a_budget_nothing_traces_fails_the_check_until_it_is_marked(cli: Cli, tmp_path: Path) -> None:
    """CM108, the CI backstop: a budget in a file that never names the SDK still fails the check; the
    README's suppression keeps it on purpose and the check passes."""
    config = 'THINKING = {"type": "enabled", "budget_tokens": 4096}\n'
    write(tmp_path, "settings.py", config)
    result = cli("check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "settings.py:1:12: CM108 " in result.stdout
    write(tmp_path, "settings.py", config.replace("\n", "  # claude-migrate: ignore[CM108]\n"))
    result = cli("check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_diff_prints_the_patch_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, "app.py", LEGACY)
    result = cli("diff", "app.py")
    assert result.returncode == 1
    assert result.stdout.startswith("--- a/app.py\n+++ b/app.py\n@@")
    assert '-        model="claude-opus-4-6",\n+        model="claude-opus-4-8",\n' in result.stdout
    assert "-        temperature=0.2,\n" in result.stdout
    assert "CM101" in result.stderr  # findings stay visible, on stderr so the patch is clean
    assert path.read_text(encoding="utf-8") == LEGACY
    # The patch applies with the standard tool and gives exactly what apply writes.
    if shutil.which("patch") is None:
        return
    patched = subprocess.run(["patch", "-p1", "--dry-run"], input=result.stdout, text=True, cwd=tmp_path, capture_output=True, check=False)
    assert patched.returncode == 0, patched.stderr


def test_apply_fixes_then_is_idempotent(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, "app.py", LEGACY)
    first = cli("apply", ".")
    assert first.returncode == 0, first.stdout + first.stderr
    assert path.read_text(encoding="utf-8") == MIGRATED
    assert first.stdout.strip() == "Fixed 3 of 3 findings in 1 file; 0 remaining."
    mtime = path.stat().st_mtime_ns
    second = cli("apply", ".")
    assert second.returncode == 0
    assert second.stdout.strip() == "Nothing to migrate in 1 file."
    assert path.stat().st_mtime_ns == mtime  # an unchanged file is never rewritten


def test_apply_reports_what_is_left_and_exits_one(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, "app.py", DYNAMIC)
    result = cli("apply")
    assert result.returncode == 1
    assert "app.py:9:18: CM102" in result.stdout and "[unsafe fix: --unsafe-fixes]" in result.stdout
    assert path.read_text(encoding="utf-8") == DYNAMIC
    unsafe = cli("apply", "--unsafe-fixes")
    assert unsafe.returncode == 0, unsafe.stdout
    assert 'thinking={"type": "adaptive"},' in path.read_text(encoding="utf-8")


def test_json_output_shape(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "app.py", LEGACY)
    write(tmp_path, "clean.py", CLEAN)
    result = cli("check", "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert set(document) >= {"version", "target", "files", "summary"}
    assert document["version"] == 1 and document["target"] == "claude-opus-4-8"
    (entry,) = document["files"]
    assert entry["path"] == "app.py" and entry["status"] == "changed" and entry["error"] is None
    assert entry["reason"] is None  # status "skipped" only: why a file naming the SDK was not analysed
    first = dict(entry["findings"][0])
    assert first.pop("cell", None) is None  # only notebook findings have a cell number
    assert first == {
        "code": "CM301", "name": "model-superseded", "line": 8, "column": 15, "end_line": 8, "end_column": 32,
        "message": 'claude-opus-4-6 is superseded by claude-opus-4-8; use "claude-opus-4-8"',
        "fix": "safe", "applied": False,
    }
    assert document["summary"] == {
        "files": 2, "changed": 1, "findings": 3, "fixed": 0, "remaining": 3, "errors": 0, "skipped": 0,
        "not_analysed": 0, "cached": 0,
    }


def test_json_after_apply_marks_applied(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "app.py", LEGACY)
    document = json.loads(cli("apply", "--format", "json").stdout)
    assert all(f["applied"] for f in document["files"][0]["findings"])
    assert document["summary"]["fixed"] == 3 and document["summary"]["remaining"] == 0


def test_unparsable_file_is_reported_and_the_run_goes_on(cli: Cli, tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.py", "import anthropic\ndef oops(:\n")
    good = write(tmp_path, "good.py", LEGACY)
    result = cli("apply", ".")
    assert result.returncode == 2
    assert "broken.py: error: cannot parse" in result.stdout
    assert broken.read_text(encoding="utf-8") == "import anthropic\ndef oops(:\n"
    assert good.read_text(encoding="utf-8") == MIGRATED


def test_undecodable_file_is_an_error(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_bytes(b"# -*- coding: utf-8 -*-\nimport anthropic\nx = '\xff\xfe'\n")
    result = cli("check", "bad.py")
    assert result.returncode == 2
    assert "bad.py: error:" in result.stdout


def test_missing_path_is_an_error(cli: Cli, tmp_path: Path) -> None:
    result = cli("check", "nope.py")
    assert result.returncode == 2
    assert "nope.py: error: no such file or directory" in result.stderr


def test_unknown_target_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "app.py", LEGACY)
    result = cli("check", "--target", "claude-opus-9")
    assert result.returncode == 2
    assert "unknown target model 'claude-opus-9'; valid targets:" in result.stderr
    assert "claude-opus-4-8" in result.stderr


def test_target_changes_the_migration(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, "app.py", LEGACY)
    cli("apply", "--target", "claude-opus-5-5")
    assert 'model="claude-opus-5-5"' in path.read_text(encoding="utf-8")


def test_select_and_ignore(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "app.py", LEGACY)
    only_sampling = cli("check", "--select", "CM2")
    assert [line.split()[1] for line in only_sampling.stdout.splitlines()[:-1]] == ["CM201"]
    no_models = cli("check", "--ignore", "CM3,CM201")
    assert [line.split()[1] for line in no_models.stdout.splitlines()[:-1]] == ["CM101"]
    bad = cli("check", "--select", "XX9")
    assert bad.returncode == 2 and "matches no rule" in bad.stderr


def test_pyproject_config_and_cli_precedence(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.claude-migrate]\ntarget = "claude-opus-5"\nignore = ["CM201"]\n'
          '[tool.claude-migrate.effort-map]\nlow = 0\nmax = 6000\n')
    path = write(tmp_path, "src/app.py", LEGACY)
    result = cli("check", "--format", "json", "src")
    document = json.loads(result.stdout)
    assert document["target"] == "claude-opus-5"
    codes = [f["code"] for f in document["files"][0]["findings"]]
    assert codes == ["CM301", "CM101"]
    assert '"max"' in document["files"][0]["findings"][1]["message"]
    override = json.loads(cli("check", "--format", "json", "--target", "claude-opus-4-8", "src").stdout)
    assert override["target"] == "claude-opus-4-8"
    assert path.read_text(encoding="utf-8") == LEGACY


def test_bad_config_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.claude-migrate]\ntargte = "claude-opus-5"\n')
    write(tmp_path, "app.py", LEGACY)
    result = cli("check")
    assert result.returncode == 2
    assert "unknown key(s) in [tool.claude-migrate]: targte" in result.stderr


def test_suppression_comments(cli: Cli, tmp_path: Path) -> None:
    source = LEGACY.replace("temperature=0.2,", "temperature=0.2,  # claude-migrate: ignore[CM201]").replace(
        'model="claude-opus-4-6",', 'model="claude-opus-4-6",  # claude-migrate: ignore'
    )
    path = write(tmp_path, "app.py", source)
    result = cli("apply")
    assert result.returncode == 0, result.stdout
    text = path.read_text(encoding="utf-8")
    assert "temperature=0.2," in text and 'model="claude-opus-4-6"' in text
    assert '"type": "adaptive"' in text


def test_excludes_gitignore_and_explicit_files(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, ".gitignore", "generated/\n")
    write(tmp_path, "generated/old.py", LEGACY)
    write(tmp_path, ".venv/lib/site.py", LEGACY)
    write(tmp_path, "legacy/skip_me.py", LEGACY)
    write(tmp_path, "app.py", LEGACY)
    walked = json.loads(cli("check", "--format", "json", "--exclude", "legacy/").stdout)
    assert [f["path"] for f in walked["files"]] == ["app.py"]
    # Files named explicitly are processed even when excluded, unless --force-exclude (pre-commit).
    explicit = json.loads(cli("check", "--format", "json", "--exclude", "legacy/", "legacy/skip_me.py").stdout)
    assert [f["path"] for f in explicit["files"]] == ["legacy/skip_me.py"]
    forced = cli("check", "--exclude", "legacy/", "--force-exclude", "legacy/skip_me.py", ".venv/lib/site.py")
    assert forced.returncode == 0, forced.stdout


def test_parallel_run_matches_serial(cli: Cli, tmp_path: Path) -> None:
    for index in range(40):  # distinct contents: identical ones are analysed once per process
        write(tmp_path, f"pkg/module_{index}.py", (LEGACY if index % 2 else CLEAN) + f"# module {index}\n")
    serial = json.loads(cli("check", "--format", "json", "--no-cache", "--jobs", "1").stdout)
    parallel = json.loads(cli("check", "--format", "json", "--no-cache", "--jobs", "2").stdout)
    assert serial == parallel
    assert serial["summary"]["findings"] == 60


def test_rules_and_models_commands(cli: Cli) -> None:
    rules = json.loads(cli("rules", "--format", "json").stdout)
    codes = [r["code"] for r in rules]
    assert {"CM101", "CM102", "CM103", "CM104", "CM105", "CM106", "CM201", "CM301", "CM302", "CM303"} <= set(codes)
    assert {r["code"]: r["fix"] for r in rules}["CM101"] == "safe"
    text = cli("rules")
    assert text.returncode == 0 and "budget-tokens" in text.stdout
    models = json.loads(cli("models", "--format", "json").stdout)
    opus = next(m for m in models if m["id"] == "claude-opus-4-8")
    assert opus["bedrock"] == ["anthropic.claude-opus-4-8"] and "adaptive" in opus["thinking"]
    assert all(m["status"] != "retired" for m in models)
    assert cli("models").returncode == 0


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "codemod", "--version"], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 0 and "claude-migrate" in result.stdout


def test_readme_example_shows_a_migration(cli: Cli) -> None:
    root = Path(__file__).resolve().parent.parent
    result = cli("diff", "examples/legacy_app", cwd=root)
    assert result.returncode == 1
    assert '+            thinking={"type": "adaptive"},' in result.stdout
    assert "CM102" in result.stderr
    # Sonnet 4.5 retired on 2026-11-30: from that day on it is CM302, a safe fix, as claude-3-opus is.
    assert "claude-sonnet-4-5-20250929 retired on 2026-11-30" in result.stderr
    assert "pricing.py" not in result.stdout and "fallback.py" not in result.stdout


def test_diff_of_a_tab_indented_crlf_file_applies(cli: Cli, tmp_path: Path) -> None:
    if shutil.which("patch") is None:
        return
    source = (
        "import anthropic\r\nc = anthropic.Anthropic()\r\ndef f():\r\n\treturn c.messages.create(\r\n"
        "\t\tmodel='claude-opus-4-6',\r\n\t\ttemperature=1,\r\n\t\tmessages=[])\r\n"
    )
    path = tmp_path / "tabs.py"
    path.write_bytes(source.encode())
    from tests.conftest import SCRIPT

    patch_bytes = subprocess.run([str(SCRIPT), "diff", "tabs.py"], cwd=tmp_path, capture_output=True, check=False).stdout
    assert b"\t\tmodel='claude-opus-4-8',\r\n" in patch_bytes
    applied = subprocess.run(["patch", "-p1"], input=patch_bytes, cwd=tmp_path, capture_output=True, check=False)
    assert applied.returncode == 0, applied.stderr
    expected = source.replace("claude-opus-4-6", "claude-opus-4-8").replace("\t\ttemperature=1,\r\n", "")
    assert path.read_bytes() == expected.encode()


def test_unsafe_fixes_flag_changes_what_check_promises(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "app.py", DYNAMIC)
    plain = cli("check")
    assert "[unsafe fix: --unsafe-fixes]" in plain.stdout
    assert plain.stdout.splitlines()[-1] == "Found 1 finding in 1 file: 0 fixable by apply, 1 more with --unsafe-fixes, 0 to change by hand."
    unsafe = cli("check", "--unsafe-fixes")
    assert "[unsafe fix]" in unsafe.stdout
    assert unsafe.stdout.splitlines()[-1] == "Found 1 finding in 1 file: 1 fixable by apply, 0 more with --unsafe-fixes, 0 to change by hand."


def test_json_summary_counts_files_the_prefilter_skipped(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "app.py", LEGACY)
    write(tmp_path, "plain.py", "print('no model here')\n")
    document = json.loads(cli("check", "--format", "json").stdout)
    assert document["summary"]["files"] == 2 and document["summary"]["skipped"] == 1
