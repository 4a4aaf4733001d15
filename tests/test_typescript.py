"""TypeScript and JavaScript call sites (``codemod/script/``): exact rewrites, reports, discovery, outputs, and the
migrated code run with Node and the real ``@anthropic-ai/sdk`` against the recording server.

The mixed repository (a Python backend, a Next.js route, Node scripts, decoys, build output) is a tree fixture:
``fixtures/typescript/mixed_repository`` (``tests/test_fixture_trees.py`` checks its findings and files).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from codemod.config import Settings
from codemod.results import EngineError
from codemod.script.migrate import migrate_script
from tests.conftest import Cli
from tests.recording_server import MESSAGES, RecordingServer
from tests.target_rules import violations
from tests.test_output_formats import SCHEMA as SARIF_SCHEMA

SETTINGS = Settings(target="claude-opus-4-8", jobs=1)
MIXED = Path(__file__).resolve().parent.parent / "fixtures" / "typescript" / "mixed_repository"
SDK_VERSION = "1.16.0"  # the @anthropic-ai/sdk release whose types the rules were checked against


def _migrate(source: str, path: str = "app.ts", settings: Settings = SETTINGS) -> tuple[str, list[str]]:
    result = migrate_script(path, source.encode(), settings, fix=True)
    found = [f"{d.line}:{d.column} {d.code}" for d in result.diagnostics]
    return (result.new_source or source.encode()).decode(), found


HEADER = 'import Anthropic from "@anthropic-ai/sdk";\nconst client = new Anthropic();\n'


def test_a_single_line_request_is_rewritten_in_place() -> None:
    source = HEADER + 'await client.messages.create({ model: "claude-opus-4-6", temperature: 0.5, max_tokens: 10, messages: [] });\n'
    output, found = _migrate(source)
    assert output == HEADER + 'await client.messages.create({ model: "claude-opus-4-8", max_tokens: 10, messages: [] });\n'
    assert found == ["3:39 CM301", "3:58 CM201"]


def test_the_effort_joins_an_output_config_already_there_and_one_already_written_is_kept() -> None:
    source = HEADER + (
        "await client.messages.create({\n"
        "  model: 'claude-opus-4-8',\n"
        "  thinking: { type: 'enabled', budget_tokens: 1024 },\n"
        "  output_config: { format: { type: 'json_schema', schema: {} } },\n"
        "  messages: [],\n"
        "});\n"
        "await client.messages.create({ model: 'claude-opus-4-8', thinking: { type: 'enabled', budget_tokens: 50000 }, output_config: { effort: 'low' }, messages: [] });\n"
    )
    output, found = _migrate(source)
    assert output == HEADER + (
        "await client.messages.create({\n"
        "  model: 'claude-opus-4-8',\n"
        "  thinking: { type: 'adaptive' },\n"
        "  output_config: { format: { type: 'json_schema', schema: {} }, effort: 'low' },\n"
        "  messages: [],\n"
        "});\n"
        "await client.messages.create({ model: 'claude-opus-4-8', thinking: { type: 'adaptive' }, output_config: { effort: 'low' }, messages: [] });\n"
    )
    assert found == ["5:13 CM101", "9:68 CM101"]


def test_what_cannot_be_fixed_is_reported_and_left_alone() -> None:
    source = HEADER + (
        "const budget = Number(process.env.BUDGET);\n"
        "const base = loadDefaults();\n"
        "await client.messages.create({ ...base, model: 'claude-opus-4-8', thinking: { type: 'enabled', budget_tokens: budget }, messages: [] });\n"
        "await client.messages.create({ model: 'claude-opus-4-8', temperature: pick(), messages: [] });\n"
        "export const legacy = { thinking: { type: 'enabled', budget_tokens: 2048 } };\n"
        "export const kept = { type: 'enabled', budget_tokens: 4096 }; // claude-migrate: ignore[CM108]\n"
    )
    output, found = _migrate(source)
    assert output == source
    assert found == ["5:32 CM001", "5:77 CM102", "6:58 CM201", "7:54 CM108"]


def test_other_clients_and_local_objects_are_never_touched() -> None:
    source = (
        'import OpenAI from "openai";\n'
        "const client = new OpenAI();\n"
        "await client.beta.threads.messages.create('t', { role: 'user', content: 'hi', temperature: 0.2 });\n"
        "const Anthropic = makeFake();\n"  # not the SDK's: no import proves it
        "await new Anthropic().messages.create({ model: 'claude-opus-4-6', temperature: 0.2 });\n"
    )
    output, found = _migrate(source)
    assert output == source
    assert found == ["5:7 CM001"]  # a Claude model ID on an unproven client is reported, not rewritten


def test_shadowed_client_names_prove_nothing() -> None:
    source = HEADER + (
        "function send(client: { messages: { create(x: object): void } }) {\n"
        "  client.messages.create({ model: 'claude-opus-4-6', temperature: 1 });\n"
        "}\n"
    )
    output, found = _migrate(source)
    assert output == source
    assert found == ["4:3 CM001"]


def test_bedrock_and_vertex_clients_keep_their_id_forms() -> None:
    source = (
        'import { AnthropicBedrock } from "@anthropic-ai/bedrock-sdk";\n'
        'const { AnthropicVertex } = require("@anthropic-ai/vertex-sdk");\n'
        "const bedrock = new AnthropicBedrock();\n"
        "const vertex = new AnthropicVertex();\n"
        "bedrock.messages.create({ model: 'anthropic.claude-opus-4-6-v1', max_tokens: 10, messages: [] });\n"
        "vertex.messages.create({ model: 'claude-opus-4-6', max_tokens: 10, messages: [] });\n"
    )
    output, found = _migrate(source)
    assert output == source.replace("anthropic.claude-opus-4-6-v1", "anthropic.claude-opus-4-8").replace(
        "'claude-opus-4-6'", "'claude-opus-4-8'"
    )
    assert found == ["5:34 CM301", "6:33 CM301"]
    assert _migrate(output) == (output, [])


def test_jsx_and_tsx_parse_with_their_grammars() -> None:
    jsx = HEADER + "export const Page = () => <div>{client.messages.create({ model: 'claude-opus-4-6', max_tokens: 1, messages: [] })}</div>;\n"
    for path in ("page.jsx", "page.tsx"):
        output, found = _migrate(jsx, path)
        assert "claude-opus-4-8" in output and [f.split()[1] for f in found] == ["CM301"]


def test_a_file_that_does_not_parse_is_an_error_and_left_untouched(cli: Cli, tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="syntax error at line 2"):
        migrate_script("bad.ts", b'import Anthropic from "@anthropic-ai/sdk";\nconst = ;\n', SETTINGS)
    (tmp_path / "bad.ts").write_bytes(b'import Anthropic from "@anthropic-ai/sdk";\nconst = ;\n')
    out = cli("apply", "--no-cache", ".")
    assert out.returncode == 2 and "bad.ts: error: cannot parse as typescript" in out.stdout + out.stderr
    assert (tmp_path / "bad.ts").read_bytes() == b'import Anthropic from "@anthropic-ai/sdk";\nconst = ;\n'


def test_declaration_files_and_build_output_are_not_read(cli: Cli, tmp_path: Path) -> None:
    budget = b"export const t = { type: 'enabled', budget_tokens: 1024 };\n"
    for name in ("types.d.ts", "dist/index.js", ".next/server/page.js", "node_modules/x/index.js", "src/app.ts"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(budget)
    document = json.loads(cli("check", "--no-cache", "--format", "json", ".").stdout)
    assert [f["path"] for f in document["files"] if f["findings"]] == ["src/app.ts"]
    assert document["summary"]["errors"] == 0
    named = json.loads(cli("check", "--no-cache", "--format", "json", "types.d.ts").stdout)  # as pre-commit names it
    assert named["summary"] == {**named["summary"], "errors": 0, "findings": 0}


def test_json_and_sarif_carry_typescript_findings(cli: Cli, tmp_path: Path) -> None:
    shutil.copytree(MIXED / "input", tmp_path, dirs_exist_ok=True)
    document = json.loads(cli("check", "--no-cache", "--format", "json", ".").stdout)
    route = next(f for f in document["files"] if f["path"].endswith("route.ts"))
    assert [(d["code"], d["line"], d["fix"]) for d in route["findings"]] == [("CM301", 9, "safe"), ("CM201", 11, "safe"), ("CM101", 12, "safe")]
    sarif = json.loads(cli("check", "--no-cache", "--format", "sarif", ".").stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert "web/app/api/chat/route.ts" in uris and "scripts/compose.mjs" in uris
    github = cli("check", "--no-cache", "--format", "github", ".").stdout
    assert "file=web/app/api/chat/route.ts,line=12" in github


def test_a_python_only_run_never_loads_tree_sitter(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("import anthropic\nanthropic.Anthropic().messages.create(model='claude-opus-4-6', max_tokens=1, messages=[])\n")
    probe = (
        "import sys\nfrom codemod.cli import main\n"
        "try:\n    main(['check', '--no-cache', '--jobs', '1', '.'])\nexcept SystemExit:\n    pass\n"
        "print('tree_sitter' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr


# Node and the real SDK --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def node_sdk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory with ``@anthropic-ai/sdk`` installed from the npm registry."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("Node.js and npm are needed to run migrated TypeScript/JavaScript")
    root = tmp_path_factory.mktemp("node-sdk")
    (root / "package.json").write_text('{"name": "live", "private": true, "type": "module"}\n')
    install = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--silent", f"@anthropic-ai/sdk@{SDK_VERSION}"],
        cwd=root, capture_output=True, text=True, timeout=300, check=False,
    )
    if install.returncode != 0 and ("ENOTFOUND" in install.stderr or "EAI_AGAIN" in install.stderr or "ECONNREFUSED" in install.stderr):
        pytest.skip(f"the npm registry cannot be reached: {install.stderr.strip()[:200]}")
    assert install.returncode == 0, install.stderr
    return root


def _run_node(root: Path, script: str, server: RecordingServer) -> None:
    (root / "main.mjs").write_text(script)
    env = {**os.environ, "ANTHROPIC_BASE_URL": server.url, "ANTHROPIC_API_KEY": "test", "NO_PROXY": "127.0.0.1,localhost"}
    out = subprocess.run(["node", "main.mjs"], cwd=root, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert out.returncode == 0, out.stderr


def test_migrated_requests_sent_by_the_typescript_sdk_are_accepted(node_sdk: Path, recording_server: RecordingServer) -> None:
    original = (MIXED / "input" / "scripts" / "compose.mjs").read_text()
    migrated = (MIXED / "output" / "scripts" / "compose.mjs").read_text()
    _run_node(node_sdk, original, recording_server)
    _run_node(node_sdk, migrated, recording_server)
    before, after = [r.body for r in recording_server.requests if r.path == MESSAGES]
    assert violations(before, "claude-opus-4-8", as_target=True) != []
    assert violations(after, "claude-opus-4-8") == []
    assert after["thinking"] == {"type": "adaptive"}
    assert after["output_config"]["effort"] == "max" and "top_k" not in after
    assert {k: v for k, v in after.items() if k not in ("model", "thinking", "output_config")} == {
        k: v for k, v in before.items() if k not in ("model", "thinking", "output_config", "top_k")
    }


def test_a_cached_verdict_follows_the_module_that_proves_the_client(cli: Cli, tmp_path: Path) -> None:
    shutil.copytree(MIXED.parent / "client_from_a_project_module" / "input", tmp_path, dirs_exist_ok=True)

    def route_codes() -> list[str]:
        document = json.loads(cli("check", "--format", "json", ".").stdout)
        return [d["code"] for f in document["files"] if f["path"].endswith("chat/route.ts") for d in f["findings"]]

    assert route_codes() == ["CM201"]
    assert route_codes() == ["CM201"]  # from the cache
    lib = tmp_path / "lib" / "anthropic.ts"
    lib.write_text(lib.read_text().replace("export const anthropic = new Anthropic(", "export const anthropic = makeOther("))
    assert route_codes() == []  # no longer provably a client: the cached verdict is not reused


def test_batch_entries_are_migrated_like_requests() -> None:
    source = HEADER + (
        "await client.messages.batches.create({\n"
        "  requests: [\n"
        "    { custom_id: 'a', params: { model: 'claude-opus-4-6', max_tokens: 100, temperature: 0.1, messages: [] } },\n"
        "    { custom_id: 'b', params: { model: 'claude-opus-4-8', max_tokens: 100, thinking: { type: 'enabled', budget_tokens: 3000 }, messages: [] } },\n"
        "  ],\n"
        "});\n"
        "await client.messages.batches.create({ requests: built });\n"
    )
    output, found = _migrate(source)
    assert output == HEADER + (
        "await client.messages.batches.create({\n"
        "  requests: [\n"
        "    { custom_id: 'a', params: { model: 'claude-opus-4-8', max_tokens: 100, messages: [] } },\n"
        "    { custom_id: 'b', params: { model: 'claude-opus-4-8', max_tokens: 100, thinking: { type: 'adaptive' }, output_config: { effort: 'medium' }, messages: [] } },\n"
        "  ],\n"
        "});\n"
        "await client.messages.batches.create({ requests: built });\n"
    )
    assert found == ["5:40 CM301", "5:76 CM201", "6:86 CM101", "9:38 CM001"]


AI_SDK = (
    'import { anthropic, createAnthropic } from "@ai-sdk/anthropic";\n'
    'import { openai } from "@ai-sdk/openai";\n'
    'import { generateText } from "ai";\n'
    "const gateway = createAnthropic({ baseURL: process.env.GATEWAY });\n"
    "await generateText({\n"
    '  model: anthropic("claude-3-5-sonnet-20241022"),\n'
    "  providerOptions: { anthropic: { thinking: { type: 'enabled', budgetTokens: 12000 } } },\n"
    "});\n"
    "await generateText({ model: gateway.languageModel('claude-sonnet-4-5'), temperature: 0.3, prompt: 'x' });\n"
    "await generateText({ model: openai('gpt-4o'), providerOptions: { openai: { reasoningEffort: 'low' } } });\n"
)


def test_the_ai_sdk_provider_gets_model_ids_and_adaptive_thinking_with_its_effort_option() -> None:
    output, found = _migrate(AI_SDK)
    assert output == AI_SDK.replace("claude-3-5-sonnet-20241022", "claude-sonnet-5-5").replace(
        "claude-sonnet-4-5", "claude-sonnet-5-5"
    ).replace("{ thinking: { type: 'enabled', budgetTokens: 12000 } }", "{ thinking: { type: 'adaptive' }, effort: 'xhigh' }")
    assert found == ["6:20 CM302", "7:45 CM101", "9:51 CM302"]


def test_an_anthropic_function_not_imported_from_the_ai_sdk_is_left_alone() -> None:
    source = "const anthropic = (id: string) => id;\nexport const model = anthropic('claude-3-5-sonnet-20241022'); // @ai-sdk/anthropic\n"
    assert _migrate(source) == (source, [])


def test_effort_written_inside_thinking_moves_to_output_config() -> None:
    source = HEADER + (
        "await client.messages.create({\n"
        "  model: 'claude-opus-4-8',\n"
        "  thinking: { type: 'adaptive', effort: 'high' },\n"
        "  messages: [],\n"
        "});\n"
        "await client.messages.create({ model: 'claude-opus-4-8', thinking: { type: 'enabled', budget_tokens: 4000, effort: 'low' }, messages: [] });\n"
    )
    output, found = _migrate(source)
    assert output == HEADER + (
        "await client.messages.create({\n"
        "  model: 'claude-opus-4-8',\n"
        "  thinking: { type: 'adaptive' },\n"
        "  output_config: { effort: 'high' },\n"
        "  messages: [],\n"
        "});\n"
        "await client.messages.create({ model: 'claude-opus-4-8', thinking: { type: 'adaptive' }, output_config: { effort: 'low' }, messages: [] });\n"
    )
    assert found == ["5:33 CM103", "8:68 CM101", "8:108 CM103"]


def test_obsolete_beta_headers_go_once_the_request_no_longer_needs_them() -> None:
    source = HEADER + (
        "await client.beta.messages.create({\n"
        "  model: 'claude-opus-4-8',\n"
        "  max_tokens: 1024,\n"
        "  thinking: { type: 'enabled', budget_tokens: 4000 },\n"
        "  betas: ['interleaved-thinking-2025-05-14', 'fine-grained-tool-streaming-2025-05-14', 'files-api-2025-04-14'],\n"
        "  messages: [],\n"
        "});\n"
        "await client.beta.messages.create({ model: 'claude-opus-4-8', max_tokens: 10, betas: ['output-128k-2025-02-19'], messages: [] });\n"
        "await client.beta.messages.create({ ...base, model: 'claude-opus-4-8', max_tokens: 10, betas: ['structured-outputs-2025-11-13'], messages: [] });\n"
    )
    output, found = _migrate(source)
    assert output == HEADER + (
        "await client.beta.messages.create({\n"
        "  model: 'claude-opus-4-8',\n"
        "  max_tokens: 1024,\n"
        "  thinking: { type: 'adaptive' },\n"
        "  output_config: { effort: 'medium' },\n"
        "  betas: ['fine-grained-tool-streaming-2025-05-14', 'files-api-2025-04-14'],\n"
        "  messages: [],\n"
        "});\n"
        "await client.beta.messages.create({ model: 'claude-opus-4-8', max_tokens: 10, messages: [] });\n"
        "await client.beta.messages.create({ ...base, model: 'claude-opus-4-8', max_tokens: 10, betas: ['structured-outputs-2025-11-13'], messages: [] });\n"
    )
    assert found == ["6:13 CM101", "7:11 CM402", "7:46 CM402", "10:87 CM402", "11:37 CM001"]


def test_prefill_forced_tool_choice_and_long_non_streaming_requests_are_reported() -> None:
    source = HEADER + (
        "await client.messages.create({\n"
        "  model: 'claude-sonnet-5-5',\n"
        "  max_tokens: 64000,\n"
        "  tool_choice: { type: 'tool', name: 'extract' },\n"
        "  messages: [{ role: 'user', content: 'Give JSON.' }, { role: 'assistant', content: '{' }],\n"
        "});\n"
        "await client.messages.stream({ model: 'claude-opus-4-8', max_tokens: 64000, messages: [{ role: 'user', content: 'x' }] });\n"
        "await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'assistant', content: 'a' }] });\n"
        "await client.messages.create({ model: 'claude-opus-4-8', max_tokens: 64000, messages: [] }, { timeout: 3_600_000 });\n"
    )
    output, found = _migrate(source)
    assert output == source.replace("claude-sonnet-4-5", "claude-sonnet-5-5")
    assert found == ["5:3 CM503", "6:16 CM502", "7:55 CM501", "10:39 CM302", "10:60 CM504", "10:88 CM501"]


RUNNABLE_CJS = (
    'const Anthropic = require("@anthropic-ai/sdk");\n'
    "const client = new Anthropic();\n"
    "const params = {\n"
    "  model: 'claude-opus-4-6',\n"
    "  max_tokens: 16000,\n"
    "  temperature: 1,\n"
    "  thinking: { type: 'enabled', budget_tokens: 6000 },\n"
    "  messages: [{ role: 'user', content: 'Plan the trip.' }],\n"
    "};\n"
    "async function main() {\n"
    "  await client.messages.create(params);\n"
    "  await client.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 512, top_p: 0.9, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();\n"
    "  await client.messages.countTokens({ model: 'claude-opus-4-6', messages: [{ role: 'user', content: 'hi' }] });\n"
    "  await client.messages.batches.create({ requests: [{ custom_id: 'a', params: { model: 'claude-opus-4-6', max_tokens: 64, top_k: 5, messages: [{ role: 'user', content: 'hi' }] } }] });\n"
    "}\n"
    "main().catch((error) => { console.error(error); process.exit(1); });\n"
)


def test_commonjs_streams_counts_and_batches_send_accepted_requests(node_sdk: Path, recording_server: RecordingServer) -> None:
    migrated, found = _migrate(RUNNABLE_CJS, "job.cjs")
    assert [f.split()[1] for f in found] == ["CM301", "CM201", "CM101", "CM302", "CM504", "CM201", "CM301", "CM301", "CM201"]
    for script in (RUNNABLE_CJS, migrated):
        (node_sdk / "job.cjs").write_text(script)
        env = {**os.environ, "ANTHROPIC_BASE_URL": recording_server.url, "ANTHROPIC_API_KEY": "test", "NO_PROXY": "127.0.0.1,localhost"}
        out = subprocess.run(["node", "job.cjs"], cwd=node_sdk, capture_output=True, text=True, env=env, timeout=120, check=False)
        assert out.returncode == 0, out.stderr
    bodies = [body for request in recording_server.requests for body in request.message_bodies()]
    before, after = bodies[: len(bodies) // 2], bodies[len(bodies) // 2 :]
    assert len(after) == 4  # create, stream, count_tokens, one batch entry
    assert [violations(body, "claude-opus-4-8") for body in after] == [[], [], [], []]
    assert any(violations(body, "claude-opus-4-8", as_target=True) for body in before)
    assert after[0]["thinking"] == {"type": "adaptive"} and after[0]["output_config"] == {"effort": "high"}


def test_thinking_type_none_and_disabled_follow_what_the_model_accepts() -> None:
    source = HEADER + (
        "await client.messages.create({ model: 'claude-opus-4-8', max_tokens: 10, thinking: { type: 'none' }, messages: [] });\n"
        "await client.messages.create({ model: 'claude-opus-5-5', max_tokens: 10, thinking: { type: 'disabled' }, messages: [] });\n"
        "await client.messages.create({ model: 'claude-opus-5-5', max_tokens: 10, thinking: { type: 'none' }, messages: [] });\n"
    )
    output, found = _migrate(source)
    assert output == source.replace("thinking: { type: 'none' }", "thinking: { type: 'disabled' }", 1)
    assert found == ["3:92 CM105", "4:92 CM107", "5:92 CM105"]


def test_line_endings_and_a_byte_order_mark_are_kept() -> None:
    lines = [
        "\ufeffimport Anthropic from '@anthropic-ai/sdk';", "const client = new Anthropic();", "await client.messages.create({",
        "  model: 'claude-opus-4-8',", "  temperature: 0.5,", "  thinking: { type: 'enabled', budget_tokens: 3000 }, // why", "  messages: [],", "});", "",
    ]
    output, _ = _migrate("\r\n".join(lines))
    assert output == "\r\n".join([
        *lines[:4], "  thinking: { type: 'adaptive' }, // why", "  output_config: { effort: 'medium' },", *lines[6:],
    ])


def test_output_format_moves_to_output_config_and_its_beta_header_goes_with_it() -> None:
    source = HEADER + (
        "const schema = { type: 'json_schema', schema: { type: 'object' } };\n"
        "await client.beta.messages.create({ model: 'claude-opus-4-8', max_tokens: 10, output_format: schema, betas: ['structured-outputs-2025-11-13'], messages: [] });\n"
        "await client.beta.messages.create({ model: 'claude-opus-4-8', max_tokens: 10, output_format: schema, output_config: { effort: 'low' }, messages: [] });\n"
        "await client.beta.messages.create({ model: 'claude-opus-4-8', max_tokens: 10, output_format: schema, output_config: { format: schema }, messages: [] });\n"
    )
    output, found = _migrate(source)
    assert output == HEADER + (
        "const schema = { type: 'json_schema', schema: { type: 'object' } };\n"
        "await client.beta.messages.create({ model: 'claude-opus-4-8', max_tokens: 10, output_config: { format: schema }, messages: [] });\n"
        "await client.beta.messages.create({ model: 'claude-opus-4-8', max_tokens: 10, output_config: { effort: 'low', format: schema }, messages: [] });\n"
        "await client.beta.messages.create({ model: 'claude-opus-4-8', max_tokens: 10, output_format: schema, output_config: { format: schema }, messages: [] });\n"
    )
    assert found == ["4:79 CM401", "4:110 CM402", "5:79 CM401", "6:79 CM401"]


def test_an_effort_level_the_model_does_not_take_is_lowered_only_with_unsafe_fixes() -> None:
    kept = Settings(target="claude-opus-4-8", jobs=1, ignore=("CM301",))  # Opus 4.5 stays: it takes low/medium/high
    source = HEADER + (
        "await client.messages.create({ model: 'claude-opus-4-5', max_tokens: 10, output_config: { effort: 'max' }, messages: [] });\n"
        "await client.messages.create({ model: 'claude-opus-4-8', max_tokens: 10, output_config: { effort: 'maximum' }, messages: [] });\n"
    )
    assert _migrate(source, settings=kept) == (source, ["3:99 CM106", "4:99 CM106"])
    unsafe = Settings(target="claude-opus-4-8", jobs=1, ignore=("CM301",), unsafe_fixes=True)
    assert _migrate(source, settings=unsafe)[0] == source.replace("effort: 'max'", "effort: 'high'")


def test_a_params_literal_sent_by_several_calls_is_migrated_once_and_one_used_elsewhere_is_not() -> None:
    source = HEADER + (
        "const params: Anthropic.MessageCreateParams = { model: 'claude-opus-4-6', max_tokens: 1024, temperature: 0, messages: [] };\n"
        "await client.messages.create(params);\n"
        "await client.messages.countTokens(params);\n"
        "const logged = { model: 'claude-opus-4-6', max_tokens: 1024, messages: [] };\n"
        "await client.messages.create(logged);\n"
        "console.log(logged);\n"
    )
    output, found = _migrate(source)
    assert output == source.replace(
        "{ model: 'claude-opus-4-6', max_tokens: 1024, temperature: 0, messages: [] }", "{ model: 'claude-opus-4-8', max_tokens: 1024, messages: [] }"
    )
    assert found == ["3:56 CM301", "3:93 CM201", "7:30 CM001"]


def test_fast_mode_and_a_task_budget_inside_thinking() -> None:
    lines = [
        "await client.messages.create({ model: 'claude-opus-4-8', max_tokens: 8000, speed: 'fast', messages: [] });",
        "await client.beta.messages.create({ model: 'claude-opus-5', max_tokens: 8000, speed: 'fast', messages: [] });",
        "await client.beta.messages.create({ model: 'claude-opus-5', max_tokens: 8000, speed: 'fast', betas: ['files-api-2025-04-14'], messages: [] });",
        "await client.messages.create({ model: 'claude-opus-5', max_tokens: 8000, speed: 'fast', messages: [] });",
        "await client.beta.messages.create({ model: 'claude-opus-4-8', max_tokens: 8000, thinking: { type: 'adaptive', task_budget: 40000 }, messages: [] });",
    ]
    output, found = _migrate(HEADER + "\n".join(lines) + "\n")
    lines[1] = lines[1].replace("speed: 'fast',", "speed: 'fast', betas: ['fast-mode-2026-02-01'],")
    lines[2] = lines[2].replace("'files-api-2025-04-14']", "'files-api-2025-04-14', 'fast-mode-2026-02-01']")
    assert output == HEADER + "\n".join(lines) + "\n"
    assert found == ["3:76 CM505", "4:79 CM505", "5:79 CM505", "6:74 CM505", "7:111 CM104"]


def test_obsolete_names_leave_an_anthropic_beta_header_of_the_request_options() -> None:
    source = HEADER + (
        "await client.messages.create({ model: 'claude-opus-4-8', max_tokens: 8000, messages: [] },"
        " { headers: { 'anthropic-beta': 'output-128k-2025-02-19,files-api-2025-04-14' } });\n"
        "await client.beta.messages.create({ model: 'claude-opus-5', max_tokens: 8000, speed: 'fast', messages: [] },"
        " { headers: { 'anthropic-beta': 'fast-mode-2026-02-01' } });\n"
    )
    output, found = _migrate(source)
    assert output == source.replace("'output-128k-2025-02-19,files-api-2025-04-14'", "'files-api-2025-04-14'")
    assert found == ["3:123 CM402"]


def test_an_object_typed_as_the_sdk_request_is_migrated_wherever_it_goes() -> None:
    source = (
        'import Anthropic from "@anthropic-ai/sdk";\n'
        'import type { MessageCreateParamsNonStreaming as Params } from "@anthropic-ai/sdk/resources/messages";\n'
        'export const base: Anthropic.MessageCreateParams = { model: "claude-opus-4-6", max_tokens: 100, temperature: 0, messages: [] };\n'
        'export const built: Params = { model: "claude-opus-4-8", max_tokens: 100, thinking: { type: "enabled", budget_tokens: 3000 }, messages: [] };\n'
        'const other: SomethingElse = { model: "claude-opus-4-6", temperature: 1 };\n'
    )
    output, found = _migrate(source)
    assert output == source.replace(
        '"claude-opus-4-6", max_tokens: 100, temperature: 0,', '"claude-opus-4-8", max_tokens: 100,'
    ).replace('thinking: { type: "enabled", budget_tokens: 3000 },', 'thinking: { type: "adaptive" }, output_config: { effort: "medium" },')
    assert found == ["3:61 CM301", "3:97 CM201", "4:85 CM101"]


def test_a_literal_spread_into_requests_is_part_of_them() -> None:
    source = HEADER + (
        "const defaults = { model: 'claude-opus-4-6', max_tokens: 1024, temperature: 0.2 };\n"
        "await client.messages.create({ ...defaults, messages: [{ role: 'user', content: 'a' }] });\n"
        "await client.messages.create({ ...defaults, model: 'claude-opus-4-8', messages: [] });\n"
    )
    output, found = _migrate(source)
    assert output == source.replace("{ model: 'claude-opus-4-6', max_tokens: 1024, temperature: 0.2 }", "{ model: 'claude-opus-4-8', max_tokens: 1024 }")
    assert found == ["3:27 CM301", "3:64 CM201"]
