"""Accounts and what belongs to them: threads, demo sessions, feedback.

``AccountStore`` is the one object the API and the command line use. Every method is
synchronous (the API calls them with ``asyncio.to_thread``). API keys and session tokens
are returned once and stored only as sha256 digests.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine, Select, insert, select
from sqlalchemy.exc import IntegrityError

from memory import credentials
from memory.account_rules import DEMO_NAME, check_account_name
from memory.account_views import (
    Account,
    AccountError,
    AccountExistsError,
    FeedbackRecord,
    Rating,
    ThreadOwnedError,
    ThreadRecord,
)
from memory.browser_sessions import BrowserSessions
from memory.feedback_log import FeedbackLog
from memory.schema import Clock, account_metadata, accounts, utc_now
from memory.thread_ledger import ThreadLedger

__all__ = [
    "Account",
    "AccountError",
    "AccountExistsError",
    "AccountStore",
    "FeedbackRecord",
    "ThreadOwnedError",
    "ThreadRecord",
]


class AccountStore:
    """Accounts, their threads, demo sessions and feedback; safe to share between threads."""

    def __init__(self, engine: Engine, *, clock: Clock = utc_now) -> None:
        self.engine = engine
        self.clock = clock
        account_metadata.create_all(engine)
        self._sessions = BrowserSessions(engine, clock)
        self._threads = ThreadLedger(engine, clock)
        self._feedback = FeedbackLog(engine, clock)

    def create(self, name: str) -> tuple[Account, str]:
        """A new account and its API key: the key is returned here and never again."""
        key = credentials.new_api_key()
        account = self._insert_account(check_account_name(name), credentials.secret_hash(key))
        return account, key

    def authenticate(self, key: str) -> Account | None:
        """The account of an API key; ``None`` for an unknown or malformed key."""
        if not credentials.is_api_key(key):
            return None
        key_hash = credentials.secret_hash(key)
        return self._one(select(accounts).where(accounts.c.key_hash == key_hash))

    def demo_account(self) -> Account:
        """The shared demo account, created on first use; it has no API key."""
        by_name = select(accounts).where(accounts.c.name == DEMO_NAME)
        found = self._one(by_name)
        if found is None:
            try:
                return self._insert_account(DEMO_NAME, None, demo=True)
            except AccountExistsError:  # another process created it in between
                found = self._one(by_name)
        if found is None or not found.demo:
            raise AccountError(f"the account named {DEMO_NAME!r} is not the demo account")
        return found

    def list_accounts(self) -> list[Account]:
        """Every account, oldest first."""
        query = select(accounts).order_by(accounts.c.created_at, accounts.c.name)
        with self.engine.connect() as conn:
            return [Account.from_row(row._mapping) for row in conn.execute(query)]

    def open_session(self, account_id: str, ttl: dt.timedelta = dt.timedelta(days=30)) -> str:
        """A new browser session for the account; returns its token, the cookie's value."""
        return self._sessions.open(account_id, ttl)

    def session_account(self, token: str) -> Account | None:
        """The account of a session token; ``None`` when unknown, malformed or expired."""
        return self._sessions.account(token)

    def claim_thread(self, account_id: str, thread_id: str, title: str) -> None:
        """Record a new thread as the account's (again: no-op); ``ThreadOwnedError`` if taken.

        ``title`` is the thread's first message; it is kept on one line, cut to 80 characters.
        """
        self._threads.claim(account_id, thread_id, title)

    def touch_thread(self, thread_id: str) -> None:
        """Mark the thread as just used (its ``updated_at``); unknown threads are ignored."""
        self._threads.touch(thread_id)

    def owns_thread(self, account_id: str, thread_id: str) -> bool:
        """Whether the thread is the account's (``False`` for an unknown thread)."""
        return self._threads.owner(thread_id) == account_id

    def threads(self, account_id: str, limit: int = 50) -> list[ThreadRecord]:
        """The account's threads, the most recently used first."""
        return self._threads.of_account(account_id, limit)

    def add_feedback(
        self,
        account_id: str,
        thread_id: str,
        run_id: str,
        rating: Rating,
        comment: str | None = None,
    ) -> FeedbackRecord:
        """Store a rating of one answer; ``AccountError`` for a bad rating, comment or id."""
        return self._feedback.add(account_id, thread_id, run_id, rating, comment)

    def feedback(
        self, thread_id: str | None = None, account_id: str | None = None
    ) -> list[FeedbackRecord]:
        """Stored ratings, oldest first: all, or those of a thread and/or an account."""
        return self._feedback.find(thread_id, account_id)

    def _insert_account(self, name: str, key_hash: str | None, demo: bool = False) -> Account:
        row = {
            "id": credentials.new_account_id(),
            "name": name,
            "key_hash": key_hash,
            "demo": demo,
            "created_at": self.clock(),
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(accounts).values(row))
        except IntegrityError as exc:
            raise AccountExistsError(f"an account named {name!r} already exists") from exc
        return Account.from_row(row)

    def _one(self, query: Select[Any]) -> Account | None:
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return Account.from_row(row._mapping) if row else None
