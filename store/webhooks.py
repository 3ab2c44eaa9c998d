"""Sending webhooks: the outbox's due deliveries, signed, retried with backoff.

A notification and its delivery row commit together; sending happens after, so a crash
between the two loses nothing and a receiver may see a delivery twice (never none): it
dedupes on the ``X-Shopgraph-Delivery`` header. A delivery is claimed by bumping its
``attempts`` (compare-and-set), so two workers never send the same attempt.

Before each attempt the host is resolved and refused, for good, when any of its addresses
is internal (``store.webhook_hosts``; ``SHOPGRAPH_WEBHOOK_ALLOW_PRIVATE`` allows them).
The request then goes to that checked address, never to a second DNS answer (rebinding):
the URL's host is swapped for the address, while the ``Host`` header and the TLS server
name (the certificate is verified against it) stay the name's. Hence also: no proxy from
the environment (our client has ``trust_env=False``: a proxy would connect on its own),
no redirects followed, and ``Connection: close`` (a connection pooled by address must not
carry another name's request over a TLS session made for the first). Left open: only the
first resolved address is tried, and a caller's ``client`` that tunnels https through a
proxy presents the address, not the name, as TLS server name (httpcore's tunnel ignores
``sni_hostname``), so such deliveries fail verification rather than go astray.
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
from store.webhook_hosts import PrivateAddressError, private_allowed, resolve_checked

MAX_ATTEMPTS = 8
BACKOFF_CAP = dt.timedelta(minutes=1)
LEASE = dt.timedelta(minutes=2)
"""A claimed delivery is not picked up again for this long (its sender may have died)."""
TIMEOUT_S = 10.0
DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass
class DeliveryReport:
    """What one pass over the outbox did."""

    delivered: int = 0
    failed: int = 0
    """Attempts that failed; each is retried later unless it was the last."""
    gave_up: int = 0
    """Of the failed, those that will not be retried (the last attempt, no webhook, or a
    host that resolves to an internal address)."""


@dataclass(frozen=True)
class Failed:
    """Why an attempt failed, and whether that is final (retrying cannot help)."""

    reason: str
    final: bool = False


def sign(body: bytes, secret: str) -> str:
    """The ``X-Shopgraph-Signature`` value: ``sha256=`` and the HMAC of the body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def backoff(attempts: int) -> dt.timedelta:
    """How long to wait after the ``attempts``-th failure: 1 s, 2 s, 4 s... at most a minute."""
    return min(dt.timedelta(seconds=2 ** max(attempts - 1, 0)), BACKOFF_CAP)


def deliver_webhooks(
    engine: Engine,
    *,
    now: dt.datetime,
    client: httpx.Client | None = None,
    limit: int = 100,
    allow_private: bool | None = None,
) -> DeliveryReport:
    """Send the deliveries that are due at ``now``; failures are rescheduled with backoff.

    ``allow_private`` (default: the ``SHOPGRAPH_WEBHOOK_ALLOW_PRIVATE`` setting) lets
    deliveries reach internal addresses. Blocking (DNS, HTTP): from async code, run it in
    a thread.
    """
    report = DeliveryReport()
    allowed = private_allowed(allow_private)
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
    opened = nullcontext(client) if client else httpx.Client(timeout=TIMEOUT_S, trust_env=False)
    with opened as http:
        for row in rows:
            if _claim(engine, row, now):
                _record(engine, row, _send(http, row, allowed), now, report)
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


def _send(http: httpx.Client, row: dict[str, Any], allow_private: bool) -> Failed | None:
    """POST the notification to its host's checked address; None on a 2xx answer."""
    if row["secret"] is None:
        return Failed("the account has no webhook any more", final=True)
    try:
        url = httpx.URL(row["url"])
        host = url.raw_host.decode("ascii")
        port = url.port or DEFAULT_PORTS[url.scheme]
        address = resolve_checked(host, port, allow_private=allow_private)
    except (PrivateAddressError, httpx.InvalidURL) as exc:
        return Failed(str(exc)[:500], final=True)
    except OSError as exc:  # DNS did not answer (now): retried
        return Failed(f"could not resolve the host: {exc}"[:500])
    data = _body(row)
    headers = {
        "Content-Type": "application/json",
        "X-Shopgraph-Signature": sign(data, row["secret"]),
        "X-Shopgraph-Delivery": row["id"],
        "Host": url.netloc.decode("ascii"),
        "Connection": "close",
    }
    try:
        response = http.post(
            url.copy_with(host=address),
            content=data,
            headers=headers,
            extensions={"sni_hostname": host},
            follow_redirects=False,
        )
    except httpx.HTTPError as exc:
        return Failed(f"{type(exc).__name__}: {exc}"[:500])
    return None if response.is_success else Failed(f"HTTP {response.status_code}")


def _body(row: dict[str, Any]) -> bytes:
    """The notification as sent: compact JSON with sorted keys (what is signed)."""
    body = {
        "id": row["notification_id"],
        "alert_id": row["alert_id"],
        "kind": row["kind"],
        "created_at": utc_json(row["created_at"]),
        "payload": row["payload"],
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def _record(
    engine: Engine,
    row: dict[str, Any],
    failed: Failed | None,
    now: dt.datetime,
    report: DeliveryReport,
) -> None:
    if failed is None:
        values: dict[str, Any] = {"delivered_at": now, "next_attempt_at": None, "last_error": None}
        report.delivered += 1
    elif failed.final or row["attempts"] >= MAX_ATTEMPTS:
        values = {"next_attempt_at": None, "last_error": failed.reason}
        report.failed += 1
        report.gave_up += 1
    else:
        values = {"next_attempt_at": now + backoff(row["attempts"]), "last_error": failed.reason}
        report.failed += 1
    with engine.begin() as conn:
        conn.execute(
            update(webhook_deliveries).where(webhook_deliveries.c.id == row["id"]).values(values)
        )
