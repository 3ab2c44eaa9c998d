"""Demo prices: list price, 180 days of history, the current offer and its deal.

History is a random walk of price levels that moves every few weeks, with short sales;
a deal overlays its price on the days it runs, so the last point is always what the
shopper pays on ``as_of``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from store.records import Deal, OfferFields

HISTORY_DAYS = 180
_DEAL_LABELS = ("Limited time deal", "Lightning Deal", "Deal of the Day", "Spring Sale")


@dataclass(frozen=True)
class PriceStory:
    """The prices of one product: the offer now and the daily history that led to it."""

    offer: OfferFields
    history: list[Decimal]
    """One price per day, oldest first; the last is the effective price on ``as_of``."""


@lru_cache(maxsize=100_000)
def _cents(dollars: int) -> Decimal:
    return Decimal(dollars * 100 + 99) / 100


def price_ending_99(amount: float) -> Decimal:
    """Round ``amount`` to a shelf price ending in .99 (at least 1.99)."""
    return _cents(max(int(amount), 1))


def midnight(day: dt.date) -> dt.datetime:
    """Return 00:00 UTC on ``day``."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _walk(rng: random.Random, list_price: float) -> list[Decimal]:
    """Daily shelf prices: a level that moves every few weeks, with short sales.

    Draws the gaps between events rather than rolling a die every day, which keeps
    the generator fast (180 days for every product).
    """
    level = list_price * rng.uniform(0.86, 1.0)
    prices: list[Decimal] = []
    while len(prices) < HISTORY_DAYS:
        steady = 1 + int(rng.expovariate(1 / 14))
        prices += [price_ending_99(level)] * steady
        if rng.random() < 0.3:
            sale = price_ending_99(level * rng.uniform(0.7, 0.88))
            prices += [sale] * rng.randint(3, 9)
        level = min(list_price, max(0.72 * list_price, level * rng.uniform(0.93, 1.06)))
    return prices[:HISTORY_DAYS]


def _deal_window(rng: random.Random, as_of: dt.date) -> tuple[int, int] | None:
    """Return the deal's (start, end) as day offsets from ``as_of``, or None."""
    roll = rng.random()
    if roll < 0.08:  # live today
        return -rng.randint(0, 6), rng.randint(1, 7)
    if roll < 0.11:  # ended recently
        end = -rng.randint(2, 60)
        return end - rng.randint(1, 5), end
    if roll < 0.13:  # announced for later
        start = rng.randint(2, 14)
        return start, start + rng.randint(1, 5)
    return None


def draw_prices(
    rng: random.Random, price_range: tuple[float, float], tier: float, as_of: dt.date
) -> PriceStory:
    """Invent the offer and price history of a product at ``tier`` of ``price_range``."""
    low, high = price_range
    list_price = price_ending_99(low + (high - low) * tier)
    history = _walk(rng, float(list_price))
    price = history[-1]
    deal = None
    window = _deal_window(rng, as_of)
    if window is not None:
        deal_price = price_ending_99(float(price) * rng.uniform(0.7, 0.85))
        if deal_price < price:
            start, end = window
            deal = Deal(
                price=deal_price,
                label=rng.choice(_DEAL_LABELS),
                starts_at=midnight(as_of + dt.timedelta(days=start)),
                ends_at=midnight(as_of + dt.timedelta(days=end)),
            )
            first = HISTORY_DAYS - 1
            for day in range(max(start, -first), min(end, 1)):
                history[first + day] = deal_price
    shown_list = list_price if price < list_price else None
    offer = OfferFields(
        price=price,
        list_price=shown_list if rng.random() < 0.85 else None,
        currency="USD",
        stock=0 if rng.random() < 0.1 else rng.randint(1, 300),
        shipping_days=rng.choice((1, 2, 2, 3, 3, 5, 7)),
        deal=deal,
    )
    return PriceStory(offer, history)
