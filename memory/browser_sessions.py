"""Browser sessions of the local demo page: a random cookie token, stored as its hash."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, delete, insert, select

from memory import credentials
from memory.account_rules import require_account
from memory.account_views import Account, AccountError
from memory.schema import Clock, accounts, sessions


class BrowserSessions:
    """The ``sessions`` table: which account a browser's cookie signs in, until when."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock

    def open(self, account_id: str, ttl: dt.timedelta) -> str:
        """A new session for the account; returns its token, the cookie's value."""
        if ttl <= dt.timedelta(0):
            raise AccountError(f"a session's ttl must be positive (got {ttl})")
        token, now = credentials.new_session_token(), self.clock()
        row = {
            "token_hash": credentials.secret_hash(token),
            "account_id": account_id,
            "created_at": now,
            "expires_at": now + ttl,
        }
        with self.engine.begin() as conn:
            require_account(conn, account_id)
            # Expired sessions are useless; dropping them here keeps the table small.
            conn.execute(delete(sessions).where(sessions.c.expires_at <= now))
            conn.execute(insert(sessions).values(row))
        return token

    def account(self, token: str) -> Account | None:
        """The account a token signs in; ``None`` when unknown, malformed or expired."""
        if not credentials.is_session_token(token):
            return None
        query = (
            select(accounts)
            .join(sessions, sessions.c.account_id == accounts.c.id)
            .where(sessions.c.token_hash == credentials.secret_hash(token))
            .where(sessions.c.expires_at > self.clock())
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return Account.from_row(row._mapping) if row else None
