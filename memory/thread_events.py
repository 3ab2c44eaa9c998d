"""What happened in each conversation thread, kept so ``shopgraph kpis`` can measure sessions.

A thread is a session. Its events are appended, never changed: a shopper's question, items
confirmed into the cart, an order placed. They live in the catalog's database on their own
``events_metadata`` (created on first use), identical on SQLite and PostgreSQL; timestamps
are naive UTC, as in ``store.schema``. Account and product ids are not foreign keys: the
measures outlive an account's deletion and a product leaving the feed.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict
from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    insert,
    select,
)

EventKind = Literal["question", "add_to_cart", "order"]
"""A shopper's turn; items confirmed into the cart; an order placed from the thread."""
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)

events_metadata = MetaData()

thread_events = Table(
    "thread_events",
    events_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("thread_id", String(128), nullable=False),
    Column("account_id", String(32), doc="NULL for an anonymous shopper."),
    Column("kind", String(16), nullable=False, doc="'question', 'add_to_cart' or 'order'."),
    Column("at", DateTime, nullable=False),
    Column("product_id", String(128), doc="The product added to the cart."),
    Column("quantity", Integer, doc="Units added; items ordered."),
)
Index("ix_thread_events_at", thread_events.c.at)
Index("ix_thread_events_thread", thread_events.c.thread_id, thread_events.c.at)


class ThreadEvent(BaseModel):
    """One thing that happened in a thread."""

    model_config = ConfigDict(frozen=True)

    thread_id: str
    account_id: str | None = None
    kind: EventKind
    at: dt.datetime
    """Naive UTC."""
    product_id: str | None = None
    quantity: int | None = None


class ThreadEvents:
    """The ``thread_events`` table; safe to share between threads."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        events_metadata.create_all(engine)

    def record(
        self,
        thread_id: str,
        account_id: str | None,
        kind: EventKind,
        at: dt.datetime,
        product_id: str | None = None,
        quantity: int | None = None,
    ) -> ThreadEvent:
        """Append one event; ``ValueError`` for a kind that is not an ``EventKind``."""
        if kind not in EVENT_KINDS:
            raise ValueError(f"event kind must be one of {', '.join(EVENT_KINDS)} (got {kind!r})")
        event = ThreadEvent(
            thread_id=thread_id,
            account_id=account_id,
            kind=kind,
            at=naive_utc(at),
            product_id=product_id,
            quantity=quantity,
        )
        with self.engine.begin() as conn:
            conn.execute(insert(thread_events).values(event.model_dump()))
        return event

    def between(
        self, since: dt.datetime | None = None, until: dt.datetime | None = None
    ) -> list[ThreadEvent]:
        """Events with ``since <= at < until`` (either end open when ``None``), oldest first."""
        c = thread_events.c
        query = select(c.thread_id, c.account_id, c.kind, c.at, c.product_id, c.quantity)
        if since is not None:
            query = query.where(c.at >= naive_utc(since))
        if until is not None:
            query = query.where(c.at < naive_utc(until))
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(c.at, c.id))
            return [ThreadEvent.model_validate(dict(row._mapping)) for row in rows]


def naive_utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` as naive UTC, the tables' convention (a naive time is taken as UTC)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)
