"""Whether an alert's condition holds now, read from the live offers.

One function for the alert book (is a new alert already met?) and the worker (fire or
re-arm?), reading on the caller's connection so a decision and its write see one snapshot.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, select

from store import schema
from store.rows import deal_running, effective_price_cents
from store.search import SearchFilters, filter_query


@dataclass(frozen=True)
class Finding:
    """What the worker saw for one alert: whether it holds, and the offer that decided it."""

    holds: bool
    product_id: str | None = None
    title: str | None = None
    price_cents: int | None = None
    currency: str | None = None
    in_stock: bool = False
    deal_label: str | None = None

    def payload(self, alert: Mapping[Any, Any]) -> dict[str, Any]:
        """The notification's payload: the product, its price, the condition met."""
        body: dict[str, Any] = {
            "condition": alert["condition"],
            "product_id": self.product_id,
            "title": self.title,
            "price": None if self.price_cents is None else self.price_cents / 100,
            "currency": self.currency,
            "in_stock": self.in_stock,
            "deal_label": self.deal_label,
        }
        if alert["category"] is not None:
            body["category"] = alert["category"]
        if alert["target_cents"] is not None:
            body["target_price"] = alert["target_cents"] / 100
        if alert["drop_percent"] is not None:
            body["drop_percent"] = alert["drop_percent"]
            body["baseline_price"] = alert["baseline_cents"] / 100
        return body


def drop_threshold_cents(baseline_cents: int, drop_percent: float) -> int:
    """The highest price that is at least ``drop_percent`` below ``baseline_cents``."""
    return math.floor(baseline_cents * (100 - drop_percent) / 100 + 1e-6)


def observe(conn: Connection, alert: Mapping[Any, Any], now: dt.datetime) -> Finding:
    """Whether ``alert`` (an ``alerts`` row) holds at ``now``."""
    if alert["product_id"] is None:
        return _category_deal(conn, alert["category"], now)
    offers, products = schema.offers, schema.products
    row = conn.execute(
        select(products.c.title, offers)
        .join(offers, offers.c.product_id == products.c.id)
        .where(products.c.id == alert["product_id"])
    ).first()
    if row is None:
        return Finding(holds=False, product_id=alert["product_id"])
    offer = dict(row._mapping)
    finding = _finding(offer, now)
    return replace(finding, holds=_holds(alert, finding, offer, now))


def _holds(
    alert: Mapping[Any, Any], finding: Finding, offer: Mapping[str, Any], now: dt.datetime
) -> bool:
    price = finding.price_cents
    assert price is not None
    condition = alert["condition"]
    if condition == "price_at_most":
        return bool(price <= alert["target_cents"])
    if condition == "drop_by_percent":
        return price <= drop_threshold_cents(alert["baseline_cents"], alert["drop_percent"])
    if condition == "back_in_stock":
        return finding.in_stock
    if condition == "deal_starts":
        return deal_running(offer, now)
    raise ValueError(f"unknown alert condition {condition!r}")


def _finding(row: Mapping[str, Any], now: dt.datetime) -> Finding:
    stock = row["stock"]
    return Finding(
        holds=False,
        product_id=row["product_id"],
        title=row["title"],
        price_cents=effective_price_cents(row, now),
        currency=row["currency"],
        in_stock=stock is None or stock > 0,
        deal_label=row["deal_label"] if deal_running(row, now) else None,
    )


def _category_deal(conn: Connection, category: str, now: dt.datetime) -> Finding:
    """A category holds while any of its products has a running deal; the deepest is named."""
    offers, products = schema.offers, schema.products
    in_category = filter_query(SearchFilters(category=category), now)
    row = conn.execute(
        select(products.c.title, offers)
        .join(offers, offers.c.product_id == products.c.id)
        .where(
            products.c.id.in_(in_category),
            offers.c.deal_price_cents.is_not(None),
            offers.c.deal_starts_at <= now,
            offers.c.deal_ends_at > now,
        )
        .order_by(offers.c.deal_price_cents * 1.0 / offers.c.price_cents, offers.c.product_id)
        .limit(1)
    ).first()
    if row is None:
        return Finding(holds=False)
    return replace(_finding(dict(row._mapping), now), holds=True)


def category_exists(conn: Connection, category: str) -> bool:
    """Whether any product of the catalog is in ``category`` (a name or a path)."""
    in_category = filter_query(SearchFilters(category=category), dt.datetime.min)
    return conn.execute(in_category.limit(1)).first() is not None
