"""``INSERT ... ON CONFLICT`` on either backend: the race-free way to write a keyed row.

SQLite and PostgreSQL spell it alike, but SQLAlchemy builds it per dialect. A savepoint
around a plain INSERT is no substitute: under Python 3.11's sqlite3 driver a released
savepoint outlives the rollback of the transaction around it.
"""

from __future__ import annotations

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def upsert_insert(connection: Connection, table: Table) -> postgresql.Insert | sqlite.Insert:
    """An INSERT into ``table`` with ``on_conflict_do_nothing``/``_do_update`` for this backend."""
    if connection.dialect.name == "postgresql":
        return postgresql.insert(table)
    if connection.dialect.name == "sqlite":
        return sqlite.insert(table)
    name = connection.dialect.name
    raise NotImplementedError(f"the store runs on SQLite or PostgreSQL, not {name}")
