"""What a new alert must be: each refusal is an ``AlertError`` naming the problem."""

from __future__ import annotations

import datetime as dt
import math
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, select

from store import schema
from store.alert_conditions import category_exists
from store.alert_views import (
    CONDITIONS,
    AlertInputError,
    AutoBuy,
    AutoBuyError,
    DropPercentError,
    TargetPriceError,
    UnknownCategoryError,
    UnknownProductError,
)
from store.rows import effective_price_cents

MAX_QUANTITY = 10
DROP_RANGE = (1.0, 90.0)
MAX_CENTS = 2**31 - 1
"""The money columns' largest value (32-bit integers)."""


@dataclass(frozen=True)
class AlertSpec:
    """A new alert as asked for: a product or a category, a condition and its figures."""

    condition: str
    product_id: str | None = None
    category: str | None = None
    target: float | None = None
    drop_percent: float | None = None
    auto_buy: AutoBuy | None = None


def new_alert_id() -> str:
    """A fresh alert id: ``alr_`` and 16 hex characters."""
    return "alr_" + secrets.token_hex(8)


def storable(text: str | None) -> bool:
    """Whether ``text`` can be stored and looked up (PostgreSQL refuses NUL characters)."""
    return text is None or "\x00" not in text


def check_terms(spec: AlertSpec) -> None:
    """Refuse ``spec`` for what needs no database: the condition, its figures, auto-buy.

    The checks of ``alert_fields`` without the product or category lookup, so an assistant
    can refuse a request before it asks the shopper to confirm it.
    """
    _check_kind(spec)
    target_cents = _target_cents(spec)
    _drop_percent(spec)
    if spec.category is not None and spec.condition != "deal_starts":
        raise AlertInputError("a category alert watches for deals: use 'deal_starts'")
    _auto_buy_fields(spec, target_cents)


def check_alert(engine: Engine, spec: AlertSpec, now: dt.datetime) -> dict[str, Any]:
    """``alert_fields`` on a connection of its own, writing nothing.

    What ``AlertBook.create`` would refuse (an unknown product, no price to drop from...)
    is refused before the shopper is asked; the fields carry today's price
    (``baseline_cents``) for the question.
    """
    with engine.connect() as conn:
        return alert_fields(conn, spec, now)


def _check_kind(spec: AlertSpec) -> None:
    if spec.condition not in CONDITIONS:
        raise AlertInputError(
            f"unknown condition {spec.condition!r}; use one of: {', '.join(CONDITIONS)}"
        )
    if (spec.product_id is None) == (spec.category is None):
        raise AlertInputError("an alert watches a product_id or a category (one of them)")


def alert_fields(conn: Connection, spec: AlertSpec, now: dt.datetime) -> dict[str, Any]:
    """The checked ``alerts`` columns of ``spec`` at ``now`` (without ids, state, times)."""
    _check_kind(spec)
    fields: dict[str, Any] = {
        "product_id": spec.product_id,
        "category": spec.category.strip() if spec.category else None,
        "condition": spec.condition,
        "target_cents": _target_cents(spec),
        "drop_percent": _drop_percent(spec),
        "baseline_cents": None,
    }
    if not storable(spec.product_id):
        raise UnknownProductError(f"no product with id {spec.product_id!r}")
    if spec.category is not None:
        if spec.condition != "deal_starts":
            raise AlertInputError("a category alert watches for deals: use 'deal_starts'")
        category = fields["category"]
        if not category or not storable(category) or not category_exists(conn, category):
            raise UnknownCategoryError(f"no product is in a category {spec.category!r}")
    else:
        fields["baseline_cents"] = _live_price_cents(conn, spec, now)
    return fields | _auto_buy_fields(spec, fields["target_cents"])


def _target_cents(spec: AlertSpec) -> int | None:
    if spec.condition != "price_at_most":
        if spec.target is not None:
            raise AlertInputError("target_price is for 'price_at_most' alerts only")
        return None
    if spec.target is None:
        raise TargetPriceError("a 'price_at_most' alert needs a target price")
    cents = _cents(spec.target)
    if cents is None or not 0 < cents <= MAX_CENTS:
        raise TargetPriceError(f"the target price must be above zero, not {spec.target}")
    return cents


def _drop_percent(spec: AlertSpec) -> float | None:
    if spec.condition != "drop_by_percent":
        if spec.drop_percent is not None:
            raise AlertInputError("drop_percent is for 'drop_by_percent' alerts only")
        return None
    low, high = DROP_RANGE
    percent = spec.drop_percent
    if percent is None or not math.isfinite(percent) or not low <= percent <= high:
        raise DropPercentError(f"drop_percent must be from {low:g} to {high:g}, not {percent}")
    return float(percent)


def _live_price_cents(conn: Connection, spec: AlertSpec, now: dt.datetime) -> int | None:
    """What the shopper pays now (the baseline); None when the product has no offer yet."""
    products, offers = schema.products, schema.offers
    row = conn.execute(
        select(products.c.id, offers)
        .outerjoin(offers, offers.c.product_id == products.c.id)
        .where(products.c.id == spec.product_id)
    ).first()
    if row is None:
        raise UnknownProductError(f"no product with id {spec.product_id!r}")
    if row.price_cents is None:
        if spec.condition == "drop_by_percent":
            raise AlertInputError(f"product {spec.product_id!r} has no price to drop from yet")
        return None
    return effective_price_cents(dict(row._mapping), now)


def _auto_buy_fields(spec: AlertSpec, target_cents: int | None) -> dict[str, Any]:
    if spec.auto_buy is None:
        return {"auto_buy": False, "quantity": None, "cap_cents": None}
    quantity, cap = spec.auto_buy
    if spec.condition != "price_at_most" or spec.product_id is None or target_cents is None:
        raise AutoBuyError("auto-buy needs a 'price_at_most' alert on a product")
    if cap is None:
        raise AutoBuyError("auto-buy needs a spend cap: the most one order may cost")
    if not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
        raise AutoBuyError(f"auto-buy quantity must be from 1 to {MAX_QUANTITY}, not {quantity}")
    cap_cents = _cents(cap)
    if cap_cents is None or not 0 < cap_cents <= MAX_CENTS:
        raise AutoBuyError(f"the spend cap must be above zero, not {cap}")
    if cap_cents < target_cents * quantity:
        worst = target_cents * quantity / 100
        raise AutoBuyError(
            f"a spend cap of {cap_cents / 100:.2f} is below {quantity} × "
            f"{target_cents / 100:.2f} = {worst:.2f}: no order at the target could be placed"
        )
    return {"auto_buy": True, "quantity": quantity, "cap_cents": cap_cents}


def _cents(amount: float) -> int | None:
    if isinstance(amount, bool) or not isinstance(amount, int | float):
        return None
    return round(min(amount, MAX_CENTS) * 100) if math.isfinite(amount) else None
