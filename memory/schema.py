"""Account tables (SQLAlchemy Core), identical on SQLite and PostgreSQL.

They live in the catalog's database but on their own ``account_metadata``, so the store
knows nothing of accounts. Secrets (API keys, session tokens) are never stored: only their
sha256 hex digests. Timestamps are naive UTC, as in ``store.schema``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import (
    Boolean,
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

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The current time as naive UTC, the tables' convention."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


account_metadata = MetaData()

ACCOUNT_ID = String(32)
THREAD_ID = String(128)
DIGEST = String(64)

accounts = Table(
    "accounts",
    account_metadata,
    Column("id", ACCOUNT_ID, primary_key=True, doc="'acct_' and 16 hex characters."),
    Column("name", String(64), nullable=False, unique=True),
    Column("key_hash", DIGEST, unique=True, doc="sha256 of the API key; NULL for the demo."),
    Column("demo", Boolean, nullable=False, default=False),
    Column("created_at", DateTime, nullable=False),
)

sessions = Table(
    "sessions",
    account_metadata,
    Column("token_hash", DIGEST, primary_key=True, doc="sha256 of the browser's cookie."),
    Column("account_id", ACCOUNT_ID, ForeignKey("accounts.id"), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
)
"""Browser sessions of the local demo page."""
Index("ix_sessions_expires_at", sessions.c.expires_at)

threads = Table(
    "threads",
    account_metadata,
    Column("thread_id", THREAD_ID, primary_key=True),
    Column("account_id", ACCOUNT_ID, ForeignKey("accounts.id"), nullable=False),
    Column("title", Text, nullable=False, doc="The first message, cut to 80 characters."),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)
"""Which account owns each conversation thread (the checkpointer holds its content)."""
Index("ix_threads_account", threads.c.account_id, threads.c.updated_at)

feedback = Table(
    "feedback",
    account_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", ACCOUNT_ID, ForeignKey("accounts.id"), nullable=False),
    Column("thread_id", THREAD_ID, nullable=False),
    Column("run_id", String(128), nullable=False),
    Column("rating", String(4), nullable=False, doc="'up' or 'down'."),
    Column("comment", Text, doc="At most 2000 characters."),
    Column("created_at", DateTime, nullable=False),
)
"""Shoppers' ratings of answers, read by the eval suites."""
Index("ix_feedback_thread", feedback.c.thread_id)
Index("ix_feedback_account", feedback.c.account_id)
