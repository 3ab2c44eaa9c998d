"""The assistant's infrastructure settings, read from the environment and checked at start-up.

Per-run choices (model override, product page, account) are ``graph.context.Context``;
a run's choice beats these settings, which beat the defaults.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.models.config import Latency


class AssistantSettings(BaseSettings):
    """``SHOPGRAPH_*`` variables for the graph (the store has its own, ``StoreSettings``)."""

    model_config = SettingsConfigDict(env_prefix="SHOPGRAPH_", extra="ignore")

    default_model: str = Field(
        default="local", description="The router's choice when nothing in a turn needs more."
    )
    latency_budget: Latency = Field(
        default="medium", description="The slowest latency class the router may pick."
    )
    max_model_attempts: int = Field(
        default=3, ge=1, le=6, description="Models a turn may try before it fails."
    )
    breaker_failures: int = Field(
        default=3, ge=1, description="Failures in a row that open a model's circuit breaker."
    )
    breaker_cooldown_s: float = Field(
        default=30.0, gt=0, description="How long an open breaker keeps a model out."
    )
    local_model_path: Path | None = Field(
        default=None, description="A GGUF file to use instead of the bundled SmolLM2."
    )
    local_threads: int = Field(default=2, ge=1, le=64)
    local_context_tokens: int = Field(default=2048, ge=512, le=32768)
    local_max_tokens: int = Field(default=96, ge=8, le=2048)
    models_file: Path | None = Field(
        default=None, description="The model registry (TOML); default: the shipped one."
    )
    remote_max_tokens: int = Field(default=1024, ge=16, le=8192)
    first_token_timeout_s: float = Field(
        default=30.0, gt=0, description="Give up on a model that sends nothing for this long."
    )
    answer_timeout_s: float = Field(default=120.0, gt=0, description="Longest answer allowed.")
    max_message_chars: int = Field(default=4000, ge=100, le=100_000)
