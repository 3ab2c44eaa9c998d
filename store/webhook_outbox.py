"""An account's webhook (URL and signing secret) and the outbox rows queued for it.

A delivery row is written in the transaction that writes its notification, so the two
commit together; ``store.webhooks`` sends them.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import NamedTuple
from urllib.parse import SplitResult, urlsplit

from sqlalchemy import Connection, delete, insert, select, update

from store.alert_views import WebhookError
from store.alerts_schema import notifications, webhook_deliveries, webhooks
from store.webhook_hosts import check_host, private_allowed


def check_url(url: str, *, allow_private: bool | None = None) -> str:
    """``url``, stripped, if it is an absolute http(s) URL; ``WebhookError`` otherwise.

    Its host must not be ``localhost`` or an internal address literal unless private
    targets are allowed (``allow_private``, else ``SHOPGRAPH_WEBHOOK_ALLOW_PRIVATE``): see
    ``store.webhook_hosts``. Names are not resolved here; each delivery checks them.
    """
    parts = _split(url.strip())
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or not url.isprintable()
        or any(char.isspace() for char in url.strip())
    ):
        raise WebhookError(f"a webhook URL must be http:// or https:// with a host: {url!r}")
    check_host(parts.hostname, allow_private=private_allowed(allow_private))
    return url.strip()


def _split(url: str) -> SplitResult | None:
    """The URL's parts; None when it can't be read (a broken IPv6 host, a bad port)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (reading it checks the port)
    except ValueError:
        return None
    return parts


def check_secret(secret: str | None) -> str:
    """``secret`` if it is 16–128 printable characters; a fresh one when it is None."""
    if secret is None:
        return new_secret()
    if not 16 <= len(secret) <= 128 or not secret.isprintable():
        raise WebhookError("a webhook secret must be 16 to 128 printable characters long")
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


class WebhookTarget(NamedTuple):
    """An account's webhook as it may be shown: never its secret."""

    url: str
    updated_at: dt.datetime


def find_webhook(conn: Connection, account_id: str) -> WebhookTarget | None:
    """The account's webhook, if it has one."""
    query = select(webhooks.c.url, webhooks.c.updated_at).where(webhooks.c.account_id == account_id)
    row = conn.execute(query).first()
    return None if row is None else WebhookTarget(row.url, row.updated_at)


def delete_webhook(conn: Connection, account_id: str) -> bool:
    """Remove the account's webhook and stop its pending deliveries; False if it had none."""
    done = conn.execute(delete(webhooks).where(webhooks.c.account_id == account_id))
    mine = select(notifications.c.id).where(notifications.c.account_id == account_id)
    conn.execute(
        update(webhook_deliveries)
        .where(
            webhook_deliveries.c.notification_id.in_(mine),
            webhook_deliveries.c.delivered_at.is_(None),
            webhook_deliveries.c.next_attempt_at.is_not(None),
        )
        .values(next_attempt_at=None, last_error="the webhook was removed")
    )
    return done.rowcount > 0


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
