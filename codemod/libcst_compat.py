"""Every private libcst name claude-migrate uses, looked up here, once, and checked on import.

The analysis reads libcst trees faster than libcst's public machinery does, through its internals:

- ``CSTNode._visit_and_replace_children`` (``analysis/walk.py``): a node type's own visiting code,
  run once per type with a recording visitor to learn which fields hold its children, in order;
- ``CSTNode._codegen`` and ``libcst._nodes.internal.CodegenState`` (``positions.py``): the code
  generation protocol that libcst's ``PositionProvider`` implements, and ``positions.py`` too, by
  overriding the hooks in :data:`CODEGEN_HOOKS`.

``analysis/scopes.py`` uses public names only; ``CodePosition`` and ``CodeRange`` are imported from
``libcst.metadata``, their public home.

A libcst release may remove or change any of these without notice. Importing this module checks them
(names, call signatures, and two probes that run both protocols on a small hand-built tree, no
parsing) and raises :class:`UnsupportedLibcst` when something is off: the run stops with a message
naming the installed version, what changed and the supported range, instead of giving wrong answers.
The oracle tests (``tests/test_walk.py``, ``tests/test_positions.py``, ``tests/test_scopes.py``)
compare the results with libcst's own on every fixture.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module

import libcst as cst

from codemod.results import UnsupportedLibcst

__all__ = [
    "CODEGEN_HOOKS",
    "SUPPORTED_LIBCST",
    "CodegenState",
    "UnsupportedLibcst",
    "check_libcst_internals",
    "codegen",
    "installed_version",
    "unsupported_message",
    "visit_children",
]

# The versions the checks below and the oracle tests passed on: pyproject.toml pins the same range
# (tests/test_libcst_internals.py checks that they agree).
SUPPORTED_LIBCST = ">=1.4,<1.10"

# The code generation hooks positions.py's recorder overrides (a test checks it is exactly these).
CODEGEN_HOOKS = ("add_indent_tokens", "add_token", "before_codegen", "after_codegen", "record_syntactic_position")
_CODEGEN_ARGUMENTS = ("default_indent", "default_newline")  # what positions.py passes to the constructor
_CODEGEN_LISTS = ("indent_tokens", "tokens")  # what its hooks read and append to

_VISIT = "libcst.CSTNode._visit_and_replace_children (used by analysis/walk.py)"
_CODEGEN = "libcst.CSTNode._codegen (used by positions.py)"
_STATE = "libcst._nodes.internal.CodegenState (used by positions.py)"
_REFERENCE = "libcst.metadata.position_provider.PositionProvidingCodegenState (what positions.py mirrors)"


def installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("libcst")
    except PackageNotFoundError:
        return "unknown"


def unsupported_message(problems: list[str]) -> str:
    listed = "\n".join(f"  - {problem}" for problem in problems)
    return (
        f"libcst {installed_version()} is not supported: claude-migrate relies on private libcst internals "
        f"that this release removed or changed:\n{listed}\n"
        f"Supported libcst versions: {SUPPORTED_LIBCST} (the range pinned in claude-migrate's pyproject.toml); "
        f"install one with: pip install 'libcst{SUPPORTED_LIBCST}'"
    )


def check_libcst_internals() -> list[str]:
    """What is missing or changed in the installed libcst, one readable line each; empty when all is well."""
    return [*_check_visit_children(), *_check_codegen()]


def _callable_as(function: object, *arguments: object) -> bool:
    """Whether ``function`` can be called with these positional arguments (its signature allows it)."""
    try:
        inspect.signature(function).bind(*arguments)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True


class FieldRecorder(cst.CSTVisitor):
    """Notes the fields ``_visit_and_replace_children`` visits, in order, without descending (``walk.py``
    learns each node type's child order with it; the check below probes the protocol with it)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[str] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        return False

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        self.fields.append(attribute)

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        pass


def _check_visit_children() -> list[str]:
    method = getattr(cst.CSTNode, "_visit_and_replace_children", None)
    if not callable(method):
        return [f"{_VISIT} is missing"]
    if not _callable_as(method, cst.CSTNode, cst.CSTVisitor):
        return [f"{_VISIT} changed: it no longer takes (self, visitor) but {inspect.signature(method)}"]
    probe = FieldRecorder()
    try:
        cst.Attribute(value=cst.Name("a"), attr=cst.Name("b"))._visit_and_replace_children(probe)
    except Exception as error:  # noqa: BLE001 - any failure means the protocol changed
        return [f"{_VISIT} changed: on an Attribute it raised {type(error).__name__}: {error}"]
    if [name for name in probe.fields if name in ("value", "attr")] != ["value", "attr"]:
        reported = f"{_VISIT} changed: on an Attribute it reported the fields {probe.fields} to the visitor's"
        return [f"{reported} on_visit_attribute, not value then attr"]
    return []


def _check_codegen() -> list[str]:
    problems: list[str] = []
    if not callable(getattr(cst.CSTNode, "_codegen", None)):
        problems.append(f"{_CODEGEN} is missing")
    elif not _callable_as(cst.CSTNode._codegen, cst.Module([]), object()):
        signature = inspect.signature(cst.CSTNode._codegen)
        problems.append(f"{_CODEGEN} changed: it no longer takes (self, state) but {signature}")
    try:
        state_class = import_module("libcst._nodes.internal").CodegenState
    except (ImportError, AttributeError) as error:
        return [*problems, f"{_STATE} is missing ({type(error).__name__}: {error})"]
    if not (isinstance(state_class, type) and dataclasses.is_dataclass(state_class)):
        return [*problems, f"{_STATE} changed: it is no longer a dataclass"]
    fields = {f.name: f for f in dataclasses.fields(state_class)}
    missing = [name for name in (*_CODEGEN_ARGUMENTS, *_CODEGEN_LISTS) if name not in fields]
    if missing:
        problems.append(f"{_STATE} changed: it has no field {', '.join(missing)}")
    required = [
        f.name
        for f in fields.values()
        if f.init and f.name not in _CODEGEN_ARGUMENTS
        and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    if required:
        problems.append(f"{_STATE} changed: it requires the new field(s) {', '.join(required)}")
    absent = [hook for hook in CODEGEN_HOOKS if not callable(getattr(state_class, hook, None))]
    if absent:
        problems.append(f"{_STATE} changed: it has no {', '.join(absent)} (positions.py overrides them)")
    problems += _check_reference(state_class)
    if not problems:
        problems += _probe_codegen(state_class)
    return problems


def _check_reference(state_class: type) -> list[str]:
    """libcst's own PositionProvider overrides no hook that positions.py does not."""
    try:
        reference = import_module("libcst.metadata.position_provider").PositionProvidingCodegenState
    except (ImportError, AttributeError) as error:
        return [f"{_REFERENCE} is missing ({type(error).__name__}: {error})"]
    if not (isinstance(reference, type) and issubclass(reference, state_class)):
        return [f"{_REFERENCE} changed: it is no longer a CodegenState"]
    overridden = {
        name
        for kind in reference.__mro__
        if kind is not state_class and issubclass(kind, state_class)
        for name, value in vars(kind).items()
        if not name.startswith("_") and callable(value)
    }
    extra = sorted(overridden - set(CODEGEN_HOOKS))
    if extra:
        return [f"{_REFERENCE} changed: it now also overrides {', '.join(extra)}, which positions.py does not"]
    return []


def _probe_codegen(state_class: type) -> list[str]:
    """Generate ``if x:\\n    y\\n`` from a hand-built tree: every token goes through the hooks."""
    passed: list[str] = []
    events: list[cst.CSTNode] = []
    syntactic: list[cst.CSTNode] = []

    class Probe(state_class):  # type: ignore[misc, valid-type]
        def add_indent_tokens(self) -> None:
            self.tokens.extend(self.indent_tokens)
            passed.extend(self.indent_tokens)

        def add_token(self, value: str) -> None:
            self.tokens.append(value)
            passed.append(value)

        def before_codegen(self, node: cst.CSTNode) -> None:
            events.append(node)

        def after_codegen(self, node: cst.CSTNode) -> None:
            events.append(node)

        @contextmanager
        def record_syntactic_position(
            self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None, end_node: cst.CSTNode | None = None
        ) -> Iterator[None]:
            syntactic.append(node)
            yield

    name = cst.Name("y")
    block = cst.IndentedBlock([cst.SimpleStatementLine([cst.Expr(name)])])
    module = cst.Module(body=[cst.If(test=cst.Name("x"), body=block)])
    where = f"{_CODEGEN} with {_STATE}"
    try:
        state = Probe(default_indent=module.default_indent, default_newline=module.default_newline)
        module._codegen(state)
    except Exception as error:  # noqa: BLE001 - any failure means the protocol changed
        return [f"{where} changed: generating a small module raised {type(error).__name__}: {error}"]
    code = "if x:\n    y\n"
    if "".join(state.tokens) != code or "".join(passed) != code:
        return [f"{where} changed: the module's code did not all go through add_token/add_indent_tokens"]
    if not (events[:1] == [module] and events[-1:] == [module] and events.count(name) == 2):
        return [f"{where} changed: before_codegen/after_codegen are no longer called around every node"]
    if not syntactic:
        return [f"{where} changed: record_syntactic_position is no longer called"]
    return []


_problems = check_libcst_internals()
if _problems:
    raise UnsupportedLibcst(unsupported_message(_problems))

# Looked up once the check passed; the modules that need them import them from here.
from libcst._nodes.internal import CodegenState


def codegen(node: cst.CSTNode, state: CodegenState) -> None:
    """``node._codegen(state)``: generate ``node``'s code into ``state``, calling its hooks on the way."""
    node._codegen(state)


def visit_children(node: cst.CSTNode, visitor: cst.CSTVisitor) -> None:
    """``node._visit_and_replace_children(visitor)``: visit ``node``'s children, calling the visitor's
    ``on_visit_attribute`` before each field (``None`` fields included) and ``on_visit`` on each child."""
    node._visit_and_replace_children(visitor)
