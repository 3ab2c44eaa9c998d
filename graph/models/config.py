"""The model registry file: which models exist, how to reach them, what they are trusted with.

``graph/models/models.toml`` ships with the package; ``SHOPGRAPH_MODELS_FILE`` points at an
operator's own. The file is validated at start-up: a missing field, an unknown provider or
key, a Bedrock model without a region, or an endpoint that is not HTTP(S) is an error that
names the model and the field.
"""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

Trust = Literal["planning", "directives", "tool_arguments", "long_answers"]
Latency = Literal["fast", "medium", "slow"]
Cost = Literal["free", "low", "medium", "high"]
HttpUrl = Annotated[str, Field(pattern=r"^https?://[^\s/]+\S*$")]


class ModelsFileError(ValueError):
    """The model registry file is missing, unreadable or invalid."""


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = ""
    enabled: bool = True
    """A disabled model is not offered (shipped cloud entries wait for an operator)."""
    trusted_with: list[Trust] = Field(default_factory=list)
    latency: Latency
    cost: Cost


class LlamaCppEntry(_Entry):
    """The embedded model (``SHOPGRAPH_LOCAL_*`` settings choose its file and threads)."""

    provider: Literal["llamacpp"]


class BedrockEntry(_Entry):
    """A model on Amazon Bedrock; credentials come from the standard AWS chain."""

    provider: Literal["bedrock"]
    model_id: str = Field(min_length=1)
    region: str | None = None
    endpoint: HttpUrl | None = None

    @model_validator(mode="after")
    def _has_region(self) -> BedrockEntry:
        if self.region is None and not (
            os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
        ):
            raise ValueError("no region: set region here, or AWS_REGION")
        return self


class OpenAICompatibleEntry(_Entry):
    """A model behind an OpenAI-compatible HTTP API (TGI or vLLM, e.g. on Neuron)."""

    provider: Literal["openai_compatible"]
    endpoint: HttpUrl
    model_id: str = Field(min_length=1)
    api_key_env: str | None = Field(
        default=None, description="Environment variable holding the API key, if one is needed."
    )


ModelEntry = Annotated[
    LlamaCppEntry | BedrockEntry | OpenAICompatibleEntry, Field(discriminator="provider")
]
_PROVIDERS = ("llamacpp", "bedrock", "openai_compatible")
_ENTRIES: TypeAdapter[dict[str, ModelEntry]] = TypeAdapter(dict[str, ModelEntry])


def read_models_file(path: Path | None = None) -> dict[str, ModelEntry]:
    """The models of ``path`` (default: the shipped file), validated."""
    where = str(path) if path else "the shipped models.toml"
    try:
        text = (
            path.read_text(encoding="utf-8")
            if path
            else resources.files("graph.models").joinpath("models.toml").read_text("utf-8")
        )
        document = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ModelsFileError(f"{where}: {exc}") from None
    unknown = set(document) - {"models"}
    if unknown or not isinstance(document.get("models"), dict) or not document["models"]:
        raise ModelsFileError(f"{where}: expected [models.NAME] tables and nothing else")
    try:
        return _ENTRIES.validate_python(document["models"])
    except ValidationError as exc:
        raise ModelsFileError(f"{where}: {_problems(exc)}") from None


def _problems(exc: ValidationError) -> str:
    """``models.NAME.field: reason`` for each problem, without pydantic's union noise."""
    lines = []
    for problem in exc.errors():
        loc = [
            str(p) for p in problem["loc"] if p not in ("llamacpp", "bedrock", "openai_compatible")
        ]
        lines.append(f"models.{'.'.join(loc)}: {problem['msg']}")
    return "; ".join(dict.fromkeys(lines))
