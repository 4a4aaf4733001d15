"""Following clients and client factories into the modules of the project they are imported from."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from codemod.project.resolver import FileResolver, ProjectIndex, project_root
from tests.conftest import Cli
from tests.recording_server import RecordingServer
from tests.test_live_requests import request_problems, run_file


def _project(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _resolver(root: Path, importer: str) -> FileResolver:
    return FileResolver(ProjectIndex(root), root / importer)


CLIENTS = {
    "pyproject.toml": "",
    "app/__init__.py": "from .clients import claude as default_claude\n",
    "app/clients.py": (
        "import anthropic\n"
        "from anthropic import AsyncAnthropic\n"
        "from typing import Optional\n"
        "claude = AsyncAnthropic()\n"
        "sync: anthropic.Anthropic = make()\n"
        "vertex = anthropic.AnthropicVertex(region='us-east5') if REGION else anthropic.AnthropicVertex()\n"
        "legacy = anthropic.Client()\n"
        "_memo = None\n"
        "def memoised():\n"
        "    global _memo\n"
        "    if _memo is None:\n"
        "        _memo = anthropic.Anthropic()\n"
        "    return _memo\n"
        "def annotated(key) -> 'anthropic.Anthropic | anthropic.AnthropicVertex':\n"
        "    return build(key)\n"
        "def optional() -> Optional[anthropic.AsyncAnthropic]:\n"
        "    return None\n"
        "def through_local():\n"
        "    client = anthropic.AnthropicBedrock(aws_region='us-east-1')\n"
        "    return client\n"
        "def through_other_factory():\n"
        "    return memoised()\n"
    ),
    "app/lookalike.py": (
        "class Gateway:\n"
        "    messages = None\n"
        "def get_client() -> Gateway:\n"
        "    return Gateway()\n"
        "shared = Gateway()\n"
        "def sometimes(flag):\n"
        "    import anthropic\n"
        "    if flag:\n"
        "        return anthropic.Anthropic()\n"
        "    return Gateway()\n"
    ),
    "src/pkg/__init__.py": "",
    "src/pkg/llm.py": "import anthropic\nclient = anthropic.Anthropic()\n",
}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("app.clients.claude", "AsyncAnthropic"),
        ("app.clients.sync", "Anthropic"),
        ("app.clients.vertex", "AnthropicVertex"),
        ("app.clients.legacy", "Anthropic"),
        ("app.default_claude", "AsyncAnthropic"),  # re-exported by the package
        (".clients.claude", "AsyncAnthropic"),  # relative, from app/service.py
        ("pkg.llm.client", "Anthropic"),  # src layout
        ("app.lookalike.shared", None),
        ("app.clients.missing", None),
        ("os.path", None),
    ],
)
def test_imported_clients(tmp_path: Path, name: str, expected: str | None) -> None:
    root = _project(tmp_path, CLIENTS)
    assert _resolver(root, "app/service.py").client(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("app.clients.memoised", "Anthropic"),
        ("app.clients.annotated", "Anthropic"),
        ("app.clients.optional", "AsyncAnthropic"),
        ("app.clients.through_local", "AnthropicBedrock"),
        ("app.clients.through_other_factory", "Anthropic"),
        ("app.lookalike.get_client", None),  # an in-house class with a .messages: never Anthropic
        ("app.lookalike.sometimes", None),  # one return is not a client
    ],
)
def test_imported_factories(tmp_path: Path, name: str, expected: str | None) -> None:
    root = _project(tmp_path, CLIENTS)
    assert _resolver(root, "app/service.py").factory(name) == expected


def test_dependencies_are_recorded_with_their_digests(tmp_path: Path) -> None:
    root = _project(tmp_path, CLIENTS)
    resolver = _resolver(root, "app/service.py")
    resolver.client("app.default_claude")
    assert [Path(path).relative_to(root).as_posix() for path, _ in resolver.dependencies()] == ["app/__init__.py", "app/clients.py"]


def test_project_root_is_the_nearest_marker(tmp_path: Path) -> None:
    root = _project(tmp_path, CLIENTS)
    assert project_root(root / "app" / "service.py") == root


SERVICE = '''from app.clients import claude


async def summarise(text: str, model: str) -> str:
    message = await claude.messages.create(
        model=model, max_tokens=1000, temperature=0.2, messages=[{"role": "user", "content": text}]
    )
    return message.content[0].text
'''


def test_only_the_named_file_is_checked_but_its_imports_are_read(cli: Cli, tmp_path: Path) -> None:
    """pre-commit names changed files only: the client's module is read, findings stay in the named file."""
    _project(tmp_path, {**CLIENTS, "app/service.py": SERVICE})
    result = cli("check", "--no-cache", "app/service.py")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "app/service.py:6:39: CM201 " in result.stdout
    assert "clients.py" not in result.stdout


def test_a_cached_verdict_is_dropped_when_an_imported_module_changes(cli: Cli, tmp_path: Path) -> None:
    _project(tmp_path, {**CLIENTS, "app/service.py": SERVICE})
    assert cli("check", "app/service.py").returncode == 1
    assert cli("check", "app/service.py").returncode == 1  # from the cache
    clients = tmp_path / "app" / "clients.py"
    clients.write_text("from app.lookalike import Gateway\nclaude = Gateway()\n", encoding="utf-8")
    result = cli("check", "app/service.py")
    assert result.returncode == 0, result.stdout + result.stderr  # no longer an Anthropic client


