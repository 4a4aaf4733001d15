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

RULE_TOKENS: dict[str, tuple[bytes, ...]] = {
'''


def render() -> str:
    lines = [f"    {rule.code!r}: ({''.join(f'{token!r}, ' for token in rule.tokens).rstrip()}),\n" for rule in all_rules()]
    return HEADER + "".join(line.replace(", )", ")") for line in lines) + "}\n"


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
