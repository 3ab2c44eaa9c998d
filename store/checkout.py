"""Checkout: the cart becomes an order at the total the shopper confirmed, in one transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, delete

from store.cart_pricing import PricedLine, cart_view, price_lines
from store.cart_rows import CartLine, line_is
from store.commerce_errors import EmptyCartError, PriceChangedError
from store.commerce_schema import cart_lines
from store.orders import Order, OrderLine, order_for_dedupe_key, place_order


class PlacedMeanwhile(Exception):
    """Another transaction placed the order with this dedupe key: roll back, then read it."""


def check_out(
    connection: Connection,
    account_id: str,
    *,
    expected_total_cents: int,
    dedupe_key: str,
    now: dt.datetime,
) -> Order:
    """Order every line of the cart at ``now``'s prices and empty it, in one transaction.

    Raises ``EmptyCartError``, the first line's problem (stock, offer, variant, currency),
    ``PriceChangedError`` when the live total is not ``expected_total_cents``, or
    ``PlacedMeanwhile``. The caller rolls back on any of them: the cart is then unchanged.
    """
    # Taking the lines out first locks the cart: a concurrent checkout waits here, then
    # finds the cart empty (and, with the same dedupe key, the order).
    taken = connection.execute(
        delete(cart_lines).where(line_is(account_id)).returning(*cart_lines.c)
    ).all()
    if not taken:
        if order_for_dedupe_key(connection, dedupe_key) is not None:
            raise PlacedMeanwhile
        raise EmptyCartError("the cart is empty")
    rows = sorted(taken, key=lambda row: (row.added_at, row.product_id, row.variant))
    priced = price_lines(
        connection, [CartLine(r.product_id, r.variant, r.quantity) for r in rows], now
    )
    for line in priced:
        if line.problem is not None:
            raise line.problem
    view = cart_view(priced)
    assert view.currency is not None  # every line is priced
    if view.total_cents != expected_total_cents:
        raise PriceChangedError(
            f"the total is now {view.total_cents / 100:.2f} {view.currency}, not "
            f"{expected_total_cents / 100:.2f}: confirm the new total to check out"
        )
    order = place_order(
        connection,
        account_id=account_id,
        lines=[_order_line(line) for line in priced],
        currency=view.currency,
        source="checkout",
        dedupe_key=dedupe_key,
        now=now,
    )
    if order is None:
        raise PlacedMeanwhile
    return order


def _order_line(priced: PricedLine) -> OrderLine:
    assert priced.unit_price_cents is not None  # lines without a price have a problem
    return OrderLine(
        product_id=priced.line.product_id,
        variant=priced.line.variant,
        quantity=priced.line.quantity,
        unit_price_cents=priced.unit_price_cents,
    )
