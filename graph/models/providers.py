"""From registry entries to chat models: one factory per provider."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from graph.models.config import (
    BedrockEntry,
    LlamaCppEntry,
    ModelEntry,
    OpenAICompatibleEntry,
)
from graph.models.registry import ModelFactory, ModelRegistry, ModelSpec
from graph.settings import AssistantSettings


def spec_of(name: str, entry: ModelEntry) -> ModelSpec:
    """What the graph may trust the model with, from its entry."""
    # The embedded model reads ~3 ms a prompt token on 2 cores: its prompts stay short.
    budget = 400 if isinstance(entry, LlamaCppEntry) else 4000
    return ModelSpec(
        name=name,
        description=entry.description,
        trusted_with=frozenset(entry.trusted_with),
        latency=entry.latency,
        cost=entry.cost,
        embedded=isinstance(entry, LlamaCppEntry),
        prompt_budget_tokens=budget,
    )


def factory_of(entry: ModelEntry, settings: AssistantSettings) -> ModelFactory:
    """A function that builds the chat model of ``entry`` (called on first use)."""
    if isinstance(entry, LlamaCppEntry):
        from graph.models.local import local_chat_model

        return lambda: local_chat_model(settings)
    if isinstance(entry, OpenAICompatibleEntry):
        from graph.models.openai_compatible import openai_compatible_chat_model

        return lambda: openai_compatible_chat_model(entry, settings)
    return lambda: _bedrock(entry, settings)


def _bedrock(entry: BedrockEntry, settings: AssistantSettings) -> BaseChatModel:
    from graph.models.bedrock import bedrock_chat_model

    return bedrock_chat_model(
        entry.model_id,
        region=entry.region,
        max_tokens=settings.remote_max_tokens,
        endpoint_url=entry.endpoint,
    )


def registry_from_entries(
    entries: dict[str, ModelEntry], settings: AssistantSettings
) -> ModelRegistry:
    """A registry with every enabled entry, in file order."""
    registry = ModelRegistry()
    for name, entry in entries.items():
        if not entry.enabled:
            registry.disable(name)
        else:
            registry.register(spec_of(name, entry), factory_of(entry, settings))
    return registry
