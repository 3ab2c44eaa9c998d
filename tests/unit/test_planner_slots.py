"""Slots and vocabulary: catalog names, order, count, variants, quantities, windows."""

from __future__ import annotations

import pytest

from graph.plan import Intent, Slots
from graph.planner import Vocabulary, load_vocabulary
from graph.planner.quantities import find_min_rating, find_quantity, find_window_days
from graph.planner.ranking import find_count, find_sort
from graph.planner.reading import read_message
from graph.planner.slots import slots_for
from graph.planner.variants import find_variant
from store.catalog import Catalog
from store.demo.categories import CATEGORIES

DEMO = Vocabulary(
    brands=tuple(sorted({brand for spec in CATEGORIES for brand in spec.brands})),
    categories=tuple(" > ".join(spec.path) for spec in CATEGORIES),
)


def slots(text: str, intent: Intent = "search", vocabulary: Vocabulary = DEMO) -> Slots:
    return slots_for(read_message(text, vocabulary), intent)


@pytest.mark.parametrize(
    ("phrase", "kind", "name"),
    [
        ("robot vacuums", "category", "Robot Vacuums"),
        ("robot vacuum", "category", "Robot Vacuums"),
        ("blender", "category", "Blenders"),
        ("headphones", "category", "Headphones"),
        ("over-ear headphones", "category", "Over-Ear Headphones"),
        ("earbuds", "category", "In-Ear Headphones"),
        ("chef knife", "category", "Chef's Knives"),
        ("t-shirt", "category", "T-Shirts"),
        ("tshirts", "category", "T-Shirts"),
        ("fitness trackers", "category", "Smartwatches & Fitness Trackers"),
        ("tvs", "category", "Televisions"),
        ("coffee maker", "category", "Coffee & Espresso Machines"),
        ("laptop backpack", "category", "Laptop Backpacks"),
        ("arden and finch", "brand", "Arden & Finch"),
        ("SONAVIK", "brand", "Sonavik"),
    ],
)
def test_vocabulary_lookup(phrase: str, kind: str, name: str) -> None:
    term = DEMO.lookup(phrase)
    assert term is not None
    assert (term.kind, term.name) == (kind, name)


def test_vocabulary_ignores_common_words_and_unknown_synonym_targets() -> None:
    assert DEMO.lookup("top") is None  # not "Tops & Tees"
    small = Vocabulary(brands=("Acme",), categories=("Kitchen > Blenders",))
    assert small.lookup("earbuds") is None  # the synonym's category is not in this catalog
    assert small.lookup("blenders") is not None


def test_load_vocabulary_reads_the_catalog(loaded: Catalog) -> None:
    vocabulary = load_vocabulary(loaded)
    assert "Hushmix" in vocabulary.brands
    assert "Home & Kitchen > Kitchen Appliances > Blenders" in vocabulary.categories
    assert vocabulary.lookup("blender") is not None
    over_ear = vocabulary.lookup("over ear headphones")
    assert over_ear is not None and over_ear.name == "Over-Ear Headphones"
    hushmix = vocabulary.lookup("hushmix")
    assert hushmix is not None and hushmix.kind == "brand"


def test_slots_of_a_search() -> None:
    found = slots("I'm looking for a quiet Blendova blender that is easy to clean under $150")
    assert (found.brand, found.category, found.max_price) == ("Blendova", "Blenders", 150)
    assert found.features == ["quiet", "easy to clean"]
    assert found.aspect == "noise"


def test_the_category_to_fit_comes_after_the_one_wanted() -> None:
    assert slots("a backpack for my laptop").category == "Backpacks"


def test_demo_store_comparison() -> None:
    found = slots("compare the two best rated robot vacuums under 400 dollars", "compare")
    assert (found.category, found.sort, found.count, found.max_price) == (
        "Robot Vacuums",
        "rating",
        2,
        400,
    )


def test_an_alert_price_is_a_target_not_a_bound() -> None:
    alert = slots("tell me when it drops below $80", "price_alert")
    assert (alert.target_price, alert.max_price) == (80, None)
    assert slots("when it's under 70", "price_alert").target_price == 70
    assert slots("buy it automatically at $70", "price_alert").target_price == 70
    assert slots("blender for 80 bucks").max_price == 80


@pytest.mark.parametrize(
    ("text", "sort"),
    [
        ("best rated blenders", "rating"),
        ("top-rated earbuds", "rating"),
        ("cheapest robot vacuum", "price_low"),
        ("sort by lowest price", "price_low"),
        ("most expensive laptop", "price_high"),
        ("premium headphones", "price_high"),
        ("most reviewed air fryers", "reviews"),
        ("popular tablets", "reviews"),
        ("best blender for smoothies", "relevance"),
    ],
)
def test_sort(text: str, sort: str) -> None:
    assert find_sort(text)[0] == sort


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("the two best", 2),
        ("top 3 blenders", 3),
        ("compare these three", 3),
        ("compare all three", 3),
        ("show me 5 quiet blenders", 5),
        ("a couple of options", 2),
        ("the first two", 2),
        ("the last one", None),
        ("size 10 shoes", None),
        ("show me a blender", None),
    ],
)
def test_count(text: str, count: int | None) -> None:
    assert find_count(text)[0] == count


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("add 2 to my cart", 2),
        ("add two of the blue ones", 2),
        ("put 3 of these in my basket", 3),
        ("x2", 2),
        ("add a blender", None),
        ("add the size 10", None),
    ],
)
def test_quantity(text: str, quantity: int | None) -> None:
    assert find_quantity(text) == quantity


def test_quantity_is_only_for_cart_actions() -> None:
    assert slots("add 2 to cart", "cart_action").quantity == 2
    assert slots("add 2 to cart", "search").quantity is None


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("price over the last 3 months", 90),
        ("the past year", 365),
        ("last week", 7),
        ("in the last 90 days", 90),
        ("over the past two weeks", 14),
        ("has it ever been cheaper", None),
    ],
)
def test_window_days(text: str, days: int | None) -> None:
    assert find_window_days(text) == days


@pytest.mark.parametrize(
    ("text", "variant"),
    [
        ("add the blue one to my cart", "blue"),
        ("running shoes size 10 in black", "size 10, black"),
        ("a shirt in XL", "XL"),
        ("the 128GB model", "128GB"),
        ("light blue jacket", "light blue"),
        ("black friday deals", None),
    ],
)
def test_variant(text: str, variant: str | None) -> None:
    assert find_variant(text)[0] == variant


def test_rating_and_stock_become_filters_not_features() -> None:
    reading = read_message("wireless headphones, 4 stars and up, in stock", DEMO)
    assert (reading.min_rating, reading.in_stock) == (4.0, True)
    assert slots_for(reading, "search").features == ["wireless"]
    assert find_min_rating("show me the 5 star reviews") == (None, None)
