"""The README stays short, links to the rule pages and CONTRIBUTING.md, and points only inside the repository
(or at public https:// pages). The same link check runs on the other Markdown documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MAX_README_BYTES = 12 * 1024
DOCUMENTS = ["README.md", "CONTRIBUTING.md", "CHANGELOG.md", "bench/README.md", "docs/rules/README.md"]

FENCE = re.compile(r"^(```+|~~~+).*?^\1\s*$", re.DOTALL | re.MULTILINE)
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<(https?://[^>\s]+)>")
REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*(\S+)", re.MULTILINE)


def _prose(text: str) -> str:
    """The text outside code blocks and code spans (links inside code are not links)."""
    return INLINE_CODE.sub("", FENCE.sub("", text))


def links(text: str) -> list[str]:
    prose = _prose(text)
    return [a or b for a, b in LINK.findall(prose)] + REFERENCE.findall(prose)


def _anchors(text: str) -> set[str]:
    """GitHub's heading anchors."""
    anchors = set()
    for line in FENCE.sub("", text).splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            anchors.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return anchors


def test_readme_is_short() -> None:
    size = len(README.read_bytes())
    assert size < MAX_README_BYTES, f"README.md is {size} bytes; keep it under {MAX_README_BYTES} (details go to docs/)"


def test_readme_links_to_the_rules_and_contributing() -> None:
    found = links(README.read_text(encoding="utf-8"))
    assert "docs/rules/README.md" in found, "README.md must link to the rules index docs/rules/README.md"
    assert "CONTRIBUTING.md" in found, "README.md must link to CONTRIBUTING.md"


def test_readme_quick_start_is_what_ci_runs() -> None:
    text = README.read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert '$ pip install -e ".[test]" && claude-migrate diff examples/legacy_app\n$ pytest\n' in text
    assert 'pip install --quiet -e ".[test]"' in ci and "claude-migrate diff examples/legacy_app" in ci
    assert "\npytest" in ci


@pytest.mark.parametrize("name", DOCUMENTS)
def test_links_stay_in_the_repository(name: str) -> None:
    path = ROOT / name
    text = path.read_text(encoding="utf-8")
    bad = []
    for target in links(text):
        if target.startswith("https://"):
            continue
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):  # http:, file:, mailto:, ...
            bad.append(f"{target}: only https:// links may leave the repository")
            continue
        file_part, _, fragment = target.partition("#")
        if not file_part:
            if fragment not in _anchors(text):
                bad.append(f"{target}: no such heading")
            continue
        resolved = (path.parent / file_part).resolve()
        if not resolved.is_relative_to(ROOT):
            bad.append(f"{target}: outside the repository")
        elif not resolved.exists():
            bad.append(f"{target}: no such file")
    assert not bad, f"{name}:\n" + "\n".join(bad)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_references_to_private_notes(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    assert "api-facts" not in text, f"{name} cites api-facts; cite the public docs (https://...) instead"
    assert "../" not in _prose(text), f"{name} points at a path outside the repository"
