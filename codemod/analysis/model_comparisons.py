"""Model IDs tested in code: ``MODEL == "claude-opus-4-6"``, ``model in (...)``, ``.startswith(...)``.

Such a test gates behaviour on a model ID; rewriting the model it tests without the test would
silently change which branch runs (rule CM304).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from codemod.analysis.literals import literal_str
from codemod.analysis.resolve import ModuleIndex
from codemod.catalog import Catalog
from codemod.catalog.model_ids import parse_model_id

_COMPARISONS = (cst.Equal, cst.NotEqual, cst.In, cst.NotIn, cst.Is, cst.IsNot)


@dataclass(frozen=True)
class ModelComparison:
    node: cst.CSTNode  # the comparison or the .startswith() call
    literal: cst.BaseExpression  # the model ID string in it
    text: str
    subject: cst.BaseExpression  # what is compared with the ID


def _literals(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(node, (cst.Tuple, cst.List, cst.Set)):
        return [e.value for e in node.elements if isinstance(e, cst.Element)]
    return [node]


def model_comparisons(index: ModuleIndex, catalog: Catalog) -> list[ModelComparison]:
    found: list[ModelComparison] = []

    def add(node: cst.CSTNode, candidates: cst.BaseExpression, subject: cst.BaseExpression) -> None:
        if isinstance(candidates, cst.Name):  # MODEL in OLD_IDS, with OLD_IDS a literal tuple
            assignment = index.single_assignment(candidates)
            bound = index.collector.assigned.get(id(assignment.node)) if assignment is not None else None
            if isinstance(bound, (cst.Tuple, cst.List, cst.Set)):
                candidates = bound
        for literal in _literals(candidates):
            text = literal_str(literal)
            if text is not None and parse_model_id(text, catalog) is not None:
                found.append(ModelComparison(node, literal, text, subject))

    for node in index.collector.string_tests:
        if isinstance(node, cst.Comparison):
            left = node.left
            for target in node.comparisons:
                if isinstance(target.operator, _COMPARISONS):
                    add(node, target.comparator, left)
                    add(node, left, target.comparator)
                left = target.comparator
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.args:
            add(node, node.args[0].value, node.func.value)
    return found
