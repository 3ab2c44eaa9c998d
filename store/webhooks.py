"""Sending webhooks: the outbox's due deliveries, signed, retried with backoff.

A notification and its delivery row commit together; sending happens after, so a crash
between the two loses nothing and a receiver may see a delivery twice (never none): it
dedupes on the ``X-Shopgraph-Delivery`` header. A delivery is claimed by bumping its
``attempts`` (compare-and-set), so two workers never send the same attempt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import Engine, select, update

from store.alert_views import utc_json
from store.alerts_schema import notifications, webhook_deliveries, webhooks

MAX_ATTEMPTS = 8
BACKOFF_CAP = dt.timedelta(minutes=1)
LEASE = dt.timedelta(minutes=2)
"""A claimed delivery is not picked up again for this long (its sender may have died)."""
TIMEOUT_S = 10.0


@dataclass
class DeliveryReport:
    """What one pass over the outbox did."""

    delivered: int = 0
    failed: int = 0
    """Attempts that failed; each is retried later unless it was the last."""
    gave_up: int = 0
    """Of the failed, those that will not be retried (the last attempt, no webhook)."""


def sign(body: bytes, secret: str) -> str:
    """The ``X-Shopgraph-Signature`` value: ``sha256=`` and the HMAC of the body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def backoff(attempts: int) -> dt.timedelta:
    """How long to wait after the ``attempts``-th failure: 1 s, 2 s, 4 s... at most a minute."""
    return min(dt.timedelta(seconds=2 ** max(attempts - 1, 0)), BACKOFF_CAP)


def deliver_webhooks(
    engine: Engine, *, now: dt.datetime, client: httpx.Client | None = None, limit: int = 100
) -> DeliveryReport:
    """Send the deliveries that are due at ``now``; failures are rescheduled with backoff."""
    report = DeliveryReport()
    deliveries, notes = webhook_deliveries, notifications
    due = (
        select(
            *deliveries.c["id", "notification_id", "url", "attempts"],
            *notes.c["alert_id", "kind", "payload", "created_at"],
            webhooks.c.secret,
        )
        .join(notes, notes.c.id == deliveries.c.notification_id)
        .outerjoin(webhooks, webhooks.c.account_id == notes.c.account_id)
        .where(deliveries.c.delivered_at.is_(None), deliveries.c.next_attempt_at <= now)
        .order_by(deliveries.c.next_attempt_at, deliveries.c.id)
        .limit(limit)
    )
    with engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(due)]
    opened = nullcontext(client) if client else httpx.Client(timeout=TIMEOUT_S)
    with opened as http:
        for row in rows:
            if _claim(engine, row, now):
                _record(engine, row, _send(http, row), now, report)
    return report


def _claim(engine: Engine, row: dict[str, Any], now: dt.datetime) -> bool:
    deliveries = webhook_deliveries
    with engine.begin() as conn:
        claimed = conn.execute(
            update(deliveries)
            .where(
                deliveries.c.id == row["id"],
                deliveries.c.attempts == row["attempts"],
                deliveries.c.delivered_at.is_(None),
            )
            .values(attempts=row["attempts"] + 1, next_attempt_at=now + LEASE)
        )
    row["attempts"] += 1
    return claimed.rowcount == 1


def _send(http: httpx.Client, row: dict[str, Any]) -> str | None:
    """POST the notification; None on a 2xx answer, else what went wrong."""
    if row["secret"] is None:
        return "the account has no webhook any more"
    body = {
        "id": row["notification_id"],
        "alert_id": row["alert_id"],
        "kind": row["kind"],
        "created_at": utc_json(row["created_at"]),
        "payload": row["payload"],
    }
    data = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json",
        "X-Shopgraph-Signature": sign(data, row["secret"]),
        "X-Shopgraph-Delivery": row["id"],
    }
    try:
        response = http.post(row["url"], content=data, headers=headers)
    except httpx.HTTPError as exc:
        return f"{type(exc).__name__}: {exc}"[:500]
    return None if response.is_success else f"HTTP {response.status_code}"


def _record(
    engine: Engine, row: dict[str, Any], error: str | None, now: dt.datetime, report: DeliveryReport
) -> None:
    if error is None:
        values: dict[str, Any] = {"delivered_at": now, "next_attempt_at": None, "last_error": None}
        report.delivered += 1
    elif row["attempts"] >= MAX_ATTEMPTS or row["secret"] is None:
        values = {"next_attempt_at": None, "last_error": error}
        report.failed += 1
        report.gave_up += 1
    else:
        values = {"next_attempt_at": now + backoff(row["attempts"]), "last_error": error}
        report.failed += 1
    with engine.begin() as conn:
        conn.execute(
            update(webhook_deliveries).where(webhook_deliveries.c.id == row["id"]).values(values)
        )
