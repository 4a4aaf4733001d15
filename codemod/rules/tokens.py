"""Writes the pre-filter's table (``codemod/prefilter_tokens.py``) from every rule's ``tokens``.

The pre-filter runs before libcst or any rule is imported (that is what keeps a run over a large tree
cheap), so it reads a generated table rather than the rules. ``tests/test_prefilter.py`` fails when the
table is stale; regenerate it with::

    python -m codemod.rules.tokens --write
"""

from __future__ import annotations

import sys
from pathlib import Path

from codemod.rules import all_rules

TABLE = Path(__file__).resolve().parent.parent / "prefilter_tokens.py"

HEADER = '''"""Per rule: the bytes a file must also contain (one of) for the rule to fire there; empty: the SDK tokens
are enough. Generated from each rule's ``tokens`` by ``python -m codemod.rules.tokens --write``; do not edit.
"""

'''


def _table(name: str, doc: str, entries: list[tuple[str, tuple[bytes, ...]]]) -> str:
    lines = [f"    {code!r}: ({''.join(f'{token!r}, ' for token in tokens).rstrip()}),\n" for code, tokens in entries]
    return f"{doc}{name}: dict[str, tuple[bytes, ...]] = {{\n" + "".join(line.replace(", )", ")") for line in lines) + "}\n"


def render() -> str:
    rules = all_rules()
    return (
        HEADER
        + _table("RULE_TOKENS", "", [(rule.code, rule.tokens) for rule in rules])
        + _table(
            "ALONE_TOKENS",
            "\n# Per rule: bytes that make a file worth parsing by themselves, SDK tokens or not.\n",
            [(rule.code, rule.alone) for rule in rules if rule.alone],
        )
    )


def main(argv: list[str]) -> int:
    current = TABLE.read_text(encoding="utf-8") if TABLE.exists() else ""
    if "--write" in argv:
        if current != render():
            TABLE.write_text(render(), encoding="utf-8")
            print(f"{TABLE.name}: updated")
        return 0
    if current != render():
        print(f"{TABLE.name} is stale: run python -m codemod.rules.tokens --write", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
