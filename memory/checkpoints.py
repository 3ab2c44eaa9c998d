"""Checkpointers for conversation threads, and the store for accounts' memories.

SQLite beside the catalog's store, or PostgreSQL.

The thread store follows the catalog's database: with ``SHOPGRAPH_DATABASE_URL`` set to
PostgreSQL, threads live in the same database (tables ``checkpoint*``); otherwise in
``HOME/threads.sqlite``. LangGraph's own server (``langgraph dev``) brings its own.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver
from langgraph.store.base import BaseStore
from langgraph.store.postgres.aio import AsyncPostgresStore
from langgraph.store.sqlite.aio import AsyncSqliteStore

from store.config import StoreSettings


def postgres_conninfo(sqlalchemy_url: str) -> str:
    """The psycopg connection string for the store's SQLAlchemy PostgreSQL URL."""
    return "postgresql://" + sqlalchemy_url.split("://", 1)[1]


@asynccontextmanager
async def open_checkpointer(
    settings: StoreSettings | None = None,
) -> AsyncIterator[BaseCheckpointSaver[str]]:
    """A ready checkpointer (tables created) for the configured database."""
    settings = settings or StoreSettings()
    url = settings.resolved_database_url
    if url.startswith("postgresql"):
        async with AsyncPostgresSaver.from_conn_string(postgres_conninfo(url)) as saver:
            await saver.setup()
            yield saver
        return
    settings.home.mkdir(parents=True, exist_ok=True)
    async with AsyncSqliteSaver.from_conn_string(str(settings.home / "threads.sqlite")) as saver:
        await saver.setup()
        yield saver


async def thread_exists(checkpointer: BaseCheckpointSaver[str], thread_id: str) -> bool:
    """Whether ``thread_id`` has any saved state."""
    found = await checkpointer.aget_tuple({"configurable": {"thread_id": thread_id}})
    return found is not None


@asynccontextmanager
async def open_memory_store(settings: StoreSettings | None = None) -> AsyncIterator[BaseStore]:
    """LangGraph's store for accounts' memories (tables created), in the threads' database.

    PostgreSQL when the catalog is there; else ``HOME/memory.sqlite``.
    """
    settings = settings or StoreSettings()
    url = settings.resolved_database_url
    if url.startswith("postgresql"):
        async with AsyncPostgresStore.from_conn_string(postgres_conninfo(url)) as pg_store:
            await pg_store.setup()
            yield pg_store
        return
    settings.home.mkdir(parents=True, exist_ok=True)
    path = str(settings.home / "memory.sqlite")
    async with AsyncSqliteStore.from_conn_string(path) as sqlite_store:
        await sqlite_store.setup()
        yield sqlite_store
