"""TypeScript and JavaScript call sites of the ``@anthropic-ai/sdk`` client, migrated with the same rule codes.

Parsed with tree-sitter (``syntax.py``); the calls the SDK provably makes are found in ``requests.py`` and
migrated in ``migrate.py`` by byte-range edits, so everything outside them is kept byte for byte. Only the
file kinds below are read, and only when their bytes name the SDK or a thinking budget (``screen``):
a Python-only tree pays one suffix test per file.
"""

from __future__ import annotations

SCRIPT_SUFFIXES = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")
# Build output and bundles of JavaScript tools, generated from the sources the run already reads (``dist`` and
# ``build`` are never walked at all: discover.DEFAULT_EXCLUDES).
SCRIPT_EXCLUDES = frozenset({"out", ".next", ".nuxt", ".svelte-kit", "coverage", ".turbo", ".vercel"})
SDK_PACKAGES = ("@anthropic-ai/sdk", "@anthropic-ai/bedrock-sdk", "@anthropic-ai/vertex-sdk")


def is_script(path: str) -> bool:
    """A TypeScript or JavaScript file (a declaration file, ``.d.ts``, holds no calls: it is not one)."""
    return path.endswith(SCRIPT_SUFFIXES) and not is_declaration(path)


def is_declaration(path: str) -> bool:
    return path.endswith((".d.ts", ".d.mts", ".d.cts"))


def screen(source: bytes) -> bool:
    """Whether a script may hold a finding: it names the SDK, calls a ``messages`` resource (on a client
    imported from another module, maybe), or holds a thinking budget (the CM108 backstop)."""
    return (
        b"@anthropic-ai/" in source or b"@ai-sdk/anthropic" in source or b".messages." in source
        or b"budget_tokens" in source or b"budgetTokens" in source
    )
