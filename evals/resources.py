"""What suites run against: the demo store (built once in its own home) and the assistant.

Evals use their own demo store, never the retailer's catalog: judgments name demo product
ids, and the seeded generator makes the same products every time (prices follow the day).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from graph.services import Services
from graph.settings import AssistantSettings
from store.catalog import Catalog
from store.config import StoreSettings
from store.demo import generate_demo
from store.feeds import FeedItem
from store.ingest import ingest_items

DEMO_SEED = 7
DEMO_PRODUCTS = 2400


def eval_home() -> Path:
    """Where the evals' demo store lives: ``SHOPGRAPH_HOME/eval-demo``."""
    return StoreSettings().home / "eval-demo"


def demo_catalog(home: Path | None = None, products: int = DEMO_PRODUCTS) -> Catalog:
    """The demo store at ``home`` (SQLite), built there on first use (a minute or two)."""
    settings = StoreSettings(home=home or eval_home(), database_url=None)
    catalog = Catalog.open(settings)
    if catalog.count() == 0:
        today = dt.datetime.now(dt.UTC).date()
        records = generate_demo(seed=DEMO_SEED, as_of=today, n_products=products)
        items = [FeedItem("<demo>", n, record) for n, record in enumerate(records, start=1)]
        ingest_items(catalog, items)
    catalog.sync_indexes()
    return catalog


def assistant(catalog: Catalog, model: str | None) -> Services:
    """The assistant's services over ``catalog``, answering with ``model`` if given."""
    settings = AssistantSettings()
    if model is not None:
        settings = settings.model_copy(update={"default_model": model})
    services = Services.for_catalog(catalog, settings=settings)
    services.check()  # UnknownModelError names a model the registry does not offer
    return services
