"""What the nodes use that outlives a run: the catalog, the models, the settings.

Built once per process (no I/O until first use) and bound into the graph by
``graph.graph.build_graph``; tests build their own with fake models.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

from graph.models import ModelRegistry, default_registry
from graph.planner import Vocabulary, load_vocabulary
from graph.settings import AssistantSettings
from store.catalog import Catalog


@dataclass
class Services:
    """The catalog (opened lazily), the model registry and the assistant's settings."""

    open_catalog: Callable[[], Catalog]
    models: ModelRegistry
    settings: AssistantSettings
    _catalog: Catalog | None = field(default=None, init=False, repr=False)
    _vocabulary: tuple[str, Vocabulary] | None = field(default=None, init=False, repr=False)

    @classmethod
    def from_environment(cls) -> Services:
        """Services configured by ``SHOPGRAPH_*`` variables (nothing opened yet)."""
        settings = AssistantSettings()
        return cls(open_catalog=Catalog.open, models=default_registry(settings), settings=settings)

    @classmethod
    def for_catalog(
        cls,
        catalog: Catalog,
        models: ModelRegistry | None = None,
        settings: AssistantSettings | None = None,
    ) -> Services:
        """Services over an already open catalog."""
        settings = settings or AssistantSettings()
        services = cls(
            open_catalog=lambda: catalog,
            models=models or default_registry(settings),
            settings=settings,
        )
        services._catalog = catalog
        return services

    async def catalog(self) -> Catalog:
        """The catalog, opened on first use (off the event loop: it does blocking I/O)."""
        if self._catalog is None:
            self._catalog = await asyncio.to_thread(self.open_catalog)
        return self._catalog

    async def vocabulary(self) -> Vocabulary:
        """The catalog's brands and categories, reloaded when the catalog changes."""
        catalog = await self.catalog()
        generation = await asyncio.to_thread(catalog.generation)
        if self._vocabulary is None or self._vocabulary[0] != generation:
            vocabulary = await asyncio.to_thread(load_vocabulary, catalog)
            self._vocabulary = (generation, vocabulary)
        return self._vocabulary[1]
