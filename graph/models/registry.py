"""Named chat models, each loaded once on first use."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from langchain_core.language_models import BaseChatModel

from graph.models.config import Cost, Latency, Trust, read_models_file

if TYPE_CHECKING:  # graph.settings reads graph.models.config: no import cycle at run time
    from graph.settings import AssistantSettings

ModelFactory = Callable[[], BaseChatModel]


class UnknownModelError(LookupError):
    """No model is registered under that name."""

    def __init__(self, name: str, known: list[str], *, disabled: bool = False) -> None:
        reason = "is disabled in the model registry" if disabled else "is unknown"
        super().__init__(f"model {name!r} {reason}; available models: {', '.join(known)}")
        self.name = name


@dataclass(frozen=True)
class ModelSpec:
    """What the graph may trust a model with, and what it costs to ask it."""

    name: str
    description: str
    trusted_with: frozenset[Trust] = frozenset()
    latency: Latency = "fast"
    cost: Cost = "free"
    embedded: bool = False
    """Runs in this process (no network): the fallback of last resort."""
    prompt_budget_tokens: int = 1024
    """Rough prompt size the model handles quickly (bounds time to first token)."""

    @property
    def writes_directives(self) -> bool:
        """Trusted to lay out the answer with markup directives itself.

        Otherwise the composer decides the structure and the model only phrases text
        around it.
        """
        return "directives" in self.trusted_with


class ModelRegistry:
    """Models by name; loading happens off the event loop, once per model."""

    def __init__(self) -> None:
        self._specs: dict[str, ModelSpec] = {}
        self._factories: dict[str, ModelFactory] = {}
        self._loaded: dict[str, BaseChatModel] = {}
        self._disabled: set[str] = set()
        self._lock = asyncio.Lock()

    def register(self, spec: ModelSpec, factory: ModelFactory) -> None:
        """Add (or replace) a model."""
        self._specs[spec.name] = spec
        self._factories[spec.name] = factory
        self._loaded.pop(spec.name, None)

    def disable(self, name: str) -> None:
        """Record a model the registry file lists but keeps out of use."""
        self._disabled.add(name)

    def names(self) -> list[str]:
        """Registered model names, in registration order."""
        return list(self._specs)

    def specs(self) -> list[ModelSpec]:
        """Registered models, in registration order (the file's)."""
        return list(self._specs.values())

    def spec(self, name: str) -> ModelSpec:
        """The spec of ``name``; raises ``UnknownModelError``."""
        if name not in self._specs:
            raise UnknownModelError(name, self.names(), disabled=name in self._disabled)
        return self._specs[name]

    async def get(self, name: str) -> BaseChatModel:
        """The chat model ``name``, loading it on first use (model files are big)."""
        self.spec(name)
        if name not in self._loaded:
            async with self._lock:
                if name not in self._loaded:
                    self._loaded[name] = await asyncio.to_thread(self._factories[name])
        return self._loaded[name]


def default_registry(settings: AssistantSettings) -> ModelRegistry:
    """The models of the registry file (``SHOPGRAPH_MODELS_FILE``, else the shipped one)."""
    from graph.models.providers import registry_from_entries

    return registry_from_entries(read_models_file(settings.models_file), settings)
