"""Opening the database: one engine per process, SQLite or PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from store.config import StoreSettings
from store.schema import metadata


def open_engine(settings: StoreSettings) -> Engine:
    """Create the engine for ``settings`` and make sure the tables exist."""
    url = make_url(settings.resolved_database_url)
    if url.get_backend_name() == "sqlite":
        settings.home.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    metadata.create_all(engine)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers (the API, search) go on while an ingest writes; foreign keys are off
    # by default in SQLite and the schema relies on them.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
