"""Pricing cart lines from the catalog's rows as they are now, in the caller's transaction.

The view and the checkout price lines with the same function, so the total a shopper sees
is the total a checkout compares (and charges). Prices are the offers' effective prices
(``store.rows``), as ``Catalog.offer`` gives them, plus each variant's surcharge.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, select

from store.cart_rows import CartLine
from store.cart_views import CartLineView, CartView
from store.commerce_errors import (
    CartError,
    MixedCurrencyError,
    NoOfferError,
    NoSuchProductError,
    OutOfStockError,
    VariantError,
)
from store.rows import effective_price_cents
from store.schema import offers, products
from store.variants import find_variant, price_delta_cents, variant_labels


@dataclass(frozen=True)
class PricedLine:
    """A line with its live figures, and what (if anything) keeps it from checkout."""

    line: CartLine
    title: str | None = None
    unit_price_cents: int | None = None
    currency: str | None = None
    in_stock: bool = False
    problem: CartError | None = None


def price_lines(
    connection: Connection, lines: Sequence[CartLine], now: dt.datetime
) -> list[PricedLine]:
    """Each line priced at ``now``; lines in another currency than the first are refused."""
    ids = sorted({line.product_id for line in lines})
    query = (
        select(products.c.id, products.c.title, products.c.variants, *offers.c)
        .outerjoin(offers, offers.c.product_id == products.c.id)
        .where(products.c.id.in_(ids))
    )
    rows = {row.id: dict(row._mapping) for row in connection.execute(query)} if ids else {}
    units: Counter[str] = Counter()
    for line in lines:
        units[line.product_id] += line.quantity
    priced = [
        _price(line, rows.get(line.product_id), units[line.product_id], now) for line in lines
    ]
    return _one_currency(priced)


def cart_view(priced: Sequence[PricedLine]) -> CartView:
    """The cart as the shopper sees it."""
    currency = next((p.currency for p in priced if p.currency), None)
    lines = [_line_view(p) for p in priced]
    total_cents = sum(_total_cents(p) or 0 for p in priced if p.currency == currency)
    return CartView(
        lines=lines,
        item_count=sum(p.line.quantity for p in priced),
        total=total_cents / 100,
        total_cents=total_cents,
        currency=currency,
        can_check_out=bool(priced) and all(p.problem is None for p in priced),
    )


def _price(line: CartLine, row: dict[str, Any] | None, units: int, now: dt.datetime) -> PricedLine:
    if row is None:
        return PricedLine(
            line, problem=NoSuchProductError(f"product {line.product_id!r} left the catalog")
        )
    title = row["title"]
    if row["price_cents"] is None:
        return PricedLine(line, title, problem=NoOfferError(f"{title} is not on sale now"))
    variants = row["variants"] or []
    variant = find_variant(variants, line.variant)
    if variant is None and (line.variant or variants):
        return PricedLine(
            line, title, problem=VariantError(f"{title} no longer comes as {line.variant!r}")
        )
    unit = effective_price_cents(row, now) + price_delta_cents(variant)
    stock = row["stock"]
    problem: CartError | None = None
    if variant is not None and variant.get("in_stock") is False:
        problem = OutOfStockError(f"{title} ({line.variant}) is out of stock")
    elif stock is not None and stock < units:
        problem = OutOfStockError(f"only {stock} of {title} in stock; the cart holds {units}")
    return PricedLine(line, title, unit, row["currency"], problem is None, problem)


def _one_currency(priced: list[PricedLine]) -> list[PricedLine]:
    # An order is paid in one currency: the first line's. The feed may reprice a product in
    # another currency after it was added, so the check is made at every pricing.
    currency = next((p.currency for p in priced if p.currency), None)
    return [
        replace(
            p, problem=MixedCurrencyError(f"{p.title} is priced in {p.currency}, not {currency}")
        )
        if p.problem is None and p.currency != currency
        else p
        for p in priced
    ]


def _total_cents(priced: PricedLine) -> int | None:
    unit = priced.unit_price_cents
    return None if unit is None else unit * priced.line.quantity


def _line_view(priced: PricedLine) -> CartLineView:
    total = _total_cents(priced)
    return CartLineView(
        product_id=priced.line.product_id,
        variant=variant_labels(priced.line.variant),
        title=priced.title,
        quantity=priced.line.quantity,
        unit_price=None if priced.unit_price_cents is None else priced.unit_price_cents / 100,
        line_total=None if total is None else total / 100,
        currency=priced.currency,
        in_stock=priced.in_stock,
        problem=None if priced.problem is None else str(priced.problem),
    )
