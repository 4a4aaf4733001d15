"""Jupyter notebooks through the installed CLI: cell-by-cell migration, exact JSON out, cell numbers in findings.

Notebooks are written by hand with ``json.dumps`` as Jupyter writes them (``indent=1``,
``ensure_ascii=False``, a trailing newline) and in the other styles found in the wild, so the
expected file after ``apply`` is the same document with the migrated cell, dumped the same way.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from codemod.notebook import mask_ipython, unique_prefix, unmask
from tests.conftest import Cli

CALL_CELL = [
    "%pip install anthropic\n",
    "!ls\n",
    "import anthropic\n",
    "\n",
    "client = anthropic.Anthropic()\n",
    "response = client.messages.create(\n",
    '    model="claude-opus-4-6",  # le modèle\n',
    "    max_tokens=16000,\n",
    "    temperature=0.2,\n",
    '    thinking={"type": "enabled", "budget_tokens": 8000},\n',
    '    messages=[{"role": "user", "content": "Résume ce texte, s\'il te plaît."}],\n',
    ")\n",
    "print(response.content[-1].text)",
]
MIGRATED_CALL_CELL = [
    "%pip install anthropic\n",
    "!ls\n",
    "import anthropic\n",
    "\n",
    "client = anthropic.Anthropic()\n",
    "response = client.messages.create(\n",
    '    model="claude-opus-4-8",  # le modèle\n',
    "    max_tokens=16000,\n",
    '    thinking={"type": "adaptive"},\n',
    '    output_config={"effort": "high"},\n',
    '    messages=[{"role": "user", "content": "Résume ce texte, s\'il te plaît."}],\n',
    ")\n",
    "print(response.content[-1].text)",
]
BASH_CELL = ["%%bash\n", "# not Python: left alone even though it names claude-opus-4-6\n", "echo temperature=0.2 claude-opus-4-6"]
MARKDOWN = ["# Support bot\n", "\n", "Uses `claude-opus-4-6` with `temperature=0.2` and a thinking budget."]

FINDINGS = [
    'cell 2:7:11: CM301 claude-opus-4-6 is superseded by claude-opus-4-8; use "claude-opus-4-8" [safe fix]',
    ("cell 2:9:5: CM201 temperature=0.2 removed: the SDK (>= 1.0) raises TypeError for it and the API "
    "(2026-10-21) rejects it on every model [safe fix]"),
    ('cell 2:10:14: CM101 thinking type "enabled" with budget_tokens=8000 is rejected by claude-opus-4-8: use '
    '{"type": "adaptive"} and output_config.effort "high" (budget 5000-11999 -> high by the effort map; '
    "no official mapping exists) [safe fix]"),
]

LEGACY_PY = '''import anthropic

client = anthropic.Anthropic()
client.messages.create(model="claude-opus-4-6", max_tokens=1024, messages=[])
'''


def notebook(call_source: list[str] | str, *, sorted_keys: bool = True) -> dict[str, object]:
    """A notebook as Jupyter saves it: markdown, the SDK call (with outputs), a %%bash cell, an output cell."""
    cells: list[dict[str, object]] = [
        {"cell_type": "markdown", "metadata": {}, "source": MARKDOWN},
        {
            "cell_type": "code",
            "execution_count": 3,
            "metadata": {"tags": ["demo"]},
            "outputs": [
                {"name": "stdout", "output_type": "stream", "text": ["Successfully installed anthropic-0.40.0\n"]},
                {
                    "data": {"text/plain": ["'Bonjour ! (claude-opus-4-6, temperature=0.2)'"]},
                    "execution_count": 3,
                    "metadata": {},
                    "output_type": "execute_result",
                },
            ],
            "source": call_source,
        },
        {"cell_type": "code", "execution_count": 4, "metadata": {}, "outputs": [], "source": BASH_CELL},
        {
            "cell_type": "code",
            "execution_count": 5,
            "metadata": {},
            "outputs": [{"name": "stdout", "output_type": "stream", "text": ["claude-opus-4-6\n"]}],
            "source": ["print('done')"],
        },
    ]
    document: dict[str, object] = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python", "version": "3.12.1"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    if not sorted_keys:  # key order as some tools write it: kept as it is, never sorted
        document = {"nbformat_minor": 5, "nbformat": 4, "metadata": document["metadata"], "cells": cells}
        for cell in cells:
            cell_items = sorted(cell.items(), key=lambda item: item[0] != "source")  # "source" first
            cell.clear()
            cell.update(cell_items)
    return document


def dump(document: dict[str, object], indent: int = 1, ensure_ascii: bool = False, newline: bool = True) -> str:
    return json.dumps(document, indent=indent, ensure_ascii=ensure_ascii) + ("\n" if newline else "")


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


STYLES = {
    "jupyter": {},  # indent=1, raw non-ASCII, trailing newline
    "indent_2_raw_non_ascii": {"indent": 2},
    "indent_4_escaped_non_ascii": {"indent": 4, "ensure_ascii": True},
    "no_trailing_newline": {"newline": False},
}


@pytest.mark.parametrize("style", STYLES)
def test_apply_writes_the_same_json_with_only_the_cell_migrated(cli: Cli, tmp_path: Path, style: str) -> None:
    options = STYLES[style]
    path = write(tmp_path, "demo.ipynb", dump(notebook(CALL_CELL), **options))
    result = cli("apply", ".")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "Fixed 3 of 3 findings in 1 file; 0 remaining."
    assert path.read_bytes().decode("utf-8") == dump(notebook(MIGRATED_CALL_CELL), **options)


def test_single_string_source_stays_a_string(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, "demo.ipynb", dump(notebook("".join(CALL_CELL))))
    assert cli("apply", "demo.ipynb").returncode == 0
    assert path.read_text(encoding="utf-8") == dump(notebook("".join(MIGRATED_CALL_CELL)))


def test_key_order_is_kept(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, "demo.ipynb", dump(notebook(CALL_CELL, sorted_keys=False)))
    assert cli("apply", "demo.ipynb").returncode == 0
    assert path.read_text(encoding="utf-8") == dump(notebook(MIGRATED_CALL_CELL, sorted_keys=False))


def test_crlf_notebook_keeps_its_line_endings(cli: Cli, tmp_path: Path) -> None:
    text = dump(notebook(CALL_CELL)).replace("\n", "\r\n")  # a checkout with core.autocrlf
    path = write(tmp_path, "demo.ipynb", text)
    assert cli("apply", "demo.ipynb").returncode == 0
    assert path.read_bytes().decode("utf-8") == dump(notebook(MIGRATED_CALL_CELL)).replace("\n", "\r\n")


def test_check_text_reports_cell_numbers_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, "demo.ipynb", dump(notebook(CALL_CELL)))
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    result = cli("check", ".")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        *(f"demo.ipynb:{line}" for line in FINDINGS),
        "Found 3 findings in 1 file: 3 fixable by apply, 0 more with --unsafe-fixes, 0 to change by hand.",
    ]
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime


def test_check_json_has_cell_numbers_and_null_for_python_files(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "demo.ipynb", dump(notebook(CALL_CELL)))
    write(tmp_path, "app.py", LEGACY_PY)
    document = json.loads(cli("check", "--format", "json").stdout)
    by_path = {entry["path"]: entry for entry in document["files"]}
    assert [(f["code"], f["cell"], f["line"], f["column"]) for f in by_path["demo.ipynb"]["findings"]] == [
        ("CM301", 2, 7, 11),
        ("CM201", 2, 9, 5),
        ("CM101", 2, 10, 14),
    ]
    assert [f["cell"] for f in by_path["app.py"]["findings"]] == [None]
    assert document["summary"] == {"files": 2, "changed": 2, "findings": 4, "fixed": 0, "remaining": 4, "errors": 0, "skipped": 0,
                                   "not_analysed": 0, "cached": 0}


def test_diff_is_the_diff_of_the_json_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, "demo.ipynb", dump(notebook(CALL_CELL)))
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    result = cli("diff", "demo.ipynb")
    assert result.returncode == 1
    assert result.stdout.startswith("--- a/demo.ipynb\n+++ b/demo.ipynb\n@@")
    assert (
        '-    "    model=\\"claude-opus-4-6\\",  # le modèle\\n",\n'
        '+    "    model=\\"claude-opus-4-8\\",  # le modèle\\n",\n'
    ) in result.stdout
    assert '-    "    temperature=0.2,\\n",\n' in result.stdout
    assert '+    "    output_config={\\"effort\\": \\"high\\"},\\n",\n' in result.stdout
    assert "cell 2:10:14: CM101" in result.stderr
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    if shutil.which("patch") is None:
        return
    patched = subprocess.run(["patch", "-p1"], input=result.stdout, text=True, cwd=tmp_path, capture_output=True, check=False)
    assert patched.returncode == 0, patched.stderr
    assert path.read_text(encoding="utf-8") == dump(notebook(MIGRATED_CALL_CELL))


def test_second_apply_is_a_no_op(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, "demo.ipynb", dump(notebook(CALL_CELL)))
    assert cli("apply").returncode == 0
    after, mtime = path.read_bytes(), path.stat().st_mtime_ns
    second = cli("apply")
    assert second.returncode == 0
    assert second.stdout.strip() == "Nothing to migrate in 1 file."
    assert path.read_bytes() == after and path.stat().st_mtime_ns == mtime


def test_a_notebook_needing_nothing_is_never_rewritten(cli: Cli, tmp_path: Path) -> None:
    text = dump(notebook(MIGRATED_CALL_CELL), indent=2, newline=False)
    path = write(tmp_path, "clean.ipynb", text)
    mtime = path.stat().st_mtime_ns
    result = cli("apply")
    assert result.returncode == 0 and result.stdout.strip() == "Nothing to migrate in 1 file."
    assert path.read_bytes() == text.encode() and path.stat().st_mtime_ns == mtime


def test_invalid_json_is_an_error_and_other_files_are_processed(cli: Cli, tmp_path: Path) -> None:
    broken_text = '{"cells": [{"cell_type": "code", "source": ["import anthropic\\n"]}\n'
    broken = write(tmp_path, "broken.ipynb", broken_text)
    good = write(tmp_path, "good.ipynb", dump(notebook(CALL_CELL)))
    script = write(tmp_path, "app.py", LEGACY_PY)
    result = cli("apply", ".")
    assert result.returncode == 2
    assert "broken.ipynb: error: not a notebook: invalid JSON (Expecting ',' delimiter, line 2, column 1)" in result.stdout
    assert broken.read_text(encoding="utf-8") == broken_text
    assert good.read_text(encoding="utf-8") == dump(notebook(MIGRATED_CALL_CELL))
    assert 'model="claude-opus-4-8"' in script.read_text(encoding="utf-8")


def test_json_that_is_not_a_notebook_is_an_error(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "data.ipynb", '{"model": "claude-opus-4-6", "call": "client.messages.create"}\n')
    result = cli("check", "data.ipynb")
    assert result.returncode == 2
    assert result.stdout.startswith('data.ipynb: error: not a notebook: no "cells" list (nbformat 4)\n')


def test_syntax_error_in_a_cell_names_the_cell_and_leaves_the_file(cli: Cli, tmp_path: Path) -> None:
    document = notebook(CALL_CELL)
    cells = document["cells"]
    assert isinstance(cells, list)
    cells.append({"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                  "source": ["import anthropic\n", "def broken(:\n", "    pass"]})
    text = dump(document)
    path = write(tmp_path, "demo.ipynb", text)
    result = cli("apply", "demo.ipynb")
    assert result.returncode == 2
    assert result.stdout.startswith("demo.ipynb: error: cell 5: cannot parse: invalid syntax (line 2, column 12)")
    assert path.read_text(encoding="utf-8") == text


def test_directory_walk_finds_notebooks_but_not_checkpoints(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "nb/demo.ipynb", dump(notebook(CALL_CELL)))
    write(tmp_path, "nb/.ipynb_checkpoints/demo-checkpoint.ipynb", dump(notebook(CALL_CELL)))
    document = json.loads(cli("check", "--format", "json").stdout)
    assert [entry["path"] for entry in document["files"]] == ["nb/demo.ipynb"]


def test_a_notebook_of_another_language_is_left_alone(cli: Cli, tmp_path: Path) -> None:
    document = notebook(CALL_CELL)
    document["metadata"] = {"kernelspec": {"language": "R", "name": "ir"}, "language_info": {"name": "R"}}
    path = write(tmp_path, "analysis.ipynb", dump(document))
    result = cli("apply", "analysis.ipynb")
    assert result.returncode == 0 and path.read_text(encoding="utf-8") == dump(document)


def test_the_body_of_a_time_cell_is_python_and_migrated(cli: Cli, tmp_path: Path) -> None:
    timed = ["%%time\n", "import anthropic\n", "c = anthropic.Anthropic()\n",
             'c.messages.create(model="claude-opus-4-6", max_tokens=8, top_k=5, messages=[])']
    path = write(tmp_path, "timed.ipynb", dump(notebook(timed)))
    result = cli("apply", "timed.ipynb")
    assert result.returncode == 0, result.stdout
    migrated = [*timed[:3], 'c.messages.create(model="claude-opus-4-8", max_tokens=8, messages=[])']
    assert path.read_text(encoding="utf-8") == dump(notebook(migrated))


def code_cells(*sources: list[str]) -> dict[str, object]:
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
             for source in sources]
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


SETUP_CELL = ["import anthropic\n", "\n", "client = anthropic.Anthropic()\n", 'MODEL_NAME = "claude-opus-4-6"']
CALL_WITH_CONSTANT = ["response = client.messages.create(\n", "    model=MODEL_NAME,\n", "    max_tokens=256,\n",
                      "    temperature=0.5,\n", '    messages=[{"role": "user", "content": "Hi"}],\n', ")"]


def test_cells_share_one_namespace(cli: Cli, tmp_path: Path) -> None:
    """A client and a model constant from a setup cell prove and resolve the call of a later cell."""
    path = write(tmp_path, "cookbook.ipynb", dump(code_cells(SETUP_CELL, ["!date"], CALL_WITH_CONSTANT)))
    check = cli("check", "cookbook.ipynb")
    assert [" ".join(line.split(" ")[:3]) for line in check.stdout.splitlines()[:-1]] == [
        "cookbook.ipynb:cell 1:4:14: CM301",
        "cookbook.ipynb:cell 3:4:5: CM201",
    ]
    assert cli("apply", "cookbook.ipynb").returncode == 0
    migrated = [*SETUP_CELL[:3], 'MODEL_NAME = "claude-opus-4-8"']
    expected = code_cells(migrated, ["!date"], [*CALL_WITH_CONSTANT[:3], *CALL_WITH_CONSTANT[4:]])
    assert path.read_text(encoding="utf-8") == dump(expected)


def test_a_constant_used_in_logic_in_another_cell_is_not_rewritten(cli: Cli, tmp_path: Path) -> None:
    pricing = ["PRICE_PER_MTOK = {MODEL_NAME: 15.0}"]
    path = write(tmp_path, "nb.ipynb", dump(code_cells(SETUP_CELL, CALL_WITH_CONSTANT, pricing)))
    result = cli("apply", "nb.ipynb")
    assert result.returncode == 1  # the constant is left to the user
    assert "nb.ipynb:cell 1:4:14: CM301" in result.stdout and "[manual]" in result.stdout
    expected = code_cells(SETUP_CELL, [*CALL_WITH_CONSTANT[:3], *CALL_WITH_CONSTANT[4:]], pricing)
    assert path.read_text(encoding="utf-8") == dump(expected)


def test_a_broken_cell_that_no_rule_could_touch_is_left_out(cli: Cli, tmp_path: Path) -> None:
    broken = ["def unfinished(:\n", "    pass"]
    path = write(tmp_path, "nb.ipynb", dump(code_cells(SETUP_CELL, broken, CALL_WITH_CONSTANT)))
    result = cli("apply", "nb.ipynb")
    assert result.returncode == 0, result.stdout
    migrated = [*SETUP_CELL[:3], 'MODEL_NAME = "claude-opus-4-8"']
    expected = code_cells(migrated, broken, [*CALL_WITH_CONSTANT[:3], *CALL_WITH_CONSTANT[4:]])
    assert path.read_text(encoding="utf-8") == dump(expected)


# The masking itself: IPython lines become placeholders where a statement starts, nowhere else.

IPYTHON_CELL = """%pip install anthropic
!ls -la
files = !ls
t = %timeit -o f()
d["key"] = %env MODEL
obj?
obj.method??
?obj
pip install anthropic
!pip install \\
    anthropic
