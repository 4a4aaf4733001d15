"""The parent of every node of a module, for the rare question "where does this value go?".

Built on demand (one extra read-only traversal), only for a file that needs it: the CM108 backstop asks
it about thinking configs the request analysis could not follow.
"""

from __future__ import annotations

import libcst as cst

from codemod.analysis.walk import walk


class _ParentRecorder(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.parents: dict[int, cst.CSTNode] = {}
        self._stack: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self._stack:
            self.parents[id(node)] = self._stack[-1]
        self._stack.append(node)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self._stack.pop()


def parent_map(module: cst.Module) -> dict[int, cst.CSTNode]:
    """id(node) -> its parent (whitespace, comments and punctuation are not in it)."""
    recorder = _ParentRecorder()
    walk(module, recorder)
    return recorder.parents
