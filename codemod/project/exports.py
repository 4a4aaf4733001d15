"""What one module of the project offers to the modules that import it, read with Python's own parser.

Only what the client proof needs: the module's imports (as absolute dotted names), the values its
module-level names are bound to (also from functions that declare them ``global``: a memoised client), and
its functions' return annotations and return values (with the names each function binds locally). The
values are kept as ``ast`` nodes; ``resolver.py`` decides what they are, following other modules on demand.
``ast`` is used rather than libcst because an imported module is read only for these few facts and
Python's parser is about ten times faster.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class FunctionFacts:
    returns_annotation: ast.expr | None
    returns: list[ast.expr | None] = field(default_factory=list)  # None: a bare ``return``
    locals: dict[str, list[ast.expr]] = field(default_factory=dict)  # names bound in the body


@dataclass
class ModuleExports:
    name: str  # the module's dotted name
    imports: dict[str, str] = field(default_factory=dict)  # local name -> absolute dotted name
    globals: dict[str, list[ast.expr]] = field(default_factory=dict)  # module-level name -> assigned values
    annotations: dict[str, ast.expr] = field(default_factory=dict)  # module-level name -> annotation
    functions: dict[str, FunctionFacts] = field(default_factory=dict)
    path: Path | None = None  # the file it was read from

    def qualify(self, expr: ast.expr) -> str | None:
        """The absolute dotted name ``expr`` stands for (``anthropic.Anthropic`` for ``Anthropic``)."""
        if isinstance(expr, ast.Name):
            return self.imports.get(expr.id, f"{self.name}.{expr.id}")
        if isinstance(expr, ast.Attribute):
            base = self.qualify(expr.value)
            return f"{base}.{expr.attr}" if base else None
        return None


def absolute(module: str, package: str, level: int) -> str:
    """``from ..x import y`` seen from ``package``: the absolute name of ``..x``."""
    if level == 0:
        return module
    parts = package.split(".") if package else []
    base = parts[: len(parts) - (level - 1)] if level > 1 else parts
    return ".".join([*base, module] if module else base)


def _targets(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, (ast.Tuple, ast.List)):
        return [name for element in node.elts for name in _targets(element)]
    return []


class _FunctionReader(ast.NodeVisitor):
    """Returns and local bindings of one function body (nested functions and classes left out)."""

    def __init__(self, facts: FunctionFacts, globals_: dict[str, list[ast.expr]]) -> None:
        self.facts = facts
        self.module_globals = globals_
        self.declared_global: set[str] = set()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        return  # a nested function: its returns are its own

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        return

    def visit_Lambda(self, node: ast.Lambda) -> None:
        return

    def visit_Global(self, node: ast.Global) -> None:
        self.declared_global.update(node.names)

    def visit_Return(self, node: ast.Return) -> None:
        self.facts.returns.append(node.value)

    def _bind(self, name: str, value: ast.expr) -> None:
        if name in self.declared_global:
            self.module_globals.setdefault(name, []).append(value)
        else:
            self.facts.locals.setdefault(name, []).append(value)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            for name in _targets(target):
                self._bind(name, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None and isinstance(node.target, ast.Name):
            self._bind(node.target.id, node.value)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self._bind(node.target.id, node.value)
        self.generic_visit(node)


def read_exports(source: bytes, name: str, is_package: bool) -> ModuleExports | None:
    """The exports of the module ``name`` (its source ``source``); None when Python cannot parse it."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    exports = ModuleExports(name)
    package = name if is_package else name.rpartition(".")[0]
    body: list[ast.stmt] = list(tree.body)
    while body:  # module level, including ``if``/``try`` blocks (``try: import x except ImportError``)
        node = body.pop(0)
        if isinstance(node, ast.Import):
            for alias in node.names:
                bound = alias.asname or alias.name.partition(".")[0]
                exports.imports[bound] = alias.name if alias.asname else alias.name.partition(".")[0]
        elif isinstance(node, ast.ImportFrom):
            module = absolute(node.module or "", package, node.level)
            for alias in node.names:
                if alias.name != "*":
                    exports.imports[alias.asname or alias.name] = f"{module}.{alias.name}" if module else alias.name
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                for bound in _targets(target):
                    exports.globals.setdefault(bound, []).append(node.value)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            exports.annotations[node.target.id] = node.annotation
            if node.value is not None:
                exports.globals.setdefault(node.target.id, []).append(node.value)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            facts = FunctionFacts(node.returns)
            reader = _FunctionReader(facts, exports.globals)
            for statement in node.body:
                reader.visit(statement)
            exports.functions[node.name] = facts
        elif isinstance(node, (ast.If, ast.Try)):
            body[:0] = [*node.body, *getattr(node, "orelse", []), *[s for h in getattr(node, "handlers", []) for s in h.body],
                        *getattr(node, "finalbody", [])]
    return exports
