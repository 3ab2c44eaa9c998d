"""One alert's transaction: its row locked and re-read, or left to the worker holding it.

PostgreSQL locks the row with ``SELECT ... FOR UPDATE SKIP LOCKED``: a row another worker
holds reads as absent, and that worker decides it. SQLite has no row locks; ``BEGIN
IMMEDIATE`` takes the database's write lock before the read, so a second worker waits
(up to the busy timeout) and then reads what the first committed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, select

from store.alerts_schema import alerts

BUSY_TIMEOUT_MS = 30_000
"""How long a SQLite worker waits for another's write transaction."""


@contextmanager
def locked_alert(
    engine: Engine, alert_id: str
) -> Iterator[tuple[Connection, Mapping[Any, Any] | None]]:
    """A transaction holding the live alert's row; the row is None when it is not ours.

    Commits when the block ends, rolls back (and re-raises) when it raises.
    """
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        query = select(alerts).where(alerts.c.id == alert_id, alerts.c.deleted_at.is_(None))
        try:
            row = conn.execute(query.with_for_update(skip_locked=True)).first()
            yield conn, row._mapping if row else None
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
