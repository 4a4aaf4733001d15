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
from codemod.project.exports import absolute, read_exports
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
    # The keyword whose value the use is in a ``<client>[.beta].messages.<method>(...)`` call ("model",
    # "thinking"), or None for any other use.
    key: str | None
    # For a ``thinking=`` use: the model ID that call sends, when it is a literal there or a literal constant
    # of the project (``model=MODEL``); None when it is not known statically.
    model: str | None = None
    # For a ``thinking=`` use: the call has no ``*``/``**`` arguments and no ``output_config``, so an
    # ``output_config={"effort": ...}`` can be added next to the thinking.
    plain: bool = False

    @property
    def as_model(self) -> bool:
        return self.key == "model"

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


def uses_of(resolver: FileResolver, module: str, name: str, defined_in: Path) -> tuple[Use, ...] | None:
    """Every use of ``module.name`` in the project's other files, or None when some cannot be followed."""
    root = resolver.index.root
    key = (root, module, name, defined_in)
    if key not in _uses:
        _uses[key] = _scan(resolver, module, name, defined_in)
    return _uses[key]


def _scan(resolver: FileResolver, module: str, name: str, defined_in: Path) -> tuple[Use, ...] | None:
    files = project_files(resolver.index.root)
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
        uses = _uses_in(path, source, module, name, resolver)
        if uses is None:
            return None
        found.extend(uses)
    return tuple(found)


def _uses_in(path: Path, source: bytes, module: str, name: str, resolver: FileResolver | None) -> list[Use] | None:
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
            key, call = _request_argument(node, parents)
            model = _model_of(call, path, source, dotted, resolver) if key == "thinking" and call is not None else None
            plain = call is not None and not any(k.arg in (None, "output_config") for k in call.keywords) and not any(
                isinstance(a, ast.Starred) for a in call.args
            )
            uses.append(Use(path, node.lineno, key, model, plain))
    return uses


def _model_of(call: ast.Call, path: Path, source: bytes, dotted: str, resolver: FileResolver | None) -> str | None:
    """The model ID a request call sends: a literal, or a literal constant imported from the project."""
    value = next((k.value for k in call.keywords if k.arg == "model"), None)
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return value.value
    if value is None or resolver is None:
        return None
    exports = read_exports(source, dotted, path.name == "__init__.py")
    qualified = exports.qualify(value) if exports is not None else None
    if qualified is None or (isinstance(value, ast.Name) and value.id not in exports.imports):  # type: ignore[union-attr]
        return None
    constant = FileResolver(resolver.index, path).constant(qualified)
    return constant.value if constant is not None and isinstance(constant.value, str) else None


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _request_argument(node: ast.expr, parents: dict[int, ast.AST]) -> tuple[str | None, ast.Call | None]:
    """The keyword and call when ``node`` is ``<receiver>.messages.create(model=<node>, ...)`` or
    ``thinking=<node>`` (``beta.messages``, ``stream``, ``parse`` too); (None, None) otherwise."""
    keyword = parents.get(id(node))
    call = parents.get(id(keyword)) if keyword is not None else None
    if not (isinstance(keyword, ast.keyword) and keyword.arg in ("model", "thinking") and isinstance(call, ast.Call)):
        return None, None
    func = call.func
    if (
        isinstance(func, ast.Attribute)
        and func.attr in REQUEST_METHODS
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "messages"
    ):
        return keyword.arg, call
    return None, None


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
    uses = uses_of(resolver, module, constant.name, constant.path)
    return bool(uses) and all(use.as_model for use in uses) and loaded_in_module(constant.path, constant.name) is False


def definition_uses(resolver: FileResolver, name: str, key: str = "model") -> tuple[Use, ...] | None:
    """The uses, in the project's other modules, of a module-level name of the file ``resolver`` is for, when
    each is the ``key=`` value of a request; None otherwise. (That the module does not read the name itself, its own
    analysis tells; ``loaded_in_module`` is the same test for a module read from disk.)"""
    resolver.volatile = True
    uses = uses_of(resolver, resolver.module_name, name, resolver.path)
    if not uses or not all(use.key == key for use in uses):
        return None
    return uses


def sent_only_as_thinking(resolver: FileResolver, constant: ProjectConstant) -> tuple[Use, ...] | None:
    """The uses of an imported thinking dict when its module is in the run, does not read it itself, and every
    use in the project is the ``thinking=`` of a request (the facts decide from them whether it is rewritten
    there, as ``facts/exported_thinking.py`` does from the defining side)."""
    resolver.volatile = True
    if not isinstance(constant.value, dict) or not in_run(constant.path):
        return None
    _, module = package_of(constant.path)
    uses = uses_of(resolver, module, constant.name, constant.path)
    if not uses or not all(use.key == "thinking" for use in uses) or loaded_in_module(constant.path, constant.name) is not False:
        return None
    return uses
