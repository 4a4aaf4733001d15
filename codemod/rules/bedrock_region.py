"""CM407: ``AnthropicBedrock()`` without ``aws_region``, a ``ValueError`` in SDK 1.0 unless a region is configured.

``anthropic`` 0.x logged a warning and silently used ``us-east-1`` when no AWS region could be found; from
1.0.0 ``AnthropicBedrock`` / ``AsyncAnthropicBedrock`` raise ``ValueError: No AWS region was provided`` at
construction (api-facts §5.1 "Bedrock", source MIG-v1 "Bedrock: a region is now required"; SDK
``lib/bedrock/_client.py`` ``_infer_region``, run). The region is taken from ``aws_region=``, then the
``AWS_REGION`` / ``AWS_DEFAULT_REGION`` environment variables, then the boto3 configuration of
``aws_profile``.

Reported, never fixed: whether the environment or the profile sets a region is only known where the code
runs, and writing ``aws_region="us-east-1"`` would override a region the environment does set. A
constructor call with ``**kwargs`` or a third positional argument (the region) is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from codemod.analysis.requests import FileAnalysis
from codemod.edits import code_of
from codemod.findings import Finding, Rule
from codemod.rules import RuleFamily
from codemod.rules.context import RuleContext

BEDROCK_REGION_REQUIRED = Rule(
    "CM407",
    "bedrock-region-required",
    "`AnthropicBedrock()` without `aws_region` (ValueError in SDK 1.x unless the environment or the AWS "
    "profile sets a region): reported",
    "report",
)


def check_file(analysis: FileAnalysis, ctx: RuleContext) -> Iterator[Finding]:
    for found in analysis.sdk_usage.bedrock_without_region:
        profile = " or the configuration of its aws_profile" if found.aws_profile else ""
        message = (
            f"{code_of(found.call.func)}() without aws_region raises ValueError in SDK 1.0+ unless "
            f"AWS_REGION / AWS_DEFAULT_REGION{profile} provides a region (0.x silently used us-east-1): "
            f'pass aws_region="..." (us-east-1 keeps the old default) or make sure the environment sets it'
        )
        yield Finding(BEDROCK_REGION_REQUIRED, found.call, message)


FAMILY = RuleFamily((BEDROCK_REGION_REQUIRED,), check_file=check_file)
