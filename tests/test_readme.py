"""The README's rules section is generated from the rules (code, name, summary, safety, docstrings)."""

from __future__ import annotations

from pathlib import Path

from codemod.report.rules_doc import END, START, block
from codemod.rules import all_rules

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_rules_section_is_up_to_date() -> None:
    text = README.read_text(encoding="utf-8")
    assert START in text and END in text, "README.md lost its generated rules markers"
    current = text[text.index(START) : text.index(END) + len(END)]
    assert current == block(), "README.md rules section is stale: run `python -m codemod.report.rules_doc README.md`"


def test_every_rule_is_documented_with_a_docstring_and_safety() -> None:
    generated = block()
    for rule in all_rules():
        assert f"| {rule.code} | {rule.name} |" in generated
        assert rule.fix, rule.code
    assert generated.count("#### ") >= 10  # one section per rule family, from its module docstring
