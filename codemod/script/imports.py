"""Clients a script imports from another module of the project (``import { anthropic } from "@/lib/anthropic"``).

A Next.js app usually makes its client once, in ``lib/anthropic.ts``, and imports it in every route. The
imported name is a client when the module it comes from is a file of the project (a relative path, or
``@/`` for the project root or its ``src/``, Next.js's default alias) that exports, under that name, a
value every assignment of which is a client construction of a class it imports from the SDK
(``export const anthropic = new Anthropic()``, ``export default new Anthropic()``). Each module read is
recorded with its digest, so that a cached verdict is dropped when it changes.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

from codemod.script.syntax import Node, grammar_for, string_value, text, walk

MODULE_SUFFIXES = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")


def local_module(importer: Path, source: str) -> Path | None:
    """The file a relative (``./lib/anthropic``), ``tsconfig.json`` ``paths`` or ``@/`` import names, when it is one."""
    if source.startswith("."):
        return _with_suffix(importer.parent / source)
    for candidate in _mapped(importer, source):
        found = _with_suffix(candidate)
        if found is not None:
            return found
    if source.startswith("@/"):
        root = next((d for d in importer.parents if (d / "package.json").is_file() or (d / "tsconfig.json").is_file()), None)
        if root is None:
            return None
        for base in (root / source[2:], root / "src" / source[2:]):
            found = _with_suffix(base)
            if found is not None:
                return found
    return None


def project_config(importer: Path) -> Path | None:
    """The nearest ``tsconfig.json`` (or ``jsconfig.json``) above a script."""
    return next((d / name for d in importer.parents for name in ("tsconfig.json", "jsconfig.json") if (d / name).is_file()), None)


def _mapped(importer: Path, source: str) -> list[Path]:
    """Where the nearest ``tsconfig.json``/``jsconfig.json``'s ``compilerOptions.paths`` map ``source``."""
    config = project_config(importer)
    options = _compiler_options(config) if config is not None else {}
    paths = options.get("paths")
    if config is None or not isinstance(paths, dict):
        return []
    base = config.parent / str(options.get("baseUrl", "."))
    found = []
    for pattern, targets in paths.items():
        prefix, star, suffix = str(pattern).partition("*")
        matches = source.startswith(prefix) and source.endswith(suffix) if star else source == pattern
        if not matches or not isinstance(targets, list):
            continue
        middle = source[len(prefix) : len(source) - len(suffix)] if star else ""
        found.extend(base / str(target).replace("*", middle) for target in targets)
    return found


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _compiler_options(config: Path) -> dict[str, object]:
    """``compilerOptions`` of a tsconfig (JSON with comments and trailing commas); empty when unreadable."""
    try:
        return _options_of(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}


@lru_cache(maxsize=64)
def _options_of(raw: str) -> dict[str, object]:
    without_comments = re.sub(r'("(?:\\.|[^"\\])*")|//[^\n]*|/\*.*?\*/', lambda m: m.group(1) or "", raw, flags=re.DOTALL)
    try:
        document = json.loads(re.sub(r",(\s*[}\]])", r"\1", without_comments))
    except ValueError:
        return {}
    options = document.get("compilerOptions") if isinstance(document, dict) else None
    return options if isinstance(options, dict) else {}


def _with_suffix(base: Path) -> Path | None:
    # TypeScript's ESM imports name the compiled file ("./client.js" for client.ts).
    stem = base.with_suffix("") if base.suffix in (".js", ".mjs", ".cjs") else base
    candidates = [base, *(stem.parent / (stem.name + s) for s in MODULE_SUFFIXES), *(base / ("index" + s) for s in MODULE_SUFFIXES)]
    return next((c for c in candidates if c.suffix in MODULE_SUFFIXES and c.is_file()), None)


def exported_clients(path: Path) -> tuple[frozenset[str], str]:
    """The names under which the module at ``path`` exports an SDK client ("default" for its default
    export), and the digest of its bytes; read again when the file changes (an editor's long-lived process)."""
    try:
        source = path.read_bytes()
    except OSError:
        return frozenset(), ""
    digest = hashlib.sha256(source).hexdigest()
    return _exported(path.name, source, digest), digest


@lru_cache(maxsize=512)
def _exported(name: str, source: bytes, digest: str) -> frozenset[str]:
    from codemod.results import EngineError
    from codemod.script.requests import bindings, is_construction
    from codemod.script.syntax import parse

    try:
        root = parse(source, grammar_for(name)).root_node
    except EngineError:
        return frozenset()
    found = bindings(root)
    exported: set[str] = set()
    for node in walk(root):
        if node.type != "export_statement":
            continue
        value = node.child_by_field_name("value")
        if value is not None and is_construction(value, found):
            exported.add("default")
        declaration = node.child_by_field_name("declaration")
        if declaration is not None and declaration.type == "lexical_declaration":
            exported.update(_declared(declaration) & found.clients)
        for clause in (c for c in node.named_children if c.type == "export_clause"):
            for spec in clause.named_children:
                spec_name, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
                if spec_name is not None and text(spec_name) in found.clients:
                    exported.add(text(alias or spec_name))
    return frozenset(exported)


def _declared(declaration: Node) -> set[str]:
    names = set()
    for declarator in declaration.named_children:
        name = declarator.child_by_field_name("name") if declarator.type == "variable_declarator" else None
        if name is not None and name.type == "identifier":
            names.add(text(name))
    return names


def imported_clients(root: Node, importer: Path, deps: dict[str, str]) -> set[str]:
    """Local names of clients imported from modules of the project; ``deps`` gets each module read."""
    clients: set[str] = set()
    for node in root.named_children:
        if node.type != "import_statement":
            continue
        source = string_value(node.child_by_field_name("source"))
        module = local_module(importer, source) if source else None
        if module is None:
            continue
        exported, digest = exported_clients(module.resolve())
        deps[str(module.resolve())] = digest
        config = project_config(importer) if not source.startswith(".") else None
        if config is not None:  # its paths chose the module: a verdict depends on them too
            deps[str(config.resolve())] = _digest(config)
        for clause in (c for c in node.named_children if c.type == "import_clause"):
            for part in clause.named_children:
                if part.type == "identifier" and "default" in exported:
                    clients.add(text(part))
                elif part.type == "named_imports":
                    for spec in part.named_children:
                        name, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
                        if name is not None and text(name) in exported:
                            clients.add(text(alias or name))
    return clients
