"""Line and column ranges of chosen nodes, as libcst's ``PositionProvider`` computes them.

``PositionProvider`` generates the module's code recording a range for every node, and resolving it
through ``MetadataWrapper`` also walks the whole tree once more for batchable providers even when
there are none: together about a third of the analysis of a file with findings. Findings need the
positions of a handful of nodes, so this does one code generation that tracks line and column
cheaply, records ranges only inside the nodes asked for (a node's syntactic range can be hoisted
from its children, so their ranges are recorded too) and stops once the last of them is generated.
``tests/test_positions.py`` checks the results against ``PositionProvider`` on every fixture.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import CodePosition, CodeRange

# The codegen protocol PositionProvider implements too: private libcst names, checked by libcst_compat.
from codemod.libcst_compat import CodegenState, codegen

_NEWLINE = re.compile(r"\r\n?|\n")


@dataclass(frozen=False)
class _RangeRecorder(CodegenState):
    wanted: Collection[int] | None = None  # ids of the nodes to record; None: every node
    ranges: dict[int, CodeRange] = field(default_factory=dict)
    line: int = 1
    column: int = 0
    _starts: list[CodePosition] = field(default_factory=list)
    _inside: int = 0  # depth of wanted nodes being generated
    _pending: int = -1  # wanted nodes not generated yet (-1: every node is wanted)

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self.add_token(token)

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        if "\n" in value or "\r" in value:
            segments = _NEWLINE.split(value)
            self.line += len(segments) - 1
            self.column = len(segments[-1])
        else:
            self.column += len(value)

    def _recording(self, node: cst.CSTNode) -> bool:
        return self.wanted is None or self._inside > 0 or id(node) in self.wanted

    def before_codegen(self, node: cst.CSTNode) -> None:
        if self.wanted is not None and id(node) in self.wanted:
            self._inside += 1
        if self._recording(node):
            self._starts.append(CodePosition(self.line, self.column))

    def after_codegen(self, node: cst.CSTNode) -> None:
        if not self._recording(node):
            return
        start = self._starts.pop()
        # A syntactic range recorded during the node's own generation takes precedence.
        self.ranges.setdefault(id(node), CodeRange(start, CodePosition(self.line, self.column)))
        if self.wanted is not None and id(node) in self.wanted:
            self._inside -= 1
            self._pending -= 1
            if self._pending == 0:
                raise _AllRecorded  # the rest of the module's code is not needed

    @contextmanager
    def record_syntactic_position(
        self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None, end_node: cst.CSTNode | None = None
    ) -> Iterator[None]:
        if not self._recording(node):
            yield
            return
        start = CodePosition(self.line, self.column)
        yield
        end = CodePosition(self.line, self.column)
        if start_node is not None:
            start = self.ranges[id(start_node)].start
        if end_node is not None:
            end = self.ranges[id(end_node)].end
        self.ranges[id(node)] = CodeRange(start, end)


class _AllRecorded(Exception):
    """Raised to stop code generation once the last wanted node has been generated."""


def node_ranges(module: cst.Module, wanted: Collection[cst.CSTNode] | None = None) -> dict[int, CodeRange]:
    """Ranges by ``id(node)`` for ``wanted`` (and their descendants), or for every node."""
    ids = None if wanted is None else {id(node) for node in wanted}
    if ids is not None and not ids:
        return {}
    recorder = _RangeRecorder(
        default_indent=module.default_indent,
        default_newline=module.default_newline,
        wanted=ids,
        _pending=-1 if ids is None else len(ids),
    )
    try:
        codegen(module, recorder)
    except _AllRecorded:
        pass
    return recorder.ranges


class Positions:
    """Ranges computed on first use: for every node, or only for the nodes :meth:`prepare` names."""

    def __init__(self, module: cst.Module) -> None:
        self._module = module
        self._ranges: dict[int, CodeRange] = {}
        self._complete = False

    def prepare(self, nodes: Collection[cst.CSTNode]) -> None:
        """Compute the ranges of ``nodes`` in one pass (the ones not known yet)."""
        missing = [node for node in nodes if id(node) not in self._ranges]
        if missing and not self._complete:
            self._ranges.update(node_ranges(self._module, missing))

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        found = self._ranges.get(id(node))
        if found is None:
            if not self._complete:
                self._ranges = node_ranges(self._module)  # asked one at a time: do them all once
                self._complete = True
            found = self._ranges[id(node)]
        return found
