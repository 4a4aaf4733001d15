"""``analysis/scopes.py`` against libcst's own ScopeProvider and QualifiedNameProvider as the oracle.

The analysis used to ask libcst for scopes and qualified names (three extra whole-tree passes); the
single-traversal replacement must answer the same for every module in the fixtures and examples:
the referents of every name load, the loads each assignment reaches, and the qualified names of
every call target.
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import (
    Assignment as CstAssignment,
)
from libcst.metadata import (
    BuiltinAssignment as CstBuiltin,
)
from libcst.metadata import (
    MetadataWrapper,
    QualifiedNameProvider,
    QualifiedNameSource,
    ScopeProvider,
)

from codemod.analysis.resolve import ModuleIndex
from codemod.analysis.scopes import Assignment, BuiltinAssignment

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(
    [*ROOT.glob("fixtures/*/*/input.py"), *ROOT.glob("fixtures/*/*/output.py"), *ROOT.glob("examples/**/*.py")]
)
SOURCES = {
    "comprehension_and_class": """
import anthropic as a
from anthropic.types import MessageParam as MP
class C:
    client = a.Anthropic()
    names = [n for n in range(3)]
    def m(self, client=client):
        return [client for _ in names]
    def list(self) -> list[str]:
        return list(self)
print(MP, a.Anthropic, C)
""",
    "global_nonlocal": """
import os
counter = 0
def bump():
    global counter
    counter = counter + 1
    def inner():
        nonlocal_value = counter
        return nonlocal_value
    return inner
def outer():
    v = 1
    def inner():
        nonlocal v
        v = 2
        return v
    return inner, v, os.environ
""",
    "shadowing": """
from anthropic import Anthropic
client = Anthropic()
def f(client):
    return client.messages.create
client = None
dict(client=client)
lambda q=client: q
try:
    pass
except ValueError as error:
    print(error)
with open("f") as (h, k):
    h.read(); k
for i, (j, *rest) in []:
    i, j, rest
""",
}


def _cases() -> list[tuple[str, str]]:
    cases = [(name, source) for name, source in SOURCES.items()]
    cases.extend((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")) for path in MODULES)
    return cases


def _key(assignment: object) -> tuple[str, str, int]:
    if isinstance(assignment, (CstBuiltin, BuiltinAssignment)):
        return ("builtin", assignment.name, 0)
    node = assignment.node  # type: ignore[attr-defined]
    return ("assignment", assignment.name, id(node))  # type: ignore[attr-defined]


@pytest.mark.parametrize(("name", "source"), _cases(), ids=[name for name, _ in _cases()])
def test_scopes_match_libcst(name: str, source: str) -> None:
    module = cst.parse_module(source)
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    scopes = wrapper.resolve(ScopeProvider)
    oracle_referents: dict[int, set[tuple[str, str, int]]] = {}
    oracle_references: dict[tuple[str, str, int], set[int]] = {}
    for scope in {s for s in scopes.values() if s is not None}:
        for access in scope.accesses:
            if isinstance(access.node, cst.Name):
                oracle_referents[id(access.node)] = {_key(a) for a in access.referents}
        for assignment in scope.assignments:
            if isinstance(assignment, CstAssignment):
                oracle_references[_key(assignment)] = {id(a.node) for a in assignment.references}

    index = ModuleIndex(module)
    ours = {key: {_key(a) for a in access.referents} for key, access in index._scopes.accesses.items()}
    assert ours == oracle_referents
    references = {
        _key(a): {id(access.node) for access in a.references}
        for scope in {id(s): s for s in index._scopes.scope_of.values()}.values()
        for assignments in scope.assignments.values()
        for a in assignments
        if isinstance(a, Assignment)
    }
    assert references == {k: v for k, v in oracle_references.items() if k in references}

    qualified = wrapper.resolve(QualifiedNameProvider)
    wanted = (QualifiedNameSource.IMPORT, QualifiedNameSource.LOCAL, QualifiedNameSource.BUILTIN)

    class Calls(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            root = node.func
            while isinstance(root, cst.Attribute):
                root = root.value
            if not isinstance(root, cst.Name):
                return  # ``"".join``: libcst names it ``builtins.None.join``; nothing asks for it
            names = qualified.get(node.func, set())
            names = names() if callable(names) else names
            expected = {q.name for q in names if q.source in wanted}
            assert index.qualified_names(node.func) == expected, cst.Module([]).code_for_node(node.func)

    module.visit(Calls())


def _referent_nodes(source: str, name: str) -> list[list[str]]:
    """For each load of ``name``: the kinds of the nodes it may refer to."""
    index = ModuleIndex(cst.parse_module(source))
    found = []
    for access in index._scopes.accesses.values():
        if access.node.value == name:
            found.append(sorted(type(a.node).__name__ if isinstance(a, Assignment) else "builtin" for a in access.referents))
    return found


def test_walrus_in_a_comprehension_binds_in_the_enclosing_scope() -> None:
    # Python semantics (PEP 572); libcst leaves ``y`` unbound here.
    assert _referent_nodes("x = [y := 1 for z in (1, 2)]\nprint(y)\n", "y") == [["Name"]]


def test_dotted_import_binds_its_first_name() -> None:
    # ``import a.b.c`` binds ``a``; libcst records ``a.b.c`` and leaves the load of ``a`` unresolved.
    source = "import a.b.c\nimport x.y as z\na.b.c.d()\nz.w()\n"
    assert _referent_nodes(source, "a") == [["Import"]]
    module = cst.parse_module(source)
    index = ModuleIndex(module)
    calls = [statement.body[0].value for statement in module.body[2:]]  # type: ignore[attr-defined]
    assert [index.qualified_names(call.func) for call in calls] == [{"a.b.c.d"}, {"x.y.w"}]
