"""Version specifiers: Poetry's ``^`` / ``~`` as PEP 440, whether a specifier admits the SDK floor, and the
specifier a fix writes. ``packaging`` does the PEP 440 work."""

from __future__ import annotations

import re

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

_OPERATOR = re.compile(r"^(===|==|!=|~=|<=|>=|<|>)")


def _bump(parts: list[int], index: int) -> str:
    bumped = [*parts[:index], parts[index] + 1]
    return ".".join(str(p) for p in bumped + [0] * (max(len(parts), 2) - len(bumped)))


def _caret(version: str) -> str:
    parts = [int(p) for p in version.split(".") if p.isdigit()]
    if not parts:
        raise ValueError(version)
    index = next((i for i, p in enumerate(parts) if p != 0), len(parts) - 1)
    return f">={version},<{_bump(parts, index)}"


def _tilde(version: str) -> str:
    parts = [int(p) for p in version.split(".") if p.isdigit()]
    if not parts:
        raise ValueError(version)
    return f">={version},<{_bump(parts, 0 if len(parts) == 1 else 1)}"


def to_pep440(constraint: str, style: str) -> str | None:
    """A Poetry or Pipfile version constraint as a PEP 440 specifier set ("" = any); None if not understood."""
    text = constraint.strip()
    if text in ("", "*"):
        return ""
    if "||" in text or "|" in text:
        return None  # alternatives: not one range
    clauses = []
    for part in re.split(r"\s*,\s*|\s+(?=[<>=!~^])", text):
        part = part.strip()
        try:
            if style == "poetry" and part.startswith("^"):
                clauses.append(_caret(part[1:].strip()))
            elif style == "poetry" and part.startswith("~") and not part.startswith("~="):
                clauses.append(_tilde(part[1:].strip()))
            elif _OPERATOR.match(part):
                clauses.append(part.replace(" ", ""))
            elif part:
                clauses.append(f"=={part}")  # a bare version: exact (Poetry) / not valid in a Pipfile
        except ValueError:
            return None
    joined = ",".join(clauses)
    try:
        SpecifierSet(joined)
    except InvalidSpecifier:
        return None
    return joined


def admits_from(spec: str, floor: str, newest: str) -> bool:
    """Whether ``spec`` admits some release at or above ``floor`` (the releases the migrated code can run on).

    Candidates are the floor, the newest release the catalogue was checked against, and every version the
    specifier names (and the next micro, minor and major one), which covers the lowest admitted release
    of every clause.
    """
    specifier = SpecifierSet(spec)
    lowest = Version(floor)
    candidates = {lowest, Version(newest)}
    for clause in specifier:
        try:
            version = Version(clause.version.rstrip(".*"))
        except InvalidVersion:
            continue
        major, minor, micro = (list(version.release) + [0, 0])[:3]
        candidates |= {version, Version(f"{major}.{minor}.{micro + 1}"), Version(f"{major}.{minor + 1}.0"), Version(f"{major + 1}.0.0")}
    return any(candidate >= lowest and specifier.contains(candidate, prereleases=True) for candidate in candidates)


def has_upper_bound(spec: str) -> bool:
    return any(clause.operator in ("<", "<=", "~=") or (clause.operator == "==" and clause.version.endswith(".*")) for clause in SpecifierSet(spec))


def replacement(spec: str, floor: str, newest: str, style: str) -> str:
    """The specifier a fix writes, in the file's style: an exact pin moves to ``newest`` (the release the
    catalogue was checked against); anything else becomes ``>=floor``, keeping an upper bound as the next
    major release above ``newest``."""
    clauses = list(SpecifierSet(spec))
    exact = len(clauses) == 1 and clauses[0].operator in ("==", "===") and not clauses[0].version.endswith(".*")
    if exact:
        return newest if style == "poetry" else f"=={newest}"
    new = f">={floor}"
    if has_upper_bound(spec):
        new += f",<{Version(newest).major + 1}"
    return new
