"""What the benchmarks share: building a demo store in a throwaway home, percentiles."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from evals.summary import percentile
from store.catalog import Catalog
from store.config import StoreSettings
from store.demo import generate_demo
from store.feeds import FeedItem
from store.ingest import ingest_items
from store.records import ProductRecord

AS_OF = dt.date(2026, 11, 22)


def demo_items(n_products: int, *, products_only: bool = False) -> list[FeedItem]:
    """The demo store's records (only products with their offers, if asked) as feed items."""
    records = generate_demo(seed=7, as_of=AS_OF, n_products=n_products)
    return [
        FeedItem("<demo>", n, record)
        for n, record in enumerate(records, start=1)
        if not products_only or isinstance(record, ProductRecord)
    ]


def build_store(home: Path, n_products: int, *, products_only: bool = False) -> Catalog:
    """A catalog at ``home`` holding the demo store (reused if already built there)."""
    catalog = Catalog(StoreSettings(home=home, database_url=None))
    if catalog.count() != n_products:
        ingest_items(catalog, demo_items(n_products, products_only=products_only))
    catalog.sync_indexes()
    return catalog


@contextmanager
def demo_catalog(home: Path | None, n_products: int = 2400) -> Iterator[Catalog]:
    """The demo store at ``home``, or built in a temporary home removed afterwards.

    A ``home`` that does not hold ``n_products`` products gets the demo store ingested.
    """
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        catalog = build_store(home or Path(tmp), n_products)
        seconds = time.perf_counter() - started
        print(f"store: {home or 'a temporary home'} ({n_products} products, {seconds:.0f} s)")
        try:
            yield catalog
        finally:
            catalog.close()


__all__ = ["build_store", "demo_catalog", "demo_items", "percentile"]
