"""The deterministic demo store: thousands of products with prices, reviews and Q&A.

``generate_demo`` yields feed records the store writer can load. Everything comes from
one ``random.Random(seed)``: the same seed, ``as_of`` and ``n_products`` give the same
records, byte for byte, on any machine.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from decimal import Decimal
from functools import cache

from pydantic import TypeAdapter

from store.demo.categories import CATEGORIES
from store.demo.pricing import HISTORY_DAYS, draw_prices, midnight
from store.demo.products import build_product, product_id
from store.demo.profile import draw_profile
from store.demo.questions import generate_questions
from store.demo.reviews import generate_reviews
from store.demo.spec import CategorySpec
from store.records import PricePointRecord, Record

__all__ = ["CATEGORIES", "generate_demo"]


def _category_sequence(rng: random.Random, n_products: int) -> list[CategorySpec]:
    """Every category once (so small stores cover them all), then by weight."""
    first = list(CATEGORIES[:n_products])
    weights = [spec.weight for spec in CATEGORIES]
    return first + rng.choices(CATEGORIES, weights=weights, k=n_products - len(first))


@cache
def _price_history_adapter() -> TypeAdapter[list[PricePointRecord]]:
    return TypeAdapter(list[PricePointRecord])


def _price_points(
    product: str, prices: list[Decimal], days: list[dt.datetime]
) -> list[PricePointRecord]:
    # One validation call for the 180 points of a product: much faster than 180 calls.
    rows = [
        {"product_id": product, "at": at, "price": price}
        for at, price in zip(days, prices, strict=True)
    ]
    return _price_history_adapter().validate_python(rows)


def generate_demo(*, seed: int = 7, as_of: dt.date, n_products: int = 2400) -> Iterator[Record]:
    """Yield the demo store's records, product by product.

    Each product comes as its ``ProductRecord`` (with an inline offer), then its
    ``HISTORY_DAYS`` daily ``PricePointRecord``s ending on ``as_of``, its reviews and its
    questions.

    Args:
        seed: Seeds the one random generator everything is drawn from.
        as_of: The store's "today": deals, price history and review dates hang off it.
        n_products: How many products to invent.
    """
    rng = random.Random(seed)
    days = [midnight(as_of - dt.timedelta(days=back)) for back in range(HISTORY_DAYS - 1, -1, -1)]
    width = max(5, len(str(n_products)))
    for number, spec in enumerate(_category_sequence(rng, n_products), start=1):
        profile = draw_profile(rng, spec, product_id(spec.prefix, number, width))
        story = draw_prices(rng, spec.price, profile.tier, as_of)
        product = build_product(rng, profile, story.offer)
        yield product
        yield from _price_points(profile.id, story.history, days)
        yield from generate_reviews(rng, profile, as_of)
        yield from generate_questions(rng, profile, product, as_of)
