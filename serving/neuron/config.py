"""The Neuron build settings: one validated model, loaded from a TOML file."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails

NEURON_CORE_CHOICES = (1, 2, 4, 8, 12, 16, 24, 32)
"""NeuronCore counts a model can be sharded over (tensor parallelism on one host)."""


class ConfigError(ValueError):
    """A build config that cannot be used; `problems` name each field at fault."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


class NeuronBuild(BaseModel):
    """How to compile one causal LM for Neuron, and how to serve the result."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str = Field(min_length=1)
    """Hugging Face model id or local checkpoint directory of the fine-tuned model."""
    output_dir: Path
    """Where the compiled Neuron model is written (and served from)."""
    batch_size: int = Field(ge=1, le=64)
    """Static batch: the most requests the compiled model decodes at once."""
    sequence_length: int = Field(ge=128, le=32768)
    """Static context: prompt plus generated tokens, per request."""
    num_cores: int
    """NeuronCores the model is sharded over (tensor-parallel degree)."""
    auto_cast_type: Literal["bf16", "fp16", "fp32"] = "bf16"
    """Weight and compute precision."""
    max_input_length: int | None = Field(default=None, ge=1)
    """Longest prompt the server accepts; defaults to half of `sequence_length`."""
    port: int = Field(default=8080, ge=1, le=65535)
    """Host port the OpenAI-compatible server listens on."""
    served_model_name: str = Field(default="shopgraph-shopping", min_length=1)
    """Model name vLLM answers to: the `model_id` of the registry's `neuron-custom` entry."""
    tgi_image: str = Field(default="ghcr.io/huggingface/text-generation-inference:3.3.5-neuron")
    """TGI container image with the Neuron backend."""

    @field_validator("num_cores")
    @classmethod
    def _known_core_count(cls, value: int) -> int:
        if value not in NEURON_CORE_CHOICES:
            choices = ", ".join(str(n) for n in NEURON_CORE_CHOICES)
            raise ValueError(f"must be one of {choices} (got {value})")
        return value

    @model_validator(mode="after")
    def _input_fits_sequence(self) -> NeuronBuild:
        if self.max_input_length is not None and self.max_input_length >= self.sequence_length:
            raise ValueError(
                f"max_input_length ({self.max_input_length}) must be below "
                f"sequence_length ({self.sequence_length}) to leave room to generate"
            )
        return self

    @property
    def input_length(self) -> int:
        """The prompt limit the server enforces (explicit, or half the sequence)."""
        return self.max_input_length or self.sequence_length // 2


def _describe(error: ErrorDetails) -> str:
    field = ".".join(str(part) for part in error["loc"])
    if error["type"] == "extra_forbidden":
        allowed = ", ".join(NeuronBuild.model_fields)
        return f"{field}: unknown key (allowed: {allowed})"
    message = error["msg"].removeprefix("Value error, ")
    return f"{field}: {message}" if field else message


def parse_build(data: dict[str, object], source: str = "config") -> NeuronBuild:
    """Validate a mapping of settings into a build.

    Args:
        data: The settings, as read from TOML.
        source: What the settings came from, for error messages.

    Returns:
        The validated build.

    Raises:
        ConfigError: When a field is missing, unknown or out of range; each problem names it.
    """
    try:
        return NeuronBuild.model_validate(data)
    except ValidationError as exc:
        problems = [_describe(error) for error in exc.errors()]
        raise ConfigError(source, problems) from None


def load_build(path: Path) -> NeuronBuild:
    """Read and validate a build config from a TOML file.

    Args:
        path: The TOML file; its top-level keys are `NeuronBuild` fields.

    Returns:
        The validated build.

    Raises:
        ConfigError: When the file is missing, is not TOML, or holds an invalid build.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(str(path), [f"cannot read: {exc.strerror}"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), [f"not valid TOML: {exc}"]) from None
    return parse_build(data, str(path))
