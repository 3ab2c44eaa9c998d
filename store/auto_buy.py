"""Auto-buy: the order a confirmed ``price_at_most`` alert places when it fires.

It runs inside the firing's transaction, so the order (and the stock it takes), the
alert's new state and the notification commit together. The order's dedupe key is
``"{alert_id}:{crossing}"``: a crossing orders once at most. No order is placed whose
total is over the alert's spend cap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from sqlalchemy import Connection

from store.alert_conditions import Finding
from store.orders import Order, OrderLine, OrderSource, OutOfStockError, place_order


class PlaceOrder(Protocol):
    """How an order is placed: ``store.orders.place_order``, or a test's stand-in."""

    def __call__(
        self,
        connection: Connection,
        *,
        account_id: str,
        lines: Sequence[OrderLine],
        currency: str,
        source: OrderSource,
        dedupe_key: str,
        now: dt.datetime,
    ) -> Order | None:
        """The order, written in ``connection``'s transaction; None if the key was used."""


def buy(
    conn: Connection,
    alert: Mapping[Any, Any],
    finding: Finding,
    crossing: int,
    now: dt.datetime,
    place: PlaceOrder = place_order,
) -> tuple[str, dict[str, Any]]:
    """Place the alert's order: the notification's kind, and what to say of the order."""
    quantity, unit = alert["quantity"], finding.price_cents
    if finding.product_id is None or unit is None or finding.currency is None:
        return "order_skipped", {"reason": "the product is not on sale"}
    if not finding.in_stock:
        return "order_skipped", {"reason": "the product is out of stock"}
    total, cap = unit * quantity, alert["cap_cents"]  # the order's total, as place_order sums it
    if total > cap:
        return "order_skipped", {
            "reason": f"{total / 100:.2f} is over the spend cap of {cap / 100:.2f}"
        }
    line = OrderLine(
        product_id=finding.product_id, variant="", quantity=quantity, unit_price_cents=unit
    )
    try:  # place_order writes nothing when it refuses: the notification still commits
        order = place(
            conn,
            account_id=alert["account_id"],
            lines=[line],
            currency=finding.currency,
            source="auto_buy",
            dedupe_key=f"{alert['id']}:{crossing}",
            now=now,
        )
    except OutOfStockError as exc:
        return "order_skipped", {"reason": str(exc)}
    if order is None:
        return "order_skipped", {"reason": "this crossing has ordered already"}
    return "order_placed", {
        "order_id": order.id,
        "quantity": quantity,
        "unit_price": unit / 100,
        "total": order.total_cents / 100,
        "currency": order.currency,
    }
