"""Writing offers and price history: the live price, and how it moved.

An offer appends a price-history point only when the price it sets differs from the last
one recorded, which keeps re-loads idempotent and the history a true series of changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from store import schema
from store.records import PricePointRecord
from store.rows import cents, effective_price_cents, offer_row, utc_naive
from store.upsert import WriteStats, chunks, hashed, upsert


def write_price_points(
    conn: Connection, points: Sequence[PricePointRecord], fresh: set[str], stats: WriteStats
) -> None:
    """Upsert history points; products created in this write (``fresh``) have none yet."""
    table = schema.price_history
    rows = [
        {
            "product_id": p.product_id,
            "at": utc_naive(p.at),
            "price_cents": cents(p.price),
            "currency": p.currency,
        }
        for p in points
    ]
    for chunk in chunks(rows):
        wanted = {r["product_id"] for r in chunk} - fresh
        known = (
            {
                (pid, at): price
                for pid, at, price in conn.execute(
                    select(table.c.product_id, table.c.at, table.c.price_cents).where(
                        table.c.product_id.in_(sorted(wanted))
                    )
                )
            }
            if wanted
            else {}
        )
        new = [r for r in chunk if (r["product_id"], r["at"]) not in known]
        changed = [
            r
            for r in chunk
            if known.get((r["product_id"], r["at"]), r["price_cents"]) != r["price_cents"]
        ]
        if new:
            conn.execute(table.insert(), new)
        for row in changed:
            conn.execute(
                table.update()
                .where(table.c.product_id == row["product_id"], table.c.at == row["at"])
                .values(price_cents=row["price_cents"], currency=row["currency"])
            )
        stats.inserted[table.name] += len(new)
        stats.updated[table.name] += len(changed)
        stats.unchanged[table.name] += len(chunk) - len(new) - len(changed)


def write_offers(
    conn: Connection,
    offers: Sequence[tuple[str, Any, dt.datetime]],
    stats: WriteStats,
) -> None:
    """Upsert offers, then append a history point where the effective price moved.

    An offer observed before the stored one (an old feed loaded late) is ignored: it must
    not overwrite a newer price.
    """
    stored = _offer_times(conn, [pid for pid, _offer, _at in offers])
    fresh = [(pid, offer, at) for pid, offer, at in offers if at >= stored.get(pid, at)]
    stats.stale_offers += len(offers) - len(fresh)
    rows = [{**hashed(offer_row(pid, offer)), "updated_at": at} for pid, offer, at in fresh]
    upsert(conn, schema.offers, "product_id", rows, stats)
    observed = [(row, at) for row, (_pid, _offer, at) in zip(rows, fresh, strict=True)]
    for chunk in chunks(observed):
        latest = _latest_points(conn, [row["product_id"] for row, _at in chunk])
        points = []
        for row, at in chunk:
            price = effective_price_cents(row, at)
            last = latest.get(row["product_id"])
            if last is not None and (last[0] >= at or last[1] == price):
                continue  # the same observation, or no change to record
            points.append(
                {
                    "product_id": row["product_id"],
                    "at": at,
                    "price_cents": price,
                    "currency": row["currency"],
                }
            )
        if points:
            conn.execute(schema.price_history.insert(), points)
        stats.inserted[schema.price_history.name] += len(points)


def _offer_times(conn: Connection, product_ids: Sequence[str]) -> dict[str, dt.datetime]:
    """When each stored offer was observed."""
    table = schema.offers
    times: dict[str, dt.datetime] = {}
    for chunk in chunks(sorted(set(product_ids))):
        query = select(table.c.product_id, table.c.updated_at).where(table.c.product_id.in_(chunk))
        times.update({pid: at for pid, at in conn.execute(query)})
    return times


def _latest_points(
    conn: Connection, product_ids: Sequence[str]
) -> dict[str, tuple[dt.datetime, int]]:
    table = schema.price_history
    newest = (
        select(table.c.product_id, func.max(table.c.at).label("at"))
        .where(table.c.product_id.in_(product_ids))
        .group_by(table.c.product_id)
        .subquery()
    )
    query = select(table.c.product_id, table.c.at, table.c.price_cents).join(
        newest, (table.c.product_id == newest.c.product_id) & (table.c.at == newest.c.at)
    )
    return {pid: (at, price) for pid, at, price in conn.execute(query)}
