"""Byte-range edits of object literals in a script: a member removed with its comma, a member added after
another, each laid out as the object already is (one member per line, or all on one)."""

from __future__ import annotations

from dataclasses import dataclass

from codemod.script.syntax import Node


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    new: bytes


# Edits --------------------------------------------------------------------------------------------------


def _line_bounds(source: bytes, start: int, end: int) -> tuple[int, int]:
    line_start = source.rfind(b"\n", 0, start) + 1
    line_end = source.find(b"\n", end)
    return line_start, len(source) if line_end < 0 else line_end


def removal(member: Node, source: bytes) -> Edit:
    """Remove an object member with its comma; the whole line when it is alone on it."""
    comma = member.next_sibling if member.next_sibling is not None and member.next_sibling.type == "," else None
    if comma is None:
        previous = member.prev_named_sibling
        while previous is not None and previous.type == "comment":
            previous = previous.prev_named_sibling
        if previous is not None:  # the last member: its comma is the one before it
            between = source[previous.end_byte : member.start_byte]
            if b"//" not in between and b"/*" not in between:
                return Edit(previous.end_byte, member.end_byte, b"")
        return Edit(member.start_byte, member.end_byte, b"")
    start, end = member.start_byte, comma.end_byte
    line_start, line_end = _line_bounds(source, start, end)
    if not source[line_start:start].strip() and not source[end:line_end].strip():
        return Edit(line_start, min(line_end + 1, len(source)), b"")  # the line, with its newline
    while end < len(source) and source[end : end + 1] in (b" ", b"\t"):
        end += 1
    return Edit(start, end, b"")


def insert_after(member: Node, entry: str, source: bytes) -> Edit:
    """Insert ``entry`` as the object member after ``member``: on its own line in a multi-line object."""
    comma = member.next_sibling if member.next_sibling is not None and member.next_sibling.type == "," else None
    anchor = comma.end_byte if comma is not None else member.end_byte
    line_start, line_end = _line_bounds(source, member.start_byte, anchor)
    indent = source[line_start : member.start_byte]
    rest = source[anchor:line_end].strip()
    own_line = not indent.strip() and (not rest or rest.startswith((b"//", b"/*")) or rest in (b"}", b"},"))
    crlf = source[line_end - 1 : line_end] == b"\r"
    newline = "\r\n" if crlf else "\n"  # the file's own line ending
    if own_line and rest and not rest.startswith(b"}"):
        anchor = line_end - 1 if crlf else line_end  # after a trailing comment
    if comma is None:
        return Edit(anchor, anchor, (f",{newline}{indent.decode()}{entry}" if own_line else f", {entry}").encode())
    return Edit(anchor, anchor, (f"{newline}{indent.decode()}{entry}," if own_line else f" {entry},").encode())
