"""Following a name into the module of the project it is imported from.

A call's client is often made in another module: ``from app.clients import claude``, ``client =
get_anthropic_client(key)`` with the factory in ``app/llm.py``, re-exported through ``app/__init__.py``.
``ProjectIndex`` finds such modules inside the project root (the nearest directory above the file with a
``pyproject.toml``, ``setup.py``, ``setup.cfg`` or ``.git``; ``src/`` layouts and the importing file's own
package roots too), reads each once per process, and says whether a dotted name is an SDK client or a
function that returns one:

- a module-level name bound only to client constructions (``claude = AsyncAnthropic()``), or annotated as
  a client, or a memoised global (``global _client; if _client is None: _client = Anthropic()``): the
  ``None`` it starts as is allowed;
- a function whose return annotation names client classes (unions and ``Optional`` included), or every
  one of whose returns is a client construction or a proven client.

A look-alike (a factory returning an in-house class with a ``.messages.create``) is never a client: the
class must be one of the SDK's. Only files inside the project are read; the analysis of the importing file
records each one it read with its digest (``FileResolver.deps``), so that a cached verdict is used again
only while none of them changed.
"""

from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from codemod.project.exports import ModuleExports, absolute, read_exports

CLIENT_NAMES = frozenset(
    prefix + name
    for prefix in ("", "Async")
    for name in ("Anthropic", "AnthropicBedrock", "AnthropicBedrockMantle", "AnthropicVertex", "AnthropicFoundry",
                 "AnthropicAWS", "AnthropicGoogleCloud")
)
# The SDK's aliases of the first-party clients (still exported).
CLIENT_ALIASES = {"Client": "Anthropic", "AsyncClient": "AsyncAnthropic"}
ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")
MAX_DEPTH = 6  # modules and names followed for one question


def client_class(qualified: str | None) -> str | None:
    """The client class an absolute dotted name refers to (``anthropic.lib.vertex.AnthropicVertex``)."""
    if not qualified:
        return None
    head, _, last = qualified.rpartition(".")
    if head != "anthropic" and not head.startswith("anthropic."):
        return None
    if last in CLIENT_NAMES:
        return last
    return CLIENT_ALIASES.get(last) if head == "anthropic" else None


@dataclass(frozen=True)
class ProjectConstant:
    """A module-level name of another project module bound once to a literal (``MODEL = "claude-..."``)."""

    name: str
    path: Path
    line: int
    value: object  # the literal's value (``ast.literal_eval``)

    @property
    def where(self) -> str:
        """``MODEL in app/config.py:3``, the path relative to the working directory when under it."""
        path = self.path.absolute()
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            pass
        return f"{self.name} in {path.as_posix()}:{self.line}"


def project_root(path: Path) -> Path:
    """The nearest directory above ``path`` that marks a project; else the file's own directory."""
    return _marked_root(path.parent) or path.parent


@lru_cache(maxsize=4096)
def _marked_root(directory: Path) -> Path | None:
    """The nearest marked directory at or above ``directory`` (asked once per directory of a run)."""
    if any((directory / marker).exists() for marker in ROOT_MARKERS):
        return directory
    return None if directory.parent == directory else _marked_root(directory.parent)


def package_of(path: Path) -> tuple[Path, str]:
    """The directory a file's dotted name starts from, and that dotted name (``app.clients``)."""
    parts = [] if path.name == "__init__.py" else [path.stem]
    directory = path.parent
    while (directory / "__init__.py").exists():
        parts.insert(0, directory.name)
        directory = directory.parent
    return directory, ".".join(parts)


