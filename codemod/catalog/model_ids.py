"""Model ID strings in their platform forms: parsing them and writing the target in the same form.

Forms (api-facts.md §1.1, "Platform ID rules"):
- Claude API: ``claude-opus-4-6``, ``claude-sonnet-4-5-20250929`` (aliases and dated snapshots);
- Amazon Bedrock: ``[profile.]anthropic.<id>[-v1[:0]]`` where ``profile`` is an inference-profile
  prefix (``global``, ``us``, ``eu``, ``jp``, ``apac``) and the catalogue lists the base IDs;
- Google Cloud Vertex AI: ``<id>@<date>`` for dated snapshots, the bare ID otherwise;
- framework prefixes around any of these: LiteLLM ``anthropic/<id>``, ``bedrock/<bedrock id>``,
  ``vertex_ai/<vertex id>``; LangChain ``anthropic:<id>``, ``bedrock:``, ``bedrock_converse:``,
  ``google_vertexai:``. A Bedrock context-window suffix (``:200k``) is recognised but has no
  documented equivalent on newer models, so it is reported rather than rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from codemod.catalog import Catalog, Model

_BEDROCK = re.compile(
    r"^(?:(?P<profile>[a-z]{2,6})\.)?(?P<base>anthropic\.claude-[a-z0-9.\-]+?(?::\d+)?)(?P<context>:\d+k)?$"
)
# Framework prefix -> the platform its model IDs are written for.
_PREFIXES = {
    "anthropic/": "api",
    "bedrock/": "bedrock",
    "vertex_ai/": "vertex",
    "anthropic:": "api",
    "bedrock:": "bedrock",
    "bedrock_converse:": "bedrock",
    "google_vertexai:": "vertex",
    "google_anthropic_vertex:": "vertex",
}
_BEDROCK_VERSION = re.compile(r"-v\d+(?::\d+)?$")
_VERTEX = re.compile(r"^(?P<id>claude-[a-z0-9\-.]+)@(?P<date>\d{8})$")


@dataclass(frozen=True)
class ModelRef:
    """A model ID string as written, resolved to a catalogue model."""

    text: str
    model: Model
    platform: str  # "api" | "bedrock" | "vertex"
    profile: str = ""  # Bedrock inference-profile prefix, if any
    prefix: str = ""  # framework prefix (``anthropic/``, ``anthropic:`` ...), kept on rewrite
    context: str = ""  # Bedrock context-window suffix (``:200k``)


def parse_model_id(text: str, catalog: Catalog) -> ModelRef | None:
    """Resolve ``text`` to a model, or None when it is not a known Claude model ID in any form."""
    for prefix, platform in _PREFIXES.items():
        if text.startswith(prefix):
            inner = _parse_bare(text[len(prefix):], catalog)
            if inner is None:
                return None
            if platform == "vertex" and inner.platform == "api":
                inner = replace(inner, platform="vertex")  # vertex_ai/claude-opus-4-6: a bare Vertex ID
            if inner.platform != platform:
                return None
            return replace(inner, text=text, prefix=prefix)
    return _parse_bare(text, catalog)


def _parse_bare(text: str, catalog: Catalog) -> ModelRef | None:
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
            return ModelRef(text, model, "bedrock", match["profile"] or "", context=match["context"] or "")
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
    """``new``'s documented ID in ``ref``'s form: platform, inference profile, framework prefix."""
    rendered = _render_platform(ref, new)
    if rendered.text is None:
        return rendered
    if ref.context:
        return Rendered(None, f"the '{ref.context}' context-window variant has no documented equivalent for {new.id}")
    return Rendered(ref.prefix + rendered.text, rendered.note)


def _render_platform(ref: ModelRef, new: Model) -> Rendered:
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
        f"{new.id} has no documented '{ref.profile}.' inference profile on Bedrock; its documented "
        f"Bedrock ID is '{base}' (the Messages-API endpoint)",
    )