CONSTANTS = {
    "pyproject.toml": "",
    "app/__init__.py": "",
    "app/config.py": 'MODEL = "claude-opus-4-6"\nTHINKING = {"type": "enabled", "budget_tokens": 8000}\n',
    "app/answers.py": (
        "import anthropic\n"
        "from app.config import MODEL, THINKING\n"
        "client = anthropic.Anthropic()\n"
        "def answer(q):\n"
        "    return client.messages.create(model=MODEL, max_tokens=16000, thinking=THINKING, messages=[])\n"
    ),
}


def test_a_model_constant_is_moved_in_its_module_when_the_run_holds_it(cli: Cli, tmp_path: Path) -> None:
    _project(tmp_path, CONSTANTS)
    check = cli("check", "--no-cache", ".")
    assert "app/config.py:1:9: CM301 claude-opus-4-6 is superseded by claude-opus-4-8 (MODEL is sent as model= by app/answers.py:5)" in check.stdout
    # The thinking constant is reported at the call that sends it (and at its definition, by the backstop).
    assert "app/answers.py:5:75: CM101 " in check.stdout and "THINKING in app/config.py:2" in check.stdout
    assert "app/answers.py:5:41: CM301" not in check.stdout  # reported where it is moved, not twice
    result = cli("apply", "--no-cache", ".")
    assert 'MODEL = "claude-opus-4-8"' in (tmp_path / "app" / "config.py").read_text(), result.stdout
    second = cli("check", "--no-cache", ".")
    assert "CM301" not in second.stdout  # a fixed point


def test_a_model_constant_outside_the_run_is_reported_at_each_call(cli: Cli, tmp_path: Path) -> None:
    """pre-commit names answers.py only: config.py is not rewritten from there; the call says where to change it."""
    _project(tmp_path, CONSTANTS)
    for _ in range(2):  # the second run must not take a stale verdict from the cache
        result = cli("apply", "app/answers.py")
        assert "app/answers.py:5:41: CM301 " in result.stdout and "MODEL in app/config.py:1" in result.stdout, result.stdout
        assert 'MODEL = "claude-opus-4-6"' in (tmp_path / "app" / "config.py").read_text()


def test_a_model_constant_with_another_use_is_not_moved(cli: Cli, tmp_path: Path) -> None:
    _project(tmp_path, {**CONSTANTS, "app/log.py": "from app import config\nprint(config.MODEL)\n"})
    result = cli("apply", "--no-cache", ".")
    assert 'MODEL = "claude-opus-4-6"' in (tmp_path / "app" / "config.py").read_text()
    assert "app/answers.py:5:41: CM301 " in result.stdout and "[manual]" in result.stdout


THINKING_PROJECT = {
    "pyproject.toml": "",
    "app/__init__.py": "",
    "app/config.py": 'MODEL = "claude-opus-4-6"\nTHINKING = {"type": "enabled", "budget_tokens": 8000}\n',
    "app/answers.py": CONSTANTS["app/answers.py"],
    "app/quick.py": (
        "import anthropic\n"
        "from app import config\n"
        "client = anthropic.Anthropic()\n"
        "def quick(q):\n"
        '    return client.messages.create(model="claude-opus-4-8", max_tokens=16000, thinking=config.THINKING, messages=[])\n'
    ),
}


def test_a_thinking_constant_is_rewritten_where_written_and_each_call_gets_its_effort(
    cli: Cli, tmp_path: Path, sdk_env: RecordingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path, THINKING_PROJECT)
    result = cli("apply", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "app" / "config.py").read_text() == 'MODEL = "claude-opus-4-8"\nTHINKING = {"type": "adaptive"}\n'
    for name in ("answers", "quick"):
        assert 'thinking=THINKING, output_config={"effort": "high"}' in (tmp_path / "app" / f"{name}.py").read_text().replace(
            "config.THINKING", "THINKING"
        )
    # The migrated project, run with the real SDK: both requests are what the target accepts.
    monkeypatch.syspath_prepend(str(tmp_path))
    for module in [m for m in sys.modules if m == "app" or m.startswith("app.")]:
        monkeypatch.delitem(sys.modules, module)
    main = tmp_path / "main.py"
    main.write_text("from app.answers import answer\nfrom app.quick import quick\n", encoding="utf-8")
    run = run_file(main, ["answer('q')", "quick('q')"], sdk_env)
    assert not run.errors, run.describe_errors()
    assert len(run.requests) == 2
    for request in run.requests:
        assert request.body["thinking"] == {"type": "adaptive"} and request.body["output_config"] == {"effort": "high"}
        assert not request_problems(request, "claude-opus-4-8")


def test_a_thinking_constant_outside_the_run_is_reported_at_each_call(cli: Cli, tmp_path: Path) -> None:
    _project(tmp_path, THINKING_PROJECT)
    result = cli("apply", "app/quick.py")
    assert "app/quick.py:5:87: CM101 " in result.stdout and "THINKING in app/config.py:2" in result.stdout, result.stdout
    assert "output_config" not in (tmp_path / "app" / "quick.py").read_text()