class ProjectIndex:
    """The modules of one project that have been read, by path (one per process and root)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._exports: dict[Path, tuple[ModuleExports | None, str]] = {}
        self._located: dict[tuple[Path, str], Path | None] = {}

    def locate(self, root: Path, name: str) -> Path | None:
        """The file of module ``name`` under ``root`` (``a/b.py``, else ``a/b/__init__.py``), looked up once
        per process: every file of a package imports the same modules."""
        key = (root, name)
        if key not in self._located:
            relative = Path(*name.split("."))
            candidates = (root / relative.with_suffix(".py"), root / relative / "__init__.py")
            self._located[key] = next((path for path in candidates if path.is_file()), None)
        return self._located[key]

    def read(self, path: Path, name: str) -> tuple[ModuleExports | None, str]:
        """The exports of the module at ``path`` and the digest of its bytes (read once)."""
        known = self._exports.get(path)
        if known is None:
            try:
                source = path.read_bytes()
            except OSError:
                known = (None, "")
            else:
                digest = hashlib.sha256(source).hexdigest()
                exports = read_exports(source, name, path.name == "__init__.py")
                if exports is not None:
                    exports.path = path
                known = (exports, digest)
            self._exports[path] = known
        return known


class FileResolver:
    """Answers, for one importing file, what imported names are; records the files it read."""

    def __init__(self, index: ProjectIndex, importer: Path) -> None:
        self.index = index
        start, self.module_name = package_of(importer)
        self.package = self.module_name if importer.name == "__init__.py" else self.module_name.rpartition(".")[0]
        roots = [start, index.root, index.root / "src", importer.parent]
        self.roots = [root for root in dict.fromkeys(roots) if root == index.root or index.root in root.parents]
        self.deps: dict[str, str] = {}  # path -> sha256 of every project file read for this importer
        self.path = importer
        # Set when an answer depended on the whole project or on the run's files (``project/uses.py``).
        self.volatile = False

    def dependencies(self) -> tuple[tuple[str, str], ...]:
        """(path, sha256) of every project file read so far for this importer, sorted; ``VOLATILE`` first
        when the verdict must not be reused (``dependencies.py``)."""
        found = tuple(sorted(self.deps.items()))
        return (("*", "*"), *found) if self.volatile else found

    # Names of the importing file ----------------------------------------------------------------
    def absolute(self, qualified: str) -> str:
        """A qualified name as the importing file's analysis gives it, made absolute (``.clients.x``)."""
        level = len(qualified) - len(qualified.lstrip("."))
        return absolute(qualified[level:], self.package, level) if level else qualified

    def client(self, qualified: str) -> str | None:
        """The client class of an imported object (``from app.clients import claude``)."""
        found = self._lookup(self.absolute(qualified), 0)
        return self._global_client(*found, 0) if found else None

    def factory(self, qualified: str) -> str | None:
        """The client class an imported function returns (``from app.llm import get_client``)."""
        found = self._lookup(self.absolute(qualified), 0)
        return self._function_client(*found, 0) if found else None

    def constant(self, qualified: str) -> ProjectConstant | None:
        """The literal an imported module-level name is bound to, when it is bound exactly once to one
        (``from app.config import MODEL``), following re-exports; None for anything else."""
        found = self._lookup(self.absolute(qualified), 0)
        if found is None:
            return None
        module, name = found
        values = module.globals.get(name, [])
        if len(values) != 1 or name in module.functions or module.path is None:
            return None
        try:
            value = ast.literal_eval(values[0])
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return None
        return ProjectConstant(name, module.path, values[0].lineno, value)

    # Modules ---------------------------------------------------------------------------------------
    def _module(self, name: str) -> ModuleExports | None:
        if not name or name.startswith("anthropic"):
            return None
        for root in self.roots:
            path = self.index.locate(root, name)
            if path is not None:
                exports, digest = self.index.read(path, name)
                self.deps[str(path)] = digest
                return exports
        return None

    def _lookup(self, qualified: str, depth: int) -> tuple[ModuleExports, str] | None:
        """The module that defines ``qualified`` and the name in it, following re-exports."""
        if depth > MAX_DEPTH or client_class(qualified):
            return None
        parts = qualified.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            module = self._module(".".join(parts[:cut]))
            if module is None:
                continue
            rest = parts[cut:]
            if len(rest) != 1:
                return None  # an attribute of an object: not followed
            name = rest[0]
            if name in module.globals or name in module.functions or name in module.annotations:
                return module, name
            if name in module.imports:  # re-exported (``from .clients import claude`` in __init__.py)
                return self._lookup(module.imports[name], depth + 1)
            return None
        return None

    # What a value is ---------------------------------------------------------------------------------
    def _annotated(self, module: ModuleExports, annotation: ast.expr | None) -> str | None:
        if annotation is None:
            return None
        if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):  # "Anthropic"
            try:
                annotation = ast.parse(annotation.value, mode="eval").body
            except SyntaxError:
                return None
        if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
            return self._annotated(module, annotation.left) or self._annotated(module, annotation.right)
        if isinstance(annotation, ast.Subscript):  # Optional[Anthropic], Union[Anthropic, AnthropicVertex]
            inner = annotation.slice
            elements = inner.elts if isinstance(inner, ast.Tuple) else [inner]
            return next((found for e in elements if (found := self._annotated(module, e))), None)
        return client_class(module.qualify(annotation))

    def _value(self, module: ModuleExports, expr: ast.expr | None, scope: dict[str, list[ast.expr]], depth: int) -> str | None:
        """The client class ``expr`` provably evaluates to in ``module`` (``scope``: a function's locals)."""
        if expr is None or depth > MAX_DEPTH:
            return None
        if isinstance(expr, ast.Call):
            qualified = module.qualify(expr.func)
            direct = client_class(qualified)
            if direct:
                return direct
            if isinstance(expr.func, ast.Name) and expr.func.id in module.functions and expr.func.id not in module.imports:
                return self._function_client(module, expr.func.id, depth + 1)
            found = self._lookup(qualified, depth + 1) if qualified else None
            return self._function_client(*found, depth + 1) if found else None
        if isinstance(expr, ast.IfExp):
            body = self._value(module, expr.body, scope, depth + 1)
            orelse = self._value(module, expr.orelse, scope, depth + 1)
            return body if body and orelse else None
        if isinstance(expr, ast.Name):
            if expr.id in scope:
                return self._all_clients(module, scope[expr.id], scope, depth + 1)
            if expr.id in module.imports:
                found = self._lookup(module.imports[expr.id], depth + 1)
                return self._global_client(*found, depth + 1) if found else None
            if expr.id in module.globals or expr.id in module.annotations:
                return self._global_client(module, expr.id, depth + 1)
        return None

    def _all_clients(self, module: ModuleExports, values: list[ast.expr], scope: dict[str, list[ast.expr]], depth: int) -> str | None:
        """The client class when every value is a client; ``None`` literals allowed (memoised clients)."""
        real = [v for v in values if not (isinstance(v, ast.Constant) and v.value is None)]
        classes = [self._value(module, value, scope, depth) for value in real]
        return classes[0] if classes and all(classes) else None

    def _global_client(self, module: ModuleExports, name: str, depth: int) -> str | None:
        annotated = self._annotated(module, module.annotations.get(name))
        if annotated:
            return annotated
        return self._all_clients(module, module.globals.get(name, []), {}, depth)

    def _function_client(self, module: ModuleExports, name: str, depth: int) -> str | None:
        function = module.functions.get(name)
        if function is None:
            return None
        annotated = self._annotated(module, function.returns_annotation)
        if annotated:
            return annotated
        values = [value for value in function.returns]
        if not values or any(value is None for value in values):
            return None
        return self._all_clients(module, values, function.locals, depth)  # type: ignore[arg-type]
