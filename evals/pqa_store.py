"""The answers suite's stores: ePQA's and hetPQA's products, each built once in its own home.

The assistant answers on a product's page, so the products asked about must be in a
store. ``SHOPGRAPH_HOME/eval-pqa/epqa`` holds ePQA's ``products.jsonl`` (mapped by the
ingest command's own reader, ``store.external.epqa``) and ``.../hetpqa`` hetPQA's pages
(``evals.hetpqa_pages``). A store is built when its home is empty (seconds to a minute);
delete the folder to rebuild it from other data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

from evals.hetpqa_pages import hetpqa_records
from store.catalog import Catalog
from store.config import StoreSettings
from store.external.epqa import read_epqa
from store.feeds import FeedItem
from store.ingest import ingest_items
from store.records import Record

PqaDataset = Literal["epqa", "hetpqa"]
_READERS: dict[PqaDataset, Callable[[Path], Iterator[tuple[int, Record]]]] = {
    "epqa": read_epqa,
    "hetpqa": hetpqa_records,
}


def pqa_home(dataset: PqaDataset) -> Path:
    """Where ``dataset``'s store lives: ``SHOPGRAPH_HOME/eval-pqa/<dataset>``."""
    return StoreSettings().home / "eval-pqa" / dataset


def pqa_catalog(dataset: PqaDataset, source: Path, home: Path | None = None) -> Catalog:
    """``dataset``'s store (SQLite at ``home``), built from ``source`` when empty."""
    catalog = Catalog.open(StoreSettings(home=home or pqa_home(dataset), database_url=None))
    if catalog.count() == 0:
        records = _READERS[dataset](source)
        ingest_items(catalog, [FeedItem(str(source), line, record) for line, record in records])
    catalog.sync_indexes()
    return catalog
