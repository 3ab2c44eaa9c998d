"""Hybrid search: filters are exact, ranking puts the right products first."""

from __future__ import annotations

import pytest

from store.catalog import Catalog
from store.fusion import reciprocal_rank_fusion
from store.search import AttributeFilter, SearchFilters, search_catalog


def ids(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [hit.id for hit in hits]


def test_quiet_blender_under_150(loaded: Catalog) -> None:
    hits = search_catalog(loaded, "quiet blender", SearchFilters(max_price=150))
    assert ids(hits)[0] == "BL-QUIET"
    assert "BL-PRICEY" not in ids(hits)
    assert all(hit.price is not None and hit.price <= 150 for hit in hits)


def test_lexical_and_dense_each_find_the_obvious(loaded: Catalog) -> None:
    for ranking in ("lexical", "dense", "hybrid"):
        hits = search_catalog(loaded, "noise cancelling headphones for flights", ranking=ranking)  # type: ignore[arg-type]
        assert ids(hits)[0] == "HP-ANC", ranking


def test_dense_finds_a_paraphrase_lexical_cannot(loaded: Catalog) -> None:
    assert ids(search_catalog(loaded, "a hoover", ranking="lexical")) == []
    assert ids(search_catalog(loaded, "a hoover", ranking="dense"))[0] == "VAC-STICK"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (SearchFilters(max_price=100), {"BL-LOUD", "HP-BUDGET"}),
        (SearchFilters(min_price=149, max_price=149), {"HP-ANC"}),  # the live deal price
        (SearchFilters(brand="hushmix"), {"BL-QUIET"}),
        (SearchFilters(category="Blenders"), {"BL-QUIET", "BL-LOUD", "BL-PRICEY"}),
        (SearchFilters(category="Electronics > Headphones"), {"HP-ANC", "HP-BUDGET"}),
        (SearchFilters(category="Kitchen"), set()),  # a level must match whole
        (SearchFilters(category="Blenders", in_stock=True), {"BL-QUIET", "BL-LOUD"}),
        (SearchFilters(min_rating=4.5), {"BL-QUIET", "HP-ANC"}),
        (SearchFilters(attributes={"noise": AttributeFilter(max=70)}), {"BL-QUIET", "BL-PRICEY"}),
        (SearchFilters(attributes={"weight": AttributeFilter(max=0.5, unit="lb")}), {"HP-BUDGET"}),
        (
            SearchFilters(attributes={"dishwasher_safe": AttributeFilter(equals=True)}),
            {"BL-QUIET", "BL-PRICEY"},
        ),
    ],
)
def test_filters_are_exact(loaded: Catalog, filters: SearchFilters, expected: set[str]) -> None:
    assert set(ids(search_catalog(loaded, "", filters, limit=50))) == expected
    hits = search_catalog(loaded, "blender headphones vacuum", filters, limit=50)
    assert set(ids(hits)) <= expected


def test_browse_without_words_orders_by_rating(loaded: Catalog) -> None:
    hits = search_catalog(loaded, "  ", limit=3)
    assert ids(hits)[:2] == ["HP-ANC", "BL-QUIET"]


def test_min_above_max_is_refused() -> None:
    with pytest.raises(ValueError, match="min_price is above max_price"):
        SearchFilters(min_price=200, max_price=100)


def test_reciprocal_rank_fusion_prefers_agreement() -> None:
    fused = reciprocal_rank_fusion([[("a", 9), ("b", 5)], [("b", 0.9), ("c", 0.8)]])
    assert [item for item, _ in fused] == ["b", "a", "c"]


def test_empty_store_answers_nothing(catalog: Catalog) -> None:
    assert search_catalog(catalog, "blender") == []


@pytest.mark.parametrize("bound", [1e300, float("inf")])
def test_absurd_price_bounds_are_clamped_not_an_error(loaded: Catalog, bound: float) -> None:
    assert search_catalog(loaded, "blender", SearchFilters(min_price=bound)) == []
    assert search_catalog(loaded, "blender", SearchFilters(max_price=bound))
