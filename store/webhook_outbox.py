"""An account's webhook (URL and signing secret) and the outbox rows queued for it.

A delivery row is written in the transaction that writes its notification, so the two
commit together; ``store.webhooks`` sends them.
"""

from __future__ import annotations

import datetime as dt
import secrets
from urllib.parse import urlsplit

from sqlalchemy import Connection, insert, select, update

from store.alert_views import WebhookError
from store.alerts_schema import webhook_deliveries, webhooks


def check_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL; ``WebhookError`` otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or not url.isprintable():
        raise WebhookError(f"a webhook URL must be http:// or https:// with a host: {url!r}")
    return url.strip()


def check_secret(secret: str | None) -> str:
    """``secret`` if it is 16–128 characters long; a fresh one when it is None."""
    if secret is None:
        return new_secret()
    if not 16 <= len(secret) <= 128:
        raise WebhookError("a webhook secret must be 16 to 128 characters long")
    return secret


def new_secret() -> str:
    """A fresh signing secret."""
    return "whsec_" + secrets.token_hex(24)


def save_webhook(
    conn: Connection, account_id: str, url: str, secret: str, now: dt.datetime
) -> None:
    """Set (or replace) the account's webhook."""
    values = {"url": url, "secret": secret, "updated_at": now}
    done = conn.execute(update(webhooks).where(webhooks.c.account_id == account_id).values(values))
    if done.rowcount == 0:
        conn.execute(insert(webhooks).values(account_id=account_id, **values))


def enqueue_delivery(
    conn: Connection, account_id: str, notification_id: str, now: dt.datetime
) -> bool:
    """Queue the notification for the account's webhook; False when it has none."""
    url = conn.execute(select(webhooks.c.url).where(webhooks.c.account_id == account_id)).scalar()
    if url is None:
        return False
    row = {"id": "whd_" + secrets.token_hex(8), "notification_id": notification_id, "url": url}
    conn.execute(insert(webhook_deliveries).values(**row, attempts=0, next_attempt_at=now))
    return True
