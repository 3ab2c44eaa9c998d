"""Cart, order and idempotency tables (SQLAlchemy Core), identical on SQLite and PostgreSQL.

They live in the catalog's database, so an order and the stock it takes are written in one
transaction, but on their own ``commerce_metadata``: the catalog's tables know nothing of
shoppers. Account ids are not foreign keys (accounts live in ``memory``, above the store);
product ids are not either, so orders outlive a product leaving the feed. Money is integer
cents and timestamps naive UTC, as in ``store.schema``.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

commerce_metadata = MetaData()

ACCOUNT_ID = String(32)
PRODUCT_ID = String(128)
ORDER_ID = String(32)

cart_lines = Table(
    "cart_lines",
    commerce_metadata,
    Column("account_id", ACCOUNT_ID, primary_key=True),
    Column("product_id", PRODUCT_ID, primary_key=True),
    Column("variant", Text, primary_key=True, doc="e.g. 'color=blue;size=M'; '' when none."),
    Column("quantity", Integer, nullable=False),
    Column("added_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)
"""What each account means to buy; prices are never stored here, always read live."""

orders = Table(
    "orders",
    commerce_metadata,
    Column("id", ORDER_ID, primary_key=True, doc="'ord_' and 16 hex characters."),
    Column("account_id", ACCOUNT_ID, nullable=False),
    Column("status", String(16), nullable=False, doc="'placed'."),
    Column("source", String(16), nullable=False, doc="'checkout' or 'auto_buy'."),
    Column("total_cents", Integer, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("dedupe_key", Text, nullable=False, unique=True, doc="One order per key, ever."),
    Column("created_at", DateTime, nullable=False),
)
Index("ix_orders_account", orders.c.account_id, orders.c.created_at)

order_lines = Table(
    "order_lines",
    commerce_metadata,
    Column("order_id", ORDER_ID, ForeignKey("orders.id"), primary_key=True),
    Column("position", Integer, primary_key=True, doc="The line's place in its order."),
    Column("product_id", PRODUCT_ID, nullable=False),
    Column("variant", Text, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("unit_price_cents", Integer, nullable=False, doc="What the shopper paid per unit."),
)

idempotency_keys = Table(
    "idempotency_keys",
    commerce_metadata,
    Column("account_id", ACCOUNT_ID, primary_key=True),
    Column("key", String(255), primary_key=True),
    Column("request_hash", String(64), nullable=False, doc="sha256 of the request it came with."),
    Column("status_code", Integer, doc="NULL while the first request runs."),
    Column("response", JSON, doc="The response body to replay."),
    Column("created_at", DateTime, nullable=False),
)
"""Requests that must not run twice, with the response their retries get."""
