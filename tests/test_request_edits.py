"""The shared edit helpers rules build fixes with: renaming a key however the request writes it."""

from __future__ import annotations

import libcst as cst
import pytest

from codemod.analysis.analyzer import analyze_module
from codemod.catalog import load_catalog
from codemod.request_edits import rename_key
from codemod.transform import apply_edits

HEAD = "import anthropic\nclient = anthropic.Anthropic()\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            'client.messages.create(model="claude-opus-4-8", old_name=1)\n',
            'client.messages.create(model="claude-opus-4-8", new_name=1)\n',
        ),
        (
            "kw = {'old_name': 1}\nclient.messages.create(model='claude-opus-4-8', **kw)\n",
            "kw = {'new_name': 1}\nclient.messages.create(model='claude-opus-4-8', **kw)\n",
        ),
        (
            'kw = dict(old_name=1)\nclient.messages.create(model="claude-opus-4-8", **kw)\n',
            'kw = dict(new_name=1)\nclient.messages.create(model="claude-opus-4-8", **kw)\n',
        ),
        (
            'kw = {}\nkw["old_name"] = 1\nclient.messages.create(model="claude-opus-4-8", **kw)\n',
            'kw = {}\nkw["new_name"] = 1\nclient.messages.create(model="claude-opus-4-8", **kw)\n',
        ),
        (
            'kw = {}\nkw.setdefault("old_name", 1)\nclient.messages.create(model="claude-opus-4-8", **kw)\n',
            'kw = {}\nkw.setdefault("new_name", 1)\nclient.messages.create(model="claude-opus-4-8", **kw)\n',
        ),
    ],
    ids=["keyword", "dict-key", "dict-call", "subscript", "setdefault"],
)
def test_rename_key_however_it_is_written(before: str, after: str) -> None:
    module = cst.parse_module(HEAD + before)
    (request,) = analyze_module(module, load_catalog()).requests
    (item,) = request.items("old_name")
    edits = rename_key(item, "new_name")
    assert edits
    assert apply_edits(module, list(edits)).code == HEAD + after


def test_rename_key_leaves_a_shared_dict_alone() -> None:
    source = HEAD + 'KW = {"old_name": 1}\nclient.messages.create(model="claude-opus-4-8", **KW)\nprint(KW)\n'
    (request,) = analyze_module(cst.parse_module(source), load_catalog()).requests
    (item,) = request.items("old_name")
    assert rename_key(item, "new_name") == ()
