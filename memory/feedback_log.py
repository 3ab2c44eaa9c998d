"""Shoppers' ratings of answers, kept for the eval suites."""

from __future__ import annotations

from sqlalchemy import Engine, insert, select

from memory.account_rules import check_id, check_rating, feedback_comment, require_account
from memory.account_views import FeedbackRecord
from memory.schema import Clock, feedback


class FeedbackLog:
    """The ``feedback`` table: one row per rating, never changed afterwards."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock

    def add(
        self, account_id: str, thread_id: str, run_id: str, rating: str, comment: str | None
    ) -> FeedbackRecord:
        """Store one rating; ``AccountError`` for a bad rating, id or comment."""
        row = {
            "account_id": account_id,
            "thread_id": check_id("thread id", thread_id),
            "run_id": check_id("run id", run_id),
            "rating": check_rating(rating),
            "comment": feedback_comment(comment),
            "created_at": self.clock(),
        }
        with self.engine.begin() as conn:
            require_account(conn, account_id)
            new_id = conn.execute(
                insert(feedback).values(row).returning(feedback.c.id)
            ).scalar_one()
        return FeedbackRecord.model_validate({"id": new_id, **row})

    def find(self, thread_id: str | None, account_id: str | None) -> list[FeedbackRecord]:
        """Stored ratings, oldest first: all, or those of a thread and/or an account."""
        query = select(feedback).order_by(feedback.c.id)
        if thread_id is not None:
            query = query.where(feedback.c.thread_id == thread_id)
        if account_id is not None:
            query = query.where(feedback.c.account_id == account_id)
        with self.engine.connect() as conn:
            return [FeedbackRecord.model_validate(dict(r._mapping)) for r in conn.execute(query)]
