"""What a user copies must work as written: the pre-commit rev and the action's ref exist in this repository,
the action is well formed, the wheel installs and runs in a fresh virtual environment, and check works on a
read-only checkout."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
import venv
from pathlib import Path

import pytest

from tests.test_cli import LEGACY

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = [ROOT / "README.md", ROOT / "docs" / "ci.md", ROOT / ".pre-commit-hooks.yaml"]


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def git_checkout() -> None:
    if shutil.which("git") is None or _git("rev-parse", "--git-dir").returncode != 0:
        pytest.skip("not a git checkout (an installed copy): the refs cannot be looked up")


def test_pre_commit_rev_is_a_commit_of_this_repository(git_checkout: None) -> None:
    """The snippets pin a commit (the v0.2.0 release) by its full hash: pre-commit wants an immutable rev,
    and a hash resolves in every clone of this repository, tags fetched or not."""
    revs = {rev for path in SNIPPETS for rev in re.findall(r"^\s*#?\s*rev: (\S+)", path.read_text(encoding="utf-8"), re.MULTILINE)}
    assert len(revs) == 1, revs
    for rev in revs:
        assert re.fullmatch(r"[0-9a-f]{40}", rev), f"pin a full commit hash, not {rev}"
        found = _git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
        assert found.returncode == 0, f"the README's pre-commit rev {rev} is no commit of this repository"
        hooks = _git("show", f"{rev}:.pre-commit-hooks.yaml")
        assert hooks.returncode == 0 and "id: claude-migrate-check" in hooks.stdout  # the hooks the README names
        assert "--force-exclude" in _git("show", f"{rev}:codemod/cli.py").stdout


def test_pip_install_lines_name_a_ref_that_exists(git_checkout: None) -> None:
    refs = {ref for path in SNIPPETS for ref in re.findall(r"git\+https://[^\s\"@]+@([\w.\-/]+)", path.read_text(encoding="utf-8"))}
    assert refs, "no pip install from the repository in the README"
    for ref in refs:
        assert _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode == 0, ref


def test_action_is_a_composite_that_installs_its_own_checkout() -> None:
    yaml = pytest.importorskip("yaml")
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert '"$ACTION_PATH"' in runs and "claude-migrate check --format github" in runs
    assert all("${{" not in step.get("run", "") for step in steps)  # inputs reach scripts through env only
    assert set(action["inputs"]) == {"paths", "args", "sarif", "sarif-file", "python-version"}
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    assert "inputs.sarif == 'true'" in upload["if"]
    workflow = re.search(r"```yaml\n(name: claude-migrate\n.*?)```", (ROOT / "docs" / "ci.md").read_text(encoding="utf-8"), re.DOTALL)
    assert workflow is not None
    job = yaml.safe_load(workflow.group(1))["jobs"]["claude-migrate"]
    used = job["steps"][1]
    assert used["uses"].startswith("OWNER/claude-migrate@") and set(used["with"]) <= set(action["inputs"])


READ_ONLY_MOUNT = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && cd "$0" && exec "$@"'


def _read_only_runner(root: Path) -> list[str] | None:
    """A command prefix that runs a program with ``root`` read-only. Root ignores file modes, so as root the
    directory is bind-mounted read-only in a private mount namespace; other users get ``chmod``."""
    if os.name != "posix":
        return None
    if os.geteuid() != 0:
        root.chmod(0o555)
        return []
    if shutil.which("unshare") is None:
        return None
    prefix = ["unshare", "-m", "sh", "-c", READ_ONLY_MOUNT, str(root)]
    probe = subprocess.run([*prefix, "sh", "-c", "touch probe"], capture_output=True, text=True, check=False)
    if probe.returncode == 0 or "Read-only file system" not in probe.stderr:
        return None  # no mount namespace here (or the mount is not read-only): cannot tell
    return prefix


def test_check_on_a_read_only_checkout_works_without_the_cache() -> None:
    from tests.conftest import SCRIPT

    root = Path(tempfile.mkdtemp(prefix="claude-migrate-readonly-"))
    try:
        (root / "pyproject.toml").write_text('[tool.claude-migrate]\nignore = ["CM303"]\n', encoding="utf-8")
        (root / "app.py").write_text(LEGACY, encoding="utf-8")
        prefix = _read_only_runner(root)
        if prefix is None:
            pytest.skip("no way to make a directory read-only here (root without mount namespaces)")
        env = {**os.environ, "NO_COLOR": "1"}
        result = subprocess.run([*prefix, str(SCRIPT), "check", "."], cwd=root, capture_output=True, text=True, env=env, check=False)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "app.py:8:15: CM301" in result.stdout and "Traceback" not in result.stderr
        assert not (root / ".claude_migrate_cache").exists()
        assert (root / "app.py").read_text(encoding="utf-8") == LEGACY
        # The same run where it can write leaves the cache beside pyproject.toml.
        root.chmod(0o755)
        assert subprocess.run([str(SCRIPT), "check", "."], cwd=root, capture_output=True, env=env, check=False).returncode == 1
        assert (root / ".claude_migrate_cache" / ".gitignore").exists()
    finally:
        root.chmod(0o755)
        shutil.rmtree(root)


def test_the_wheel_installs_and_runs_in_a_fresh_venv(tmp_path: Path) -> None:
    """Build the wheel, install it in a new venv (its dependencies come from this environment's site-packages,
    so nothing is downloaded), and run the entry point: what `pipx run` / `uvx` would do with it."""
    started = time.monotonic()
    dist = tmp_path / "dist"
    # pip builds in an isolated environment with the build backend pyproject.toml names (from the registry,
    # or pip's cache); the source is copied so that the build leaves nothing in the checkout.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", "*.egg-info", "build", "dist", "__pycache__", ".*cache*", ".hypothesis", ".ci-venv", ".venv"))
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(dist), str(source)],
        capture_output=True, text=True, check=False, timeout=300,
    )
    if build.returncode != 0:
        pytest.skip(f"cannot build a wheel here (no build backend available offline?): {build.stderr.strip()[-300:]}")
    (wheel,) = dist.glob("claude_migrate-*.whl")
    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(environment)
    python = environment / ("Scripts" if os.name == "nt" else "bin") / "python"
    # The dependencies (libcst, click, rich, pathspec) are this environment's, appended to the new one's
    # path by a .pth file: nothing is downloaded, and the wheel's own copy of codemod comes first.
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "_claude_migrate_test_deps.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index", "--no-deps", str(wheel)],
        capture_output=True, text=True, check=False, timeout=300,
    )
    assert installed.returncode == 0, installed.stderr
    script = environment / ("Scripts" if os.name == "nt" else "bin") / "claude-migrate"
    work = tmp_path / "work"
    work.mkdir()
    (work / "app.py").write_text(LEGACY, encoding="utf-8")
    env = {"PATH": str(script.parent), "NO_COLOR": "1", "HOME": str(tmp_path)}
    version = subprocess.run([str(script), "--version"], cwd=work, capture_output=True, text=True, env=env, check=False)
    assert version.returncode == 0 and "claude-migrate" in version.stdout
    check = subprocess.run([str(script), "check", "--format", "sarif", "."], cwd=work, capture_output=True, text=True, env=env, check=False)
    assert check.returncode == 1, check.stderr
    assert '"ruleId": "CM101"' in check.stdout
    page = subprocess.run([str(script), "rule", "CM002"], cwd=work, capture_output=True, text=True, env=env, check=False)
    assert page.returncode == 0 and "unused-suppression" in page.stdout  # the rule pages ship in the wheel
    origin = subprocess.run([str(python), "-c", "import codemod; print(codemod.__file__)"], cwd=work, capture_output=True, text=True, env=env, check=False)
    assert str(environment) in origin.stdout, origin.stdout  # the wheel's copy, not the checkout's
    assert time.monotonic() - started < 120
