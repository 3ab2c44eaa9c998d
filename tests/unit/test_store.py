"""The store on both backends: loading, idempotency, offers and history, all-or-nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from store import writer
from store.catalog import Catalog
from store.ingest import IngestError, ingest_paths
from store.search import AttributeFilter, SearchFilters, filtered_ids
from tests.conftest import FIXTURES, NOW

TABLES = ("products", "offers", "price_history", "reviews", "questions")


def counts(catalog: Catalog) -> dict[str, int]:
    return {table: catalog.count(table) for table in TABLES}


def test_load_fixture_catalog(loaded: Catalog) -> None:
    assert counts(loaded) == {
        "products": 6,
        "offers": 6,
        "price_history": 2 + 6,
        "reviews": 4,
        "questions": 2,
    }
    product = loaded.product("BL-QUIET")
    assert product is not None
    assert product.category == "Home & Kitchen > Kitchen Appliances > Blenders"
    assert product.attributes["noise"] == {"value": 62.0, "unit": "dB"}
    assert product.return_window_days == 30 and product.warranty_months == 24
    assert product.rating == 4.5 and product.rating_count == 2
    assert product.offer is not None and product.offer.price == 129.99
    assert product.offer.list_price == 149.99
    vacuum = loaded.product("VAC-STICK")
    assert vacuum is not None and [v["sku"] for v in vacuum.variants] == [
        "VAC-STICK-BLU",
        "VAC-STICK-RED",
    ]


def test_live_deal_sets_the_price_the_shopper_pays(loaded: Catalog) -> None:
    offer = loaded.offer("HP-ANC")
    assert offer is not None
    assert (offer.price, offer.regular_price, offer.deal_label) == (149.0, 199.0, "Black Friday")
    assert loaded.live_deal_ids() == ["HP-ANC"]


def test_same_feed_twice_changes_nothing(loaded: Catalog) -> None:
    before = counts(loaded)
    generation = loaded.generation()
    report = ingest_paths(loaded, [FIXTURES / "catalog.jsonl"])
    assert counts(loaded) == before
    assert not report.written.changed
    assert report.written.unchanged["products"] == 6
    assert loaded.generation() == generation
    assert report.vectors_updated == 0


def test_offers_feed_updates_price_stock_and_appends_history(loaded: Catalog) -> None:
    ingest_paths(loaded, [FIXTURES / "offers.csv"])
    quiet = loaded.offer("BL-QUIET")
    assert quiet is not None and quiet.price == 119.99 and quiet.stock == 9
    loud = loaded.offer("BL-LOUD")
    assert loud is not None and not loud.in_stock
    history = loaded.price_history("BL-QUIET", days=90)
    assert [p.price for p in history.points] == [149.99, 139.99, 129.99, 119.99]
    assert history.points[-1].at == dt.datetime(2026, 11, 22, 18, 0)
    assert (history.lowest, history.highest, history.current) == (119.99, 149.99, 119.99)
    # An unchanged price (BL-LOUD) adds no point; the vacuum's live deal adds its deal price.
    assert [p.price for p in loaded.price_history("BL-LOUD").points] == [89.0]
    assert [p.price for p in loaded.price_history("VAC-STICK").points] == [299.0, 249.0]
    before = counts(loaded)
    ingest_paths(loaded, [FIXTURES / "offers.csv"])
    assert counts(loaded) == before


def test_an_older_offer_does_not_overwrite_a_newer_one(loaded: Catalog, tmp_path: Path) -> None:
    ingest_paths(loaded, [FIXTURES / "offers.csv"])
    late = tmp_path / "late.jsonl"
    late.write_text(
        '{"type": "offer", "product_id": "BL-QUIET", "price": 99.0, "stock": 1,'
        ' "as_of": "2026-11-21T00:00:00Z"}\n'
    )
    report = ingest_paths(loaded, [late])
    assert report.written.stale_offers == 1
    offer = loaded.offer("BL-QUIET")
    assert offer is not None and offer.price == 119.99 and offer.stock == 9
    assert 99.0 not in [p.price for p in loaded.price_history("BL-QUIET").points]


def test_changed_product_is_updated_and_reindexed_alone(loaded: Catalog, tmp_path: Path) -> None:
    feed = tmp_path / "update.jsonl"
    feed.write_text(
        '{"type": "product", "id": "HP-BUDGET", "title": "Basix Studio Wired Headphones",'
        ' "brand": "Basix", "category": ["Electronics", "Headphones", "Over-Ear Headphones"]}\n'
    )
    generation = loaded.generation()
    report = ingest_paths(loaded, [feed])
    assert report.written.updated["products"] == 1
    assert report.vectors_updated == 1
    assert loaded.generation() not in ("", generation)
    product = loaded.product("HP-BUDGET")
    assert product is not None and product.title == "Basix Studio Wired Headphones"
    assert product.offer is not None  # the product feed without an offer keeps the live one
    light = SearchFilters(attributes={"weight": AttributeFilter(max=0.2)})
    assert filtered_ids(loaded, light) == []  # its attributes went with the old record


@pytest.mark.parametrize(
    "bad_line",
    [
        '{"type": "product", "id": "NEW-1", "title": "x", "category": ["A"],'
        ' "offer": {"price": -1}}',
        '{"type": "review", "id": "R9", "product_id": "NOT-THERE", "rating": 5, "text": "x"}',
        '{"type": "product", "id": "BL-QUIET", "title": "dup", "category": ["A"]}',
        "{broken",
    ],
)
def test_a_bad_line_loads_nothing(loaded: Catalog, tmp_path: Path, bad_line: str) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"type": "product", "id": "BL-QUIET", "title": "Renamed", "category": ["A"]}\n'
        '{"type": "product", "id": "NEW-0", "title": "New", "category": ["A"]}\n' + bad_line + "\n"
    )
    before = counts(loaded)
    with pytest.raises(IngestError) as caught:
        ingest_paths(loaded, [feed])
    assert [e.line for e in caught.value.errors] == [3]
    assert counts(loaded) == before
    product = loaded.product("BL-QUIET")
    assert product is not None and product.title == "Hushmix 600 Quiet Blender"


def test_skip_invalid_loads_the_rest(loaded: Catalog, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"type": "product", "id": "NEW-0", "title": "New", "category": ["A"]}\n'
        '{"type": "product", "id": "NEW-1", "category": ["A"]}\n'
        '{"type": "review", "id": "R-N1", "product_id": "NEW-1", "rating": 4, "text": "ok"}\n'
    )
    report = ingest_paths(loaded, [feed], skip_invalid=True)
    assert report.skipped == 2  # the product without a title, and the review that needs it
    assert report.written.inserted["products"] == 1
    assert loaded.product("NEW-0") is not None and loaded.product("NEW-1") is None


def test_failure_while_writing_rolls_everything_back(
    loaded: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = counts(loaded)

    def crash(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(writer, "refresh_ratings", crash)  # runs after every table is written
    with pytest.raises(RuntimeError, match="disk on fire"):
        ingest_paths(loaded, [FIXTURES / "offers.csv", _new_products(tmp_path)])
    assert counts(loaded) == before
    offer = loaded.offer("BL-QUIET")
    assert offer is not None and offer.price == 129.99


def test_vector_index_repairs_itself_after_a_crash(
    loaded: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*_args: object, **_kwargs: object) -> int:
        raise RuntimeError("killed while indexing")

    monkeypatch.setattr(type(loaded.vectors), "sync", crash)
    with pytest.raises(RuntimeError):
        ingest_paths(loaded, [_new_products(tmp_path)])
    monkeypatch.undo()
    assert loaded.count() == 8  # the database committed before the index was touched
    assert loaded.sync_indexes() == 2
    assert loaded.vectors.count() == 8


def _new_products(tmp_path: Path) -> Path:
    feed = tmp_path / "new.jsonl"
    feed.write_text(
        '{"type": "product", "id": "NEW-A", "title": "Kettle", "category": ["Kitchen"]}\n'
        '{"type": "product", "id": "NEW-B", "title": "Toaster", "category": ["Kitchen"]}\n'
    )
    return feed


def test_clock_is_the_catalogs(loaded: Catalog) -> None:
    assert loaded.clock() == NOW
