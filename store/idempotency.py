"""Idempotency keys: a retried request gets the first one's response instead of running again.

A request claims its key before it runs (``reserve``) and stores its response after
(``save``); a request that fails gives the key back (``release``), so a retry runs afresh.
Keys belong to an account; the request hash ties a key to one request body.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlalchemy import Engine, delete, select

from store.catalog import Clock, utc_now
from store.commerce_schema import commerce_metadata, idempotency_keys
from store.conflicts import upsert_insert


class IdempotencyConflictError(ValueError):
    """The key was used before with another request."""


class IdempotencyInProgressError(RuntimeError):
    """The first request with this key is still running."""


class StoredResponse(BaseModel):
    """The response a retry gets."""

    status_code: int
    response: Any


class IdempotencyKeys:
    """Idempotency keys and their stored responses; safe to share between threads."""

    def __init__(self, engine: Engine, *, clock: Clock = utc_now) -> None:
        self.engine = engine
        self.clock = clock
        commerce_metadata.create_all(engine)

    def replay(self, account_id: str, key: str, request_hash: str) -> StoredResponse | None:
        """The stored response of an earlier request with ``key``; ``None`` when there is none.

        Raises ``IdempotencyConflictError`` when the key came with another request, and
        ``IdempotencyInProgressError`` while the first request has not finished.
        """
        table = idempotency_keys
        query = select(table).where(table.c.account_id == account_id, table.c.key == key)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        if row.request_hash != request_hash:
            raise IdempotencyConflictError(
                "this Idempotency-Key was used with another request; use a new key"
            )
        if row.status_code is None:
            raise IdempotencyInProgressError("a request with this Idempotency-Key is running")
        return StoredResponse(status_code=row.status_code, response=row.response)

    def reserve(self, account_id: str, key: str, request_hash: str) -> bool:
        """Claim ``key`` for a request about to run; ``False`` if another request has it."""
        row = {
            "account_id": account_id,
            "key": key,
            "request_hash": request_hash,
            "created_at": self.clock(),
        }
        with self.engine.begin() as conn:
            claim = upsert_insert(conn, idempotency_keys).values(row)
            claimed = claim.on_conflict_do_nothing().returning(idempotency_keys.c.key)
            return conn.execute(claimed).first() is not None

    def save(
        self, account_id: str, key: str, request_hash: str, status_code: int, response: Any
    ) -> None:
        """Store the response of the request that used ``key`` (reserved or not)."""
        row = {
            "account_id": account_id,
            "key": key,
            "request_hash": request_hash,
            "status_code": status_code,
            "response": response,
            "created_at": self.clock(),
        }
        with self.engine.begin() as conn:
            insert = upsert_insert(conn, idempotency_keys).values(row)
            done = {"status_code": status_code, "response": response}
            conn.execute(
                insert.on_conflict_do_update(
                    index_elements=["account_id", "key"],
                    set_=done,
                    where=idempotency_keys.c.request_hash == request_hash,
                )
            )

    def release(self, account_id: str, key: str) -> None:
        """Give back a reserved key whose request failed: a retry with it runs again."""
        table = idempotency_keys
        pending = table.c.status_code.is_(None)
        with self.engine.begin() as conn:
            conn.execute(
                delete(table).where(table.c.account_id == account_id, table.c.key == key, pending)
            )
