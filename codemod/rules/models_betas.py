"""CM406: ``client.models.list(betas=...)`` / ``retrieve(..., betas=...)``, a ``TypeError`` in SDK 2.x.

In ``anthropic`` 2.x the non-beta Models methods no longer take ``betas``; the beta Models resource does
(api-facts §5.2 and §5.3, sources SDK ``resources/models.py`` and ``resources/beta/models.py``, run:
``Models.list()`` has no ``betas`` parameter, ``beta.models.list(betas=...)`` has).

Fix safety: **safe**. The call moves to ``client.beta.models`` with its arguments unchanged; that method
sends the same ``GET /v1/models[/{id}]`` with the betas as the ``anthropic-beta`` header (SDK
``resources/beta/models.py``), and its ``BetaModelInfo`` has every field of ``ModelInfo``. Only calls on a
proven client with a ``betas=`` keyword argument are moved; ``.with_raw_response`` /
``.with_streaming_response`` in between are kept.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.analysis.requests import FileAnalysis
from codemod.edits import Replace, code_of
from codemod.findings import SAFE, Finding, Fix, Rule
from codemod.rules import RuleFamily
from codemod.rules.context import RuleContext

MODELS_LIST_BETAS = Rule(
    "CM406",
    "models-list-betas",
    "`client.models.list(betas=...)` / `retrieve(..., betas=...)` (TypeError in SDK 2.x) -> `client.beta.models.*`",
    "safe",
)


def check_file(analysis: FileAnalysis, ctx: RuleContext) -> Iterator[Finding]:
    for found in analysis.sdk_usage.models_betas_calls:
        resource = found.resource
        moved = resource.with_changes(value=cst.Attribute(value=resource.value, attr=cst.Name("beta")))
        client = code_of(resource.value)
        message = (
            f"{client}.models.{found.operation}() no longer takes betas= in SDK 2.x (TypeError): "
            f"the beta Models API does: {client}.beta.models.{found.operation}(..., betas=...)"
        )
        yield Finding(MODELS_LIST_BETAS, found.call, message, Fix(SAFE, (Replace(resource, moved),)))


FAMILY = RuleFamily((MODELS_LIST_BETAS,), check_file=check_file)
