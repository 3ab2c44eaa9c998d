"""Writing validated records into the store, inside the caller's transaction.

Every write compares content hashes first, so loading the same feed twice changes nothing.
An offer appends a price-history point only when the price it sets differs from the last
one recorded, which keeps re-loads idempotent and the history a true series of changes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, select

from store import schema
from store.records import (
    OfferRecord,
    PricePointRecord,
    ProductRecord,
    QuestionRecord,
    Record,
    ReviewRecord,
)
from store.rows import (
    attribute_rows,
    cents,
    content_hash,
    effective_price_cents,
    offer_row,
    product_row,
    question_row,
    review_row,
    utc_naive,
)

CHUNK = 500
Progress = Callable[[int], None]


@dataclass
class WriteStats:
    """What a write changed, per table."""

    inserted: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    stale_offers: int = 0
    """Offers older than the stored ones, left out."""

    @property
    def changed(self) -> bool:
        """Whether anything at all was written."""
        return bool(+self.inserted or +self.updated)


def write_records(
    conn: Connection, records: Sequence[Record], *, now: dt.datetime, progress: Progress | None
) -> WriteStats:
    """Write ``records`` (already validated and cross-checked) in dependency order."""
    stats = WriteStats()
    tick = progress or (lambda _n: None)
    now = utc_naive(now)
    products = [r for r in records if isinstance(r, ProductRecord)]
    rows = [_with_meta(product_row(p), now) for p in products]
    new_products, changed_products = _upsert(conn, schema.products, "id", rows, stats)
    _write_attributes(conn, [r for r in rows if r["id"] in new_products | changed_products])
    tick(len(products))
    points = [r for r in records if isinstance(r, PricePointRecord)]
    _write_price_points(conn, points, new_products, stats)
    tick(len(points))
    standalone = [o for o in records if isinstance(o, OfferRecord)]
    offers = [(p.id, p.offer, now) for p in products if p.offer is not None]
    offers += [(o.product_id, o, utc_naive(o.as_of) if o.as_of else now) for o in standalone]
    _write_offers(conn, offers, stats)
    tick(len(standalone))
    reviews = [review_row(r) for r in records if isinstance(r, ReviewRecord)]
    _upsert(conn, schema.reviews, "id", [_hashed(r) for r in reviews], stats)
    tick(len(reviews))
    questions = [question_row(q) for q in records if isinstance(q, QuestionRecord)]
    _upsert(conn, schema.questions, "id", [_hashed(q) for q in questions], stats)
    tick(len(questions))
    touched = {p.id for p in products} | {str(r["product_id"]) for r in reviews}
    refresh_ratings(conn, touched)
    if stats.inserted["products"] or stats.updated["products"]:
        bump_generation(conn)
    return stats


def _hashed(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "content_hash": content_hash(row)}


def _with_meta(row: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    return {**_hashed(row), "updated_at": now}


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _upsert(
    conn: Connection, table: Table, key: str, rows: Sequence[dict[str, Any]], stats: WriteStats
) -> tuple[set[str], set[str]]:
    """Insert new rows, update rows whose content hash changed.

    Returns:
        The keys inserted and the keys updated.
    """
    key_col = table.c[key]
    inserted: set[str] = set()
    updated: set[str] = set()
    for chunk in _chunks(rows):
        ids = [row[key] for row in chunk]
        known = dict(
            conn.execute(select(key_col, table.c.content_hash).where(key_col.in_(ids))).all()
        )
        new = [row for row in chunk if row[key] not in known]
        changed = [
            row for row in chunk if row[key] in known and known[row[key]] != row["content_hash"]
        ]
        if new:
            conn.execute(table.insert(), new)
            inserted.update(row[key] for row in new)
        if changed:
            updated.update(row[key] for row in changed)
            params = [{**row, "_key": row[key]} for row in changed]
            values: dict[str, Any] = {n: bindparam(n) for n in changed[0] if n != key}
            conn.execute(table.update().where(key_col == bindparam("_key")).values(values), params)
        stats.inserted[table.name] += len(new)
        stats.updated[table.name] += len(changed)
        stats.unchanged[table.name] += len(chunk) - len(new) - len(changed)
    return inserted, updated


def _write_attributes(conn: Connection, products: Sequence[dict[str, Any]]) -> None:
    """Replace the attribute rows of products that were inserted or changed."""
    table = schema.product_attributes
    for chunk in _chunks(products):
        conn.execute(table.delete().where(table.c.product_id.in_([p["id"] for p in chunk])))
        rows = [row for p in chunk for row in attribute_rows(p["id"], p["attributes"])]
        if rows:
            conn.execute(table.insert(), rows)


def _write_price_points(
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
    for chunk in _chunks(rows):
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


def _write_offers(
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
    rows = [{**_hashed(offer_row(pid, offer)), "updated_at": at} for pid, offer, at in fresh]
    _upsert(conn, schema.offers, "product_id", rows, stats)
    observed = [(row, at) for row, (_pid, _offer, at) in zip(rows, fresh, strict=True)]
    for chunk in _chunks(observed):
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
    for chunk in _chunks(sorted(set(product_ids))):
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


def refresh_ratings(conn: Connection, product_ids: Iterable[str]) -> None:
    """Recompute ``rating_avg``/``rating_count`` from rated reviews, else the declared ones."""
    reviews, products = schema.reviews, schema.products
    for chunk in _chunks(sorted(product_ids)):
        from_reviews = {
            pid: (float(avg), int(count))
            for pid, avg, count in conn.execute(
                select(
                    reviews.c.product_id, func.avg(reviews.c.rating), func.count(reviews.c.rating)
                )
                .where(reviews.c.product_id.in_(chunk), reviews.c.rating.is_not(None))
                .group_by(reviews.c.product_id)
            )
        }
        current = conn.execute(
            select(
                products.c.id,
                products.c.declared_rating,
                products.c.declared_rating_count,
                products.c.rating_avg,
                products.c.rating_count,
            ).where(products.c.id.in_(chunk))
        )
        updates = []
        for pid, declared, declared_count, avg, count in current:
            new_avg, new_count = from_reviews.get(pid, (declared, declared_count or 0))
            new_avg = None if new_avg is None else round(new_avg, 3)
            if (new_avg, new_count) != (avg, count):
                updates.append({"_id": pid, "rating_avg": new_avg, "rating_count": new_count})
        if updates:
            conn.execute(
                products.update()
                .where(products.c.id == bindparam("_id"))
                .values(rating_avg=bindparam("rating_avg"), rating_count=bindparam("rating_count")),
                updates,
            )


def bump_generation(conn: Connection) -> str:
    """Give the catalog a new ``catalog_generation``, telling search indexes they are stale.

    A fresh random token rather than a counter: two ingests committing at once can never
    hand out the same value, so no index mistakes one change for the other.
    """
    meta = schema.store_meta
    token = uuid.uuid4().hex
    where = meta.c.key == "catalog_generation"
    if conn.execute(meta.update().where(where).values(value=token)).rowcount == 0:
        conn.execute(meta.insert().values(key="catalog_generation", value=token))
    return token
