"""CM407 bedrock-region-required: `AnthropicBedrock()` without `aws_region`, a `ValueError` in SDK 1.0 unless a region is configured, is reported.

## What it does
Reports `AnthropicBedrock(...)` and `AsyncAnthropicBedrock(...)` constructor calls that pass no
`aws_region=`, saying where else the region may come from. A constructor call with `**kwargs`, or with a
third positional argument (the region), is not reported.

## Why
`anthropic` 0.x logged a warning and silently used `us-east-1` when no AWS region could be found; from
1.0.0 the Bedrock clients raise `ValueError: No AWS region was provided` at construction. The region is
taken from `aws_region=`, then the `AWS_REGION` / `AWS_DEFAULT_REGION` environment variables, then the
boto3 configuration of `aws_profile`.

## Fix safety
Report only: whether the environment or the profile sets a region is only known where the code runs, and
writing `aws_region="us-east-1"` would override a region the environment does set.

## Source
- https://github.com/anthropics/anthropic-sdk-python/blob/main/MIGRATION.md
- https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/lib/bedrock/_client.py
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.context import RuleContext
from codemod.edits import code_of
from codemod.facts import FileFacts
from codemod.findings import Finding, Rule

RULE = Rule(
    "CM407",
    "bedrock-region-required",
    "`AnthropicBedrock()` without `aws_region` (ValueError in SDK 1.x unless the environment or the AWS "
    "profile sets a region): reported",
    tokens=(b"Bedrock",),
)


BEDROCK_CLIENTS = frozenset({"AnthropicBedrock", "AsyncAnthropicBedrock"})


def _region_may_be_passed(call: cst.Call) -> bool:
    """``aws_region=``, ``**kwargs``, or a third positional argument (``(secret, access, region, ...)``)."""
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    return len(positional) >= 3 or any(arg.star for arg in call.args)


def check_file(facts: FileFacts, ctx: RuleContext) -> Iterator[Finding]:
    for found in facts.analysis.sdk_usage.constructions:
        if found.client_class not in BEDROCK_CLIENTS or "aws_region" in found.keywords:
            continue
        if _region_may_be_passed(found.call):
            continue
        profile = " or the configuration of its aws_profile" if "aws_profile" in found.keywords else ""
        message = (
            f"{code_of(found.call.func)}() without aws_region raises ValueError in SDK 1.0+ unless "
            f"AWS_REGION / AWS_DEFAULT_REGION{profile} provides a region (0.x silently used us-east-1): "
            f'pass aws_region="..." (us-east-1 keeps the old default) or make sure the environment sets it'
        )
        yield Finding(RULE, found.call, message)
