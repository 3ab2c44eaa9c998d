"""Change-aware writes: insert what is new, update what changed, count the rest.

Every row carries a content hash; comparing hashes is what makes loading the same feed
twice a no-op.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, bindparam, select

from store.rows import content_hash

CHUNK = 500
"""Rows per statement: well under SQLite's and PostgreSQL's parameter limits."""


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


def hashed(row: dict[str, Any]) -> dict[str, Any]:
    """The row with its ``content_hash``."""
    return {**row, "content_hash": content_hash(row)}


def with_meta(row: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    """The row with its ``content_hash`` and ``updated_at``."""
    return {**hashed(row), "updated_at": now}


def chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    """``items`` in slices of ``CHUNK``."""
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def upsert(
    conn: Connection, table: Table, key: str, rows: Sequence[dict[str, Any]], stats: WriteStats
) -> tuple[set[str], set[str]]:
    """Insert new rows, update rows whose content hash changed.

    Returns:
        The keys inserted and the keys updated.
    """
    key_col = table.c[key]
    inserted: set[str] = set()
    updated: set[str] = set()
    for chunk in chunks(rows):
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
