"""Where the other modules of a project use a module-level name: ``MODEL`` of ``app/config.py``.

A model constant written in one module and sent by requests in others (``from app.config import MODEL`` then
``client.messages.create(model=MODEL, ...)``) can be rewritten where it is written only when every use of it
in the project is such a ``model=`` value. This finds the uses with Python's own parser: every ``.py`` file
under the project root that contains the name's bytes is read, its imports of the module are followed
(``from app.config import MODEL as M``, ``import app.config as cfg`` then ``cfg.MODEL``, ``from app import
config`` then ``config.MODEL``, relative imports) and each load is classified. Anything that cannot be
followed (a star import of the module, a re-export, a file Python cannot parse that names the module) makes
the answer unknown, and then nothing is rewritten.
"""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass
from pathlib import Path

from codemod.project.dependencies import in_run
from codemod.project.exports import absolute
from codemod.project.resolver import FileResolver, ProjectConstant, package_of

# Directories that hold no code of the project (environments, caches, build output, vendored packages).
SKIPPED_DIRECTORIES = frozenset(
    {".git", ".hg", ".svn", ".venv", "venv", "env", ".env", "node_modules", "__pycache__", "build", "dist",
     ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages", ".eggs"}
)
REQUEST_METHODS = frozenset({"create", "stream", "parse", "count_tokens"})
MAX_FILES = 20_000  # a project larger than this is not scanned: the answer is unknown


@dataclass(frozen=True)
class Use:
    path: Path
    line: int
    as_model: bool  # the ``model=`` value of a ``<client>[.beta].messages.<method>(...)`` call

    def shown(self) -> str:
        path = self.path
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            pass
        return f"{path.as_posix()}:{self.line}"


_files: dict[Path, list[Path] | None] = {}
_uses: dict[tuple[Path, str, str, Path], tuple[Use, ...] | None] = {}


def project_files(root: Path) -> list[Path] | None:
    """The project's ``.py`` files (once per process and root); None for a tree too large to scan."""
    if root not in _files:
        found: list[Path] = []
        for directory, subdirectories, names in os.walk(root):
            subdirectories[:] = [d for d in subdirectories if d not in SKIPPED_DIRECTORIES and not d.endswith(".egg-info")]
            found.extend(Path(directory, name) for name in names if name.endswith(".py"))
            if len(found) > MAX_FILES:
                _files[root] = None
                break
        else:
            _files[root] = sorted(found)
    return _files[root]


def uses_of(root: Path, module: str, name: str, defined_in: Path) -> tuple[Use, ...] | None:
    """Every use of ``module.name`` in the project's other files, or None when some cannot be followed."""
    key = (root, module, name, defined_in)
    if key not in _uses:
        _uses[key] = _scan(root, module, name, defined_in)
    return _uses[key]


def _scan(root: Path, module: str, name: str, defined_in: Path) -> tuple[Use, ...] | None:
    files = project_files(root)
    if files is None:
        return None
    needle = name.encode()
    last = module.rpartition(".")[2].encode()
    found: list[Use] = []
    for path in files:
        if path == defined_in:
            continue
        try:
            source = path.read_bytes()
        except OSError:
            continue
        if needle not in source or last not in source:
            continue
        uses = _uses_in(path, source, module, name)
        if uses is None:
            return None
        found.extend(uses)
    return tuple(found)


def _uses_in(path: Path, source: bytes, module: str, name: str) -> list[Use] | None:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    _, dotted = package_of(path)
    package = dotted if path.name == "__init__.py" else dotted.rpartition(".")[0]
    names: set[str] = set()  # local names bound to the constant
    modules: set[str] = set()  # dotted expressions bound to the module (``cfg``, ``app.config``)
    parent, _, last = module.rpartition(".")
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source_module = absolute(node.module or "", package, node.level)
            for alias in node.names:
                if source_module == module and alias.name in ("*", name):
                    if alias.name == "*" or path.name == "__init__.py":
                        return None  # a star import, or a re-export: its users are not followed
                    names.add(alias.asname or name)
                elif source_module == parent and alias.name == last:
                    modules.add(alias.asname or last)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == module:
                    modules.add(alias.asname or module)
    if not names and not modules:
        return []
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    uses = []
    for node in ast.walk(tree):
        is_use = (isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load)) or (
            isinstance(node, ast.Attribute) and node.attr == name and _dotted(node.value) in modules
        )
        if is_use:
            uses.append(Use(path, node.lineno, _is_model_argument(node, parents)))
    return uses


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _is_model_argument(node: ast.expr, parents: dict[int, ast.AST]) -> bool:
    """``<receiver>.messages.create(model=<node>, ...)`` (``beta.messages``, ``stream``, ``parse`` too)."""
    keyword = parents.get(id(node))
    call = parents.get(id(keyword)) if keyword is not None else None
    if not (isinstance(keyword, ast.keyword) and keyword.arg == "model" and isinstance(call, ast.Call)):
        return False
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr in REQUEST_METHODS
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "messages"
    )


def loaded_in_module(path: Path, name: str) -> bool | None:
    """Whether the module at ``path`` reads ``name`` itself (None: it cannot be parsed)."""
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return any(isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load) for node in ast.walk(tree))


def sent_only_as_model(resolver: FileResolver, constant: ProjectConstant) -> bool:
    """Whether the module defining ``constant`` rewrites it in this run: it is one of the run's files, it does
    not read the name itself, and every use in the project is a ``model=`` value (the importing side of
    ``definition_uses``, which decides the same from the defining module)."""
    resolver.volatile = True
    if not isinstance(constant.value, str) or not in_run(constant.path):
        return False
    _, module = package_of(constant.path)
    uses = uses_of(resolver.index.root, module, constant.name, constant.path)
    return bool(uses) and all(use.as_model for use in uses) and loaded_in_module(constant.path, constant.name) is False


def definition_uses(resolver: FileResolver, name: str) -> tuple[Use, ...] | None:
    """The uses, in the project's other modules, of a module-level name of the file ``resolver`` is for, when
    each is a ``model=`` value; None otherwise. (That the module does not read the name itself, its own
    analysis tells; ``loaded_in_module`` is the same test for a module read from disk.)"""
    resolver.volatile = True
    uses = uses_of(resolver.index.root, resolver.module_name, name, resolver.path)
    if not uses or not all(use.as_model for use in uses):
        return None
    return uses
