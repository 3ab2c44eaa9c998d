"""Which account owns each conversation thread (the checkpointer holds the content)."""

from __future__ import annotations

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from memory.account_rules import check_id, require_account, thread_title
from memory.account_views import AccountError, ThreadOwnedError, ThreadRecord
from memory.schema import Clock, threads


class ThreadLedger:
    """The ``threads`` table: ownership, titles and last use of conversation threads."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock

    def claim(self, account_id: str, thread_id: str, message: str) -> None:
        """Record a new thread as the account's; ``ThreadOwnedError`` if another holds it."""
        now = self.clock()
        row = {
            "thread_id": check_id("thread id", thread_id),
            "account_id": account_id,
            "title": thread_title(message),
            "created_at": now,
            "updated_at": now,
        }
        try:
            with self.engine.begin() as conn:
                require_account(conn, account_id)
                conn.execute(insert(threads).values(row))
        except IntegrityError:
            # The thread exists: claiming it again is fine for its owner only. Reading the
            # owner after a failed insert (not before) also settles two racing claims.
            owner = self.owner(thread_id)
            if owner is None:
                raise
            if owner != account_id:
                raise ThreadOwnedError(f"thread {thread_id!r} belongs to another account") from None

    def touch(self, thread_id: str) -> None:
        """Mark the thread as just used; an unknown thread is ignored."""
        query = update(threads).where(threads.c.thread_id == thread_id)
        with self.engine.begin() as conn:
            conn.execute(query.values(updated_at=self.clock()))

    def owner(self, thread_id: str) -> str | None:
        """The id of the account that owns the thread; ``None`` for an unknown thread."""
        query = select(threads.c.account_id).where(threads.c.thread_id == thread_id)
        with self.engine.connect() as conn:
            owner = conn.execute(query).scalar()
        return str(owner) if owner is not None else None

    def of_account(self, account_id: str, limit: int) -> list[ThreadRecord]:
        """The account's threads, the most recently used first."""
        if limit < 1:
            raise AccountError(f"limit must be at least 1 (got {limit})")
        c = threads.c
        query = (
            select(c.thread_id, c.title, c.created_at, c.updated_at)
            .where(c.account_id == account_id)
            .order_by(c.updated_at.desc(), c.created_at.desc(), c.thread_id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [ThreadRecord.model_validate(dict(row._mapping)) for row in conn.execute(query)]
