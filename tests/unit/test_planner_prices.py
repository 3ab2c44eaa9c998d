"""Price phrases: bounds, ranges, targets, and numbers that are not prices."""

from __future__ import annotations

import pytest

from graph.planner.amounts import has_money_marker
from graph.planner.prices import amount, find_prices


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("quiet blender under $150", None, 150),
        ("headphones below 80 dollars", None, 80),
        ("less than 30", None, 30),
        ("i need a long clip-in hair extension, and price lower than 40.00 dollars", None, 40),
        ("between 50 and 100", 50, 100),
        ("between $50 and $100, 4 stars", 50, 100),
        ("$50-$100", 50, 100),
        ("50-100 dollars", 50, 100),
        ("from 20 to 40 bucks", 20, 40),
        ("over $50", 50, None),
        ("at least 200", 200, None),
        ("around $200", 170, 230),
        ("under 1k", None, 1000),
        ("1.5k budget", None, 1500),
        ("max 300", None, 300),
        ("budget of 250", None, 250),
        ("cheaper than 90", None, 90),
        ("no more than 90", None, 90),
        ("don't want to spend more than 120", None, 120),
        ("nothing over $500", None, 500),
        ("200 or less", None, 200),
        ("$300+", 300, None),
        ("under a hundred bucks", None, 100),
        ("under $1,299.99", None, 1299.99),
        ("over-ear headphones under $200", None, 200),
        ("blender, 60$ max", None, 60),
        ("$50+ sunscreen", 50, None),
        ("50+ dollars", 50, None),
    ],
)
def test_bounds(text: str, low: float | None, high: float | None) -> None:
    prices = find_prices(text)
    assert (prices.min_price, prices.max_price) == (low, high)
    assert prices.target is None


@pytest.mark.parametrize(
    "text",
    [
        "a scale for under 10 lbs",
        "over 4 stars",
        "a 65 inch tv",
        "size 8 to 10",
        "laptop from 2023",
        "what about the 2nd one",
        "price history over the last 3 months",
        "4k tv",
        # sizes and counts in WebShop instructions: "+" and "plus" need a currency
        "spf 50+ sunscreen",
        "router for 10+ devices",
        "leggings in size 16 plus",
        "an iphone 7 plus case",
        "a galaxy s22 plus holster",
        "a 8 + 256 gig mini computer",
        "a r9 b75+core pentium",
        "about 2+32 big",
        # a loose phrase whose number has a unit or counts a thing
        "i would need about 400 ounces of it",
        "a fleece throw that's about 50” x 40” in size",
        "i need about 36 appetizers",
        "a throw blanket that is at least 50 by 60 inches in size",
        "a rug about 8 by 10 feet",
        "has at least 16 gigabytes of ram",
        "16 gigs of ram, at least 2 tb",
        "shampoo that's at least thirty ounces",
        "at least 14 grams of protein per serving",
        "a seasoning pack, around 3 ounces",
        "a photo backdrop around sixty by forty inches",
        "fits round tables up to 42 diameter",
        "up to 50-inch tv",
        "at least 10 cm wide, up to 2 liters, about 500 ml",
        "around 20 pieces, about 3 packs, at least 12 count",
        "at least 1000 watts and 5000 mah",
        # a model name, not a ceiling
        "a black iphone 12 max case",
        "a case for iphone 12 max",
    ],
)
def test_numbers_that_are_not_prices(text: str) -> None:
    prices = find_prices(text)
    assert (prices.min_price, prices.max_price, prices.target) == (None, None, None)
    assert prices.spans == ()


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("buy it automatically at $70", 70),
        ("let me know if it hits 60", 60),
        ("a blender for 80 bucks", 80),
        ("headphones $100", 100),
    ],
)
def test_targets(text: str, target: float) -> None:
    assert find_prices(text).target == target


def test_spans_cover_the_price_words() -> None:
    text = "compare the two best rated robot vacuums under 400 dollars please"
    prices = find_prices(text)
    assert [text[start:end] for start, end in prices.spans] == ["under 400 dollars"]


def test_the_first_bound_of_a_kind_wins_and_bounds_are_ordered() -> None:
    assert find_prices("under 100, or under 200").max_price == 100
    swapped = find_prices("over 300 and under 100")
    assert (swapped.min_price, swapped.max_price) == (100, 300)


@pytest.mark.parametrize(
    ("text", "value"),
    [("$1,299.99", 1299.99), ("1.5k", 1500), ("40 bucks", 40), ("a hundred", 100), ("fifty", 50)],
)
def test_amount(text: str, value: float) -> None:
    assert amount(text) == value


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("about 36 dollars", 30.6, 41.4),
        ("at least 50 for a blanket", 50, None),
        ("up to 400 for an espresso machine", None, 400),
        ("around 200, maybe less", 170, 230),
        ("a laptop, 800 max", None, 800),
    ],
)
def test_loose_phrases_with_a_price(text: str, low: float | None, high: float | None) -> None:
    prices = find_prices(text)
    assert (prices.min_price, prices.max_price) == (low, high)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("a tent under 100 euros", None, 100),
        ("over 20 euro", 20, None),
        ("dash cam less than USD 90", None, 90),
        ("under usd90", None, 90),
        ("usd 90 max", None, 90),
        ("under US$ 90", None, 90),
        ("less then 30", None, 30),
        ("hair extension 24 inches less then 80 dollars", None, 80),
        ("more then 40", 40, None),
    ],
)
def test_currencies_and_slips(text: str, low: float | None, high: float | None) -> None:
    prices = find_prices(text)
    assert (prices.min_price, prices.max_price) == (low, high)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("water bottle that won't cost more than 25", None, 25),
        ("a mug that doesn't cost more than 25", None, 25),
        ("it shouldn't be over 100", None, 100),
        ("not more than 25", None, 25),
        ("i don't want it to cost more than 50", None, 50),
        ("no less than 50", 50, None),
        ("nothing under 50", 50, None),
        ("don't show me anything under 50", 50, None),
        ("at least 40 and no more than 70 dollars", 40, 70),
        ("don't need more than 3 speeds, under 80", None, 80),
    ],
)
def test_a_negated_bound_turns_around(text: str, low: float | None, high: float | None) -> None:
    prices = find_prices(text)
    assert (prices.min_price, prices.max_price) == (low, high)


@pytest.mark.parametrize(
    ("text", "value"), [("100 euros", 100), ("USD 90", 90), ("usd90", 90), ("20 eur", 20)]
)
def test_amount_in_a_currency(text: str, value: float) -> None:
    assert amount(text) == value


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("40 bucks", True),
        ("usd90", True),
        ("100 euros", True),
        ("starbucks 20", False),
        ("liquid soap 20-30", False),
        ("eureka 100-200", False),
    ],
)
def test_a_currency_word_counts_only_as_a_word(text: str, marked: bool) -> None:
    assert has_money_marker(text) is marked