if files:
    !echo $files
"""

PYTHON_THAT_LOOKS_LIKE_IPYTHON = '''x = (a
     % b)
if (
    a
    != b
):
    pass
s = """
!not a shell line
%s
"""
y = 'one \\
!still the string'
z = a \\
    % b
pip in packages
# a question?
print("n = %d" % n)
print('url=!x', "a=%s" % a)
'''


def test_ipython_lines_are_masked_line_for_line_and_restored_exactly() -> None:
    import libcst

    masked = mask_ipython(IPYTHON_CELL, unique_prefix([IPYTHON_CELL]))
    kept = {line.split(" = ")[0] for line in masked.originals if " = " in line}
    assert kept == {"files", "t", 'd["key"]'}
    assert len(masked.originals) == IPYTHON_CELL.count("\n") - 1  # every line but `if files:`
    assert masked.text.count("\n") == IPYTHON_CELL.count("\n")
    libcst.parse_module(masked.text)
    assert unmask(masked, masked.text) == IPYTHON_CELL


def test_python_that_looks_like_ipython_is_not_masked() -> None:
    masked = mask_ipython(PYTHON_THAT_LOOKS_LIKE_IPYTHON, "_m_")
    assert masked.originals == {} and masked.text == PYTHON_THAT_LOOKS_LIKE_IPYTHON


def test_a_fix_that_touches_a_placeholder_is_refused() -> None:
    from codemod.engine import EngineError

    masked = mask_ipython("!ls\nx = 1\n", "_m_")
    with pytest.raises(EngineError, match="removed an IPython line"):
        unmask(masked, "x = 1\n")
    with pytest.raises(EngineError, match="changed an IPython line"):
        unmask(masked, masked.text.replace("\n", " + 1\n", 1))


# Which notebooks are read: by language, then by the code when the metadata does not settle it.

PYTHON_BASED = {
    "nb_conda_env": {"kernelspec": {"display_name": "Python [conda env:anthropic]", "name": "conda-env-anthropic-py"}},
    "language_info_python": {"kernelspec": {"display_name": "Tools SDK", "name": "ant-tools-sdk"},
                             "language_info": {"name": "python"}},
    "coconut": {"kernelspec": {"display_name": "Coconut", "language": "coconut", "name": "coconut"},
                "language_info": {"name": "coconut", "file_extension": ".coco", "mimetype": "text/x-python3"}},
    "venv_kernel_only": {"kernelspec": {"display_name": ".venv", "name": ".venv"}},
    "unknown_kernel_cells_parse": {"kernelspec": {"display_name": "In-house", "name": "acme-kernel"}},
    "no_metadata_cells_parse": {},
}


@pytest.mark.parametrize("metadata", PYTHON_BASED.values(), ids=list(PYTHON_BASED))
def test_a_python_based_notebook_is_migrated(cli: Cli, tmp_path: Path, metadata: dict[str, object]) -> None:
    document = notebook(CALL_CELL)
    document["metadata"] = metadata
    path = write(tmp_path, "thinking.ipynb", dump(document))
    result = cli("apply", "thinking.ipynb")
    assert result.returncode == 0, result.stdout
    expected = notebook(MIGRATED_CALL_CELL)
    expected["metadata"] = metadata
    assert path.read_text(encoding="utf-8") == dump(expected)


R_CELL = ['library(httr)\n', 'resp <- POST("https://api.anthropic.com/v1/messages",\n',
          '  body = list(model = "claude-opus-4-6", max_tokens = 1024))']
R_METADATA = {"kernelspec": {"display_name": "R", "language": "R", "name": "ir"}, "language_info": {"name": "R"}}


def r_notebook(*sources: list[str]) -> dict[str, object]:
    return {**code_cells(*sources), "metadata": R_METADATA}


def test_an_r_notebook_naming_claude_is_listed_as_not_analysed(cli: Cli, tmp_path: Path) -> None:
    """R calling Claude holds no `import anthropic` for the pre-filter to see: listed, not dropped, no error."""
    text = dump(r_notebook(R_CELL))
    path = write(tmp_path, "analysis.ipynb", text)
    write(tmp_path, "app.py", LEGACY_PY.replace("claude-opus-4-6", "claude-opus-4-8"))
    reason = "not analysed: the notebook's language is R, not Python; its code mentions 'anthropic'"
    check = cli("check", ".")
    assert check.returncode == 0, check.stdout
    assert check.stdout == f"analysis.ipynb: skipped: {reason}\nNothing to migrate in 2 files. 1 file not analysed (skipped, see above).\n"
    assert cli("check", "--quiet", ".").stdout == f"analysis.ipynb: skipped: {reason}\n"
    document = json.loads(cli("check", "--format", "json", ".").stdout)
    assert document["files"] == [{"path": "analysis.ipynb", "status": "skipped", "error": None, "reason": reason, "findings": []}]
    assert document["summary"]["not_analysed"] == 1 and document["summary"]["errors"] == 0
    applied = cli("apply", ".")
    assert applied.returncode == 0 and "analysis.ipynb: skipped:" in applied.stdout
    assert path.read_text(encoding="utf-8") == text


def test_an_r_notebook_is_listed_from_the_engine_too_and_silent_when_it_names_nothing(cli: Cli, tmp_path: Path) -> None:
    """A thinking budget lets a file through the pre-filter by itself: the engine lists the R notebook."""
    write(tmp_path, "budget.ipynb", dump(r_notebook(['thinking <- list(type = "enabled", budget_tokens = 2000)'])))
    write(tmp_path, "plain.ipynb", dump(r_notebook(["x <- c(1, 2)"], ["library(ggplot2)"])))
    # Outputs and markdown that name Claude do not make the R code concern it.
    quiet = r_notebook(["summary(x)"])
    quiet["cells"] = [{"cell_type": "markdown", "metadata": {}, "source": ["Compare with claude-opus-4-6"]},
                      {**quiet["cells"][0], "outputs": [{"name": "stdout", "output_type": "stream", "text": ["anthropic"]}]}]
    write(tmp_path, "markdown.ipynb", dump(quiet))
    result = cli("check", "--format", "json", ".")
    assert result.returncode == 0, result.stdout
    files = json.loads(result.stdout)["files"]
    assert [(entry["path"], entry["status"], entry["reason"]) for entry in files] == [
        ("budget.ipynb", "skipped", "not analysed: the notebook's language is R, not Python; its code mentions 'budget_tokens'")
    ]


def test_an_unknown_language_whose_cells_do_not_parse_is_listed(cli: Cli, tmp_path: Path) -> None:
    document = code_cells(['val client = AnthropicOkHttpClient.fromEnv()\n',
                           'client.messages().create(params.model("claude-opus-4-6")) { x -> x }'])
    document["metadata"] = {"kernelspec": {"display_name": "Acme", "name": "acme"}}
    write(tmp_path, "acme.ipynb", dump(document))
    result = cli("check", "acme.ipynb")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith(
        "acme.ipynb: skipped: not analysed: its language (acme) is not known to be Python and no code cell parses"
        " as Python; its code mentions 'claude'\n"
    )


def _notebook_with_outputs(code_lines: int, output_bytes: int) -> dict[str, object]:
    """A notebook whose code is ``code_lines`` lines plus CALL_CELL, with a base64 image of ``output_bytes``."""
    document = notebook(CALL_CELL)
    cells = document["cells"]
    assert isinstance(cells, list)
    image = "iVBORw0KGgo" + "A" * (output_bytes - 11)
    padding = [f"step_{n} = {n} * 2  # preparing the inputs of the request below\n" for n in range(code_lines)]
    cells.insert(1, {"cell_type": "code", "execution_count": 2, "metadata": {}, "source": padding, "outputs": [
        {"data": {"image/png": image, "text/plain": ["<Figure size 640x480>"]}, "metadata": {}, "output_type": "display_data"},
    ]})
    return document


def test_outputs_do_not_count_towards_the_size_limit_and_are_kept_byte_for_byte(cli: Cli, tmp_path: Path) -> None:
    document = _notebook_with_outputs(code_lines=50, output_bytes=1024 * 1024)
    text = dump(document)
    assert len(text) > 1024 * 1024
    path = write(tmp_path, "vision.ipynb", text)
    result = cli("apply", "vision.ipynb")
    assert result.returncode == 0, result.stdout
    cells = document["cells"]
    assert isinstance(cells, list)
    cells[2]["source"] = MIGRATED_CALL_CELL
    assert path.read_text(encoding="utf-8") == dump(document)
    # Only the call cell's source changed: every byte before and after it is the original's.
    new = path.read_bytes()
    old = text.encode("utf-8")
    start = old.index(b'"%pip install anthropic')
    assert new[:start] == old[:start]
    assert new.endswith(old[old.index(b'"print(response.content[-1].text)"'):])


def test_the_size_limit_counts_the_code_cells(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "huge.ipynb", dump(_notebook_with_outputs(code_lines=6000, output_bytes=10)))
    result = cli("check", "huge.ipynb")
    assert result.returncode == 2
    assert result.stdout.startswith("huge.ipynb: error: not analysed: its code cells hold 384 KiB, over the 256 KiB limit for one file\n")


def test_outputs_naming_claude_cost_only_a_parse(cli: Cli, tmp_path: Path) -> None:
    document = notebook(["print('done')"])
    text = dump(document)
    path = write(tmp_path, "ran.ipynb", text)
    result = cli("apply", "ran.ipynb")
    assert result.returncode == 0 and result.stdout == "Nothing to migrate in 1 file.\n"
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("metadata", "verdict"),
    [
        ({"kernelspec": {"name": "python3", "language": "python"}}, "python"),
        ({"language_info": {"name": "Python"}}, "python"),
        ({"kernelspec": {"name": "conda-env-anthropic-py"}}, "python"),
        ({"kernelspec": {"name": "conda-root-py"}}, "python"),
        ({"kernelspec": {"name": "conda-env-py-r"}}, "other"),  # an env called "py" running R
        ({"kernelspec": {"name": "conda_pytorch_p310"}}, "python"),
        ({"kernelspec": {"name": "azureml_py38"}}, "python"),
        ({"kernelspec": {"name": ".venv"}}, "python"),
        ({"kernelspec": {"name": "pyenv_3.11"}}, "python"),
        ({"kernelspec": {"name": "pysparkkernel"}, "language_info": {"name": "pyspark"}}, "python"),
        ({"kernelspec": {"name": "coconut", "language": "coconut"}}, "python"),
        ({"kernelspec": {"name": "ir", "language": "R"}}, "other"),
        ({"kernelspec": {"name": "ir"}}, "other"),
        ({"kernelspec": {"name": "julia-1.10"}, "language_info": {"name": "julia"}}, "other"),
        ({"kernelspec": {"name": "xcpp17", "language": "C++17"}}, "other"),
        ({"kernelspec": {"name": ".net-csharp", "language": "C#"}}, "other"),
        ({"kernelspec": {"name": "sparkkernel"}}, "other"),
        ({"kernelspec": {"name": "python3"}, "language_info": {"name": "R"}}, "python"),  # Python evidence wins
        ({"application/vnd.databricks.v1+notebook": {"language": "python"}}, "python"),
        ({"kernelspec": {"name": "sagemath", "language": "sage"}}, "unknown"),
        ({"kernelspec": {"name": "iris-kernel"}}, "unknown"),
        ({}, "unknown"),
        (None, "unknown"),
    ],
)
def test_the_language_of_a_notebook(metadata: object, verdict: str) -> None:
    from codemod.notebook_language import notebook_language

    assert notebook_language(metadata).verdict == verdict
