"""Price phrases: bounds, ranges, targets, and numbers that are not prices."""

from __future__ import annotations

import pytest

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
