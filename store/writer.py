"""Writing validated records into the store, inside the caller's transaction.

Products first (with their attribute rows), then price history and offers, reviews and
questions; then ratings are recomputed and, if any product changed, the catalog gets a new
generation so that the search indexes know to catch up.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, func, select

from store import schema
from store.prices import write_offers, write_price_points
from store.records import (
    OfferRecord,
    PricePointRecord,
    ProductRecord,
    QuestionRecord,
    Record,
    ReviewRecord,
)
from store.rows import attribute_rows, product_row, question_row, review_row, utc_naive
from store.upsert import WriteStats, chunks, hashed, upsert, with_meta

Tick = Callable[[int], None]
"""Told how many records were just written."""


def write_records(
    conn: Connection, records: Sequence[Record], *, now: dt.datetime, progress: Tick | None
) -> WriteStats:
    """Write ``records`` (already validated and cross-checked) in dependency order."""
    stats = WriteStats()
    tick = progress or (lambda _n: None)
    now = utc_naive(now)
    products = [r for r in records if isinstance(r, ProductRecord)]
    rows = [with_meta(product_row(p), now) for p in products]
    new_products, changed_products = upsert(conn, schema.products, "id", rows, stats)
    _write_attributes(conn, [r for r in rows if r["id"] in new_products | changed_products])
    tick(len(products))
    points = [r for r in records if isinstance(r, PricePointRecord)]
    write_price_points(conn, points, new_products, stats)
    tick(len(points))
    standalone = [o for o in records if isinstance(o, OfferRecord)]
    offers = [(p.id, p.offer, now) for p in products if p.offer is not None]
    offers += [(o.product_id, o, utc_naive(o.as_of) if o.as_of else now) for o in standalone]
    write_offers(conn, offers, stats)
    tick(len(standalone))
    reviews = [review_row(r) for r in records if isinstance(r, ReviewRecord)]
    upsert(conn, schema.reviews, "id", [hashed(r) for r in reviews], stats)
    tick(len(reviews))
    questions = [question_row(q) for q in records if isinstance(q, QuestionRecord)]
    upsert(conn, schema.questions, "id", [hashed(q) for q in questions], stats)
    tick(len(questions))
    touched = {p.id for p in products} | {str(r["product_id"]) for r in reviews}
    refresh_ratings(conn, touched)
    if stats.inserted["products"] or stats.updated["products"]:
        bump_generation(conn)
    return stats


def _write_attributes(conn: Connection, products: Sequence[dict[str, Any]]) -> None:
    """Replace the attribute rows of products that were inserted or changed."""
    table = schema.product_attributes
    for chunk in chunks(products):
        conn.execute(table.delete().where(table.c.product_id.in_([p["id"] for p in chunk])))
        rows = [row for p in chunk for row in attribute_rows(p["id"], p["attributes"])]
        if rows:
            conn.execute(table.insert(), rows)


def refresh_ratings(conn: Connection, product_ids: Iterable[str]) -> None:
    """Recompute ``rating_avg``/``rating_count`` from rated reviews, else the declared ones."""
    reviews, products = schema.reviews, schema.products
    for chunk in chunks(sorted(product_ids)):
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
