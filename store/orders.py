"""Orders: placing one at most once per dedupe key, with the stock it takes; reading them.

``place_order`` writes inside the caller's transaction, so a checkout (or an auto-buy) can
empty a cart or mark an alert in the same commit.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection, Engine, delete, insert, or_, select, update

from store.commerce_errors import OutOfStockError
from store.commerce_schema import order_lines
from store.commerce_schema import orders as orders_table
from store.conflicts import upsert_insert
from store.schema import offers

__all__ = [
    "Order",
    "OrderLine",
    "OrderSource",
    "OutOfStockError",
    "order_for_dedupe_key",
    "orders",
    "place_order",
]

OrderSource = Literal["checkout", "auto_buy"]


class OrderLine(BaseModel):
    """One product (and variant) of an order, at the price the shopper paid."""

    model_config = ConfigDict(frozen=True)

    product_id: str
    variant: str = Field(default="", description="e.g. 'color=blue;size=M'; '' when none.")
    quantity: int = Field(ge=1)
    unit_price_cents: int = Field(ge=0)


class Order(BaseModel):
    """A placed order."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="'ord_' and 16 hex characters.")
    account_id: str
    status: Literal["placed"] = "placed"
    source: OrderSource
    total_cents: int
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    lines: tuple[OrderLine, ...]
    created_at: dt.datetime


def place_order(
    connection: Connection,
    *,
    account_id: str,
    lines: Sequence[OrderLine],
    currency: str,
    source: OrderSource,
    dedupe_key: str,
    now: dt.datetime,
) -> Order | None:
    """Insert the order and its lines and take their units from stock, in one transaction.

    Everything is written in ``connection``'s transaction, which the caller commits.
    Returns ``None``, writing nothing, when an order with ``dedupe_key`` exists (even one
    another transaction has not committed yet: this waits for it). Raises
    ``OutOfStockError``, writing nothing (no savepoint needed), when a product's tracked
    stock is short or it has no offer; ``ValueError`` for an order without lines.
    """
    if not lines:
        raise ValueError("an order needs at least one line")
    order = Order(
        id=f"ord_{secrets.token_hex(8)}",
        account_id=account_id,
        source=source,
        total_cents=sum(line.quantity * line.unit_price_cents for line in lines),
        currency=currency,
        lines=tuple(lines),
        created_at=now,
    )
    row = order.model_dump(exclude={"lines"}) | {"dedupe_key": dedupe_key}
    claim = upsert_insert(connection, orders_table).values(row)
    # RETURNING, not rowcount: drivers need not count inserted rows (psycopg gives -1).
    claimed = claim.on_conflict_do_nothing(index_elements=["dedupe_key"]).returning(
        orders_table.c.id
    )
    if connection.execute(claimed).first() is None:
        return None
    try:
        _take_stock(connection, lines)
    except OutOfStockError:
        connection.execute(delete(orders_table).where(orders_table.c.id == order.id))
        raise
    rows = [
        {"order_id": order.id, "position": n, **line.model_dump()} for n, line in enumerate(lines)
    ]
    connection.execute(insert(order_lines), rows)
    return order


def order_for_dedupe_key(connection: Connection, dedupe_key: str) -> Order | None:
    """The order placed with ``dedupe_key``, if any."""
    query = select(orders_table).where(orders_table.c.dedupe_key == dedupe_key)
    rows = connection.execute(query).all()
    found = _with_lines(connection, [row._mapping for row in rows])
    return found[0] if found else None


def orders(engine: Engine, account_id: str) -> list[Order]:
    """The account's orders, newest first."""
    table = orders_table
    query = (
        select(table)
        .where(table.c.account_id == account_id)
        .order_by(table.c.created_at.desc(), table.c.id.desc())
    )
    with engine.connect() as conn:
        return _with_lines(conn, [row._mapping for row in conn.execute(query)])


def _take_stock(connection: Connection, lines: Sequence[OrderLine]) -> None:
    wanted: Counter[str] = Counter()
    for line in lines:
        wanted[line.product_id] += line.quantity
    taken: list[tuple[str, int]] = []
    # Always in id order: two orders locking the same offers can't deadlock each other.
    for product_id, quantity in sorted(wanted.items()):
        stock = offers.c.stock
        took = connection.execute(
            update(offers)
            .where(offers.c.product_id == product_id, or_(stock.is_(None), stock >= quantity))
            .values(stock=stock - quantity)
        )
        if took.rowcount != 1:
            for earlier, units in taken:
                connection.execute(
                    update(offers)
                    .where(offers.c.product_id == earlier)
                    .values(stock=offers.c.stock + units)
                )
            raise _shortage(connection, product_id, quantity)
        taken.append((product_id, quantity))


def _shortage(connection: Connection, product_id: str, quantity: int) -> OutOfStockError:
    query = select(offers.c.stock).where(offers.c.product_id == product_id)
    found = connection.execute(query).first()
    if found is None:
        return OutOfStockError(f"product {product_id!r} is not on sale")
    return OutOfStockError(f"only {found.stock} of {product_id!r} in stock; {quantity} wanted")


def _with_lines(connection: Connection, rows: Sequence[Any]) -> list[Order]:
    ids = [row["id"] for row in rows]
    query = select(order_lines).where(order_lines.c.order_id.in_(ids))
    lines: dict[str, list[OrderLine]] = {order_id: [] for order_id in ids}
    for line in connection.execute(query.order_by(order_lines.c.order_id, order_lines.c.position)):
        lines[line.order_id].append(OrderLine.model_validate(dict(line._mapping)))
    return [Order.model_validate({**row, "lines": lines[row["id"]]}) for row in rows]
