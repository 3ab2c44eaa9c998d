"""What the nodes use that outlives a run: the catalog, the models, the settings.

Built once per process (no I/O until first use) and bound into the graph by
``graph.graph.build_graph``; tests build their own with fake models.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

from graph.models import ModelRegistry, default_registry
from graph.models.breaker import CircuitBreakers
from graph.planner import Vocabulary, load_vocabulary
from graph.planner.classifier import intent_model
from graph.planner.phrases import packaged_synonyms
from graph.settings import AssistantSettings
from memory.thread_events import ThreadEvents
from prompts import prompt_names, prompt_text
from store.alerts import AlertBook
from store.cart import Cart
from store.catalog import Catalog


@dataclass
class Services:
    """The catalog (opened lazily), the models and their breakers, the settings."""

    open_catalog: Callable[[], Catalog]
    models: ModelRegistry
    settings: AssistantSettings
    breakers: CircuitBreakers = field(init=False)
    _catalog: Catalog | None = field(default=None, init=False, repr=False)
    _vocabulary: tuple[str, Vocabulary] | None = field(default=None, init=False, repr=False)
    _warm: bool = field(default=False, init=False, repr=False)
    _cart: Cart | None = field(default=None, init=False, repr=False)
    _alerts: AlertBook | None = field(default=None, init=False, repr=False)
    _thread_events: ThreadEvents | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.breakers = CircuitBreakers(
            failures=self.settings.breaker_failures, cooldown_s=self.settings.breaker_cooldown_s
        )

    @classmethod
    def from_environment(cls) -> Services:
        """Services configured by ``SHOPGRAPH_*`` variables (nothing opened yet)."""
        settings = AssistantSettings()
        services = cls(
            open_catalog=Catalog.open, models=default_registry(settings), settings=settings
        )
        services.check()
        return services

    def check(self) -> None:
        """Refuse settings that name a model the registry does not offer."""
        self.models.spec(self.settings.default_model)  # UnknownModelError

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

    async def warm_up(self) -> None:
        """Load prompt files and train the planner's classifier, once, off the event loop.

        Both read files; LangGraph's server refuses blocking I/O on its event loop.
        """
        if not self._warm:
            await asyncio.to_thread(_load_files)
            self._warm = True

    async def catalog(self) -> Catalog:
        """The catalog, opened on first use (off the event loop: it does blocking I/O)."""
        if self._catalog is None:
            self._catalog = await asyncio.to_thread(self.open_catalog)
        return self._catalog

    async def cart(self) -> Cart:
        """The accounts' carts, over the catalog's database (tables made on first use)."""
        if self._cart is None:
            self._cart = await asyncio.to_thread(Cart, await self.catalog())
        return self._cart

    async def alerts(self) -> AlertBook:
        """The accounts' alerts, over the catalog's database (tables made on first use)."""
        if self._alerts is None:
            catalog = await self.catalog()
            self._alerts = await asyncio.to_thread(AlertBook, catalog.engine, catalog)
        return self._alerts

    async def thread_events(self) -> ThreadEvents:
        """The threads' event log, in the catalog's database (table made on first use)."""
        if self._thread_events is None:
            engine = (await self.catalog()).engine
            self._thread_events = await asyncio.to_thread(ThreadEvents, engine)
        return self._thread_events

    async def vocabulary(self) -> Vocabulary:
        """The catalog's brands and categories, reloaded when the catalog changes."""
        catalog = await self.catalog()
        generation = await asyncio.to_thread(catalog.generation)
        if self._vocabulary is None or self._vocabulary[0] != generation:
            vocabulary = await asyncio.to_thread(load_vocabulary, catalog)
            self._vocabulary = (generation, vocabulary)
        return self._vocabulary[1]


def _load_files() -> None:
    for name in prompt_names():
        prompt_text(name)
    intent_model()
    packaged_synonyms()
