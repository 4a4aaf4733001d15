"""Model ID strings in their platform forms: parsing them and writing the target in the same form.

Forms (api-facts.md §1.1, "Platform ID rules"):
- Claude API: ``claude-opus-4-6``, ``claude-sonnet-4-5-20250929`` (aliases and dated snapshots);
- Amazon Bedrock: ``[profile.]anthropic.<id>[-v1[:0]]`` where ``profile`` is an inference-profile
  prefix (``global``, ``us``, ``eu``, ``jp``, ``apac``) and the catalogue lists the base IDs;
- Google Cloud Vertex AI: ``<id>@<date>`` for dated snapshots, the bare ID otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from codemod.catalog import Catalog, Model

_BEDROCK = re.compile(r"^(?:(?P<profile>[a-z]{2,6})\.)?(?P<base>anthropic\.claude-[a-z0-9.\-]+(?::\d+)?)$")
_BEDROCK_VERSION = re.compile(r"-v\d+(?::\d+)?$")
_VERTEX = re.compile(r"^(?P<id>claude-[a-z0-9\-.]+)@(?P<date>\d{8})$")


@dataclass(frozen=True)
class ModelRef:
    """A model ID string as written, resolved to a catalogue model."""

    text: str
    model: Model
    platform: str  # "api" | "bedrock" | "vertex"
    profile: str = ""  # Bedrock inference-profile prefix, if any


def parse_model_id(text: str, catalog: Catalog) -> ModelRef | None:
    """Resolve ``text`` to a model, or None when it is not a known Claude model ID in any form."""
    model = catalog.get(text)
    if model is not None:
        return ModelRef(text, model, "api")
    match = _BEDROCK.match(text)
    if match:
        base = match["base"]
        model = catalog.bedrock(base)
        if model is None:
            # Forms not listed verbatim: "anthropic.<api id>" with or without a version suffix.
            model = catalog.get(_BEDROCK_VERSION.sub("", base).removeprefix("anthropic."))
        if model is not None:
            return ModelRef(text, model, "bedrock", match["profile"] or "")
        return None
    match = _VERTEX.match(text)
    if match:
        model = catalog.vertex(text) or catalog.get(f"{match['id']}-{match['date']}")
        if model is not None:
            return ModelRef(text, model, "vertex")
    return None


@dataclass(frozen=True)
class Rendered:
    """The target's ID in the platform form of the original, or why there is none."""

    text: str | None
    note: str = ""


def render_in_form(ref: ModelRef, new: Model) -> Rendered:
    """``new``'s documented ID on ``ref``'s platform, keeping the inference-profile prefix if documented."""
    if ref.platform == "api":
        return Rendered(new.id)
    if ref.platform == "vertex":
        if not new.vertex:
            return Rendered(None, f"{new.id} has no documented Vertex AI ID")
        return Rendered(new.vertex[0])
    if not new.bedrock:
        return Rendered(None, f"{new.id} has no documented Amazon Bedrock ID")
    base = new.bedrock[0]
    if not ref.profile:
        return Rendered(base)
    if ref.profile in new.bedrock_profiles:
        return Rendered(f"{ref.profile}.{base}")
    # No documented profile for the target: dropping the prefix would change routing, so no guess.
    return Rendered(
        None,
        f"{new.id} has no documented '{ref.profile}.' inference profile on Bedrock; its Messages-API "
        f"ID is '{base}' (client AnthropicBedrockMantle)",
    )
