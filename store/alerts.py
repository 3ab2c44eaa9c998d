"""Shoppers' alerts: make, list, delete them, confirm auto-buy, set a webhook; the inbox.

``AlertBook`` is what the API, the tools and the command line use; every method is
synchronous (the API calls them with ``asyncio.to_thread``). ``store.alert_worker`` fires.

A new alert whose condition already holds (a ``price_at_most`` target at or above today's
price, a product already in stock, a deal already running) is accepted but made unarmed,
and its view says ``met_now``: alerts announce changes, so it fires the next time the
condition starts to hold, never at once. Above all this keeps a confirmed auto-buy from
ordering the moment it is confirmed, for a price the shopper is looking at already.

A create may carry a dedupe key (a chat proposal's id, an API ``Idempotency-Key``): the
account's first create with it makes the alert, any later one (a retry after a crash or
a timeout) gets that alert back. The key is kept in ``alert_requests``, written in the
alert's transaction.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from store.alert_conditions import observe
from store.alert_rules import AlertSpec, alert_fields, new_alert_id, storable
from store.alert_views import (
    Alert,
    AlertInputError,
    AutoBuy,
    AutoBuyError,
    UnknownAlertError,
)
from store.alerts_schema import (
    DEDUPE_KEY_LENGTH,
    alert_requests,
    alerts,
    create_alert_tables,
)
from store.catalog import Catalog, Clock
from store.conflicts import upsert_insert
from store.inbox import Inbox
from store.webhook_outbox import check_secret, check_url, save_webhook

MAX_LIVE_ALERTS = 100
"""Per account."""
LIVE = alerts.c.deleted_at.is_(None)


class AlertBook:
    """Alerts, webhooks and (``inbox``) notifications of accounts, in the catalog's database.

    ``engine`` must be the catalog's database (conditions read its offers); the clock
    defaults to the catalog's.
    """

    def __init__(self, engine: Engine, catalog: Catalog, clock: Clock | None = None) -> None:
        self.engine = engine
        self.clock = clock or catalog.clock
        create_alert_tables(engine)
        self.inbox = Inbox(engine, self.clock)

    def create(
        self,
        account_id: str,
        *,
        condition: str,
        product_id: str | None = None,
        category: str | None = None,
        target: float | None = None,
        drop_percent: float | None = None,
        auto_buy: AutoBuy | tuple[int, float | None] | None = None,
        source_thread_id: str | None = None,
        dedupe_key: str | None = None,
        confirmed: bool = False,
    ) -> Alert:
        """A new alert; an ``AlertError`` subclass names what is wrong with the input.

        ``target`` is money (``price_at_most``); ``drop_percent`` 1–90 (``drop_by_percent``,
        from today's price); ``auto_buy`` is (quantity 1–10, spend cap of one order) and acts
        only after ``confirm_auto_buy``, or at once with ``confirmed`` (the chat's "confirm"
        covered it: one transaction, so a crash can't leave it half made).

        ``dedupe_key`` makes a retried request harmless: once the account made an alert
        with it, a create with it returns that alert as it is now (deleted or not), whatever
        the other arguments, and checks, counts and makes nothing, even when two race.
        """
        if dedupe_key is not None and not _usable(dedupe_key):
            raise ValueError(f"a dedupe key is 1 to {DEDUPE_KEY_LENGTH} characters, no NUL")
        buying = AutoBuy(*auto_buy) if auto_buy is not None else None
        spec = AlertSpec(condition, product_id, category, target, drop_percent, buying)
        now = self.clock()
        with self.engine.begin() as conn:
            earlier = _made_by(conn, account_id, dedupe_key)
            if earlier is not None:
                return self._view(conn, earlier)
            alert = _insert(conn, account_id, spec, now, source_thread_id, confirmed)
            if dedupe_key is not None and not _claim(conn, account_id, dedupe_key, alert, now):
                # A create with the same key committed meanwhile: take back ours, give its.
                conn.execute(delete(alerts).where(alerts.c.id == alert.id))
                raced = _made_by(conn, account_id, dedupe_key)
                if raced is None:
                    raise RuntimeError(f"dedupe key {dedupe_key!r} is taken by no alert")
                return self._view(conn, raced)
        return alert

    def list(self, account_id: str) -> builtins.list[Alert]:
        """The account's alerts, oldest first."""
        query = (
            select(alerts)
            .where(alerts.c.account_id == account_id, LIVE)
            .order_by(alerts.c.created_at, alerts.c.id)
        )
        with self.engine.connect() as conn:
            return [self._view(conn, row._mapping) for row in conn.execute(query)]

    def get(self, account_id: str, alert_id: str) -> Alert:
        """One of the account's alerts; ``UnknownAlertError`` for any other id."""
        with self.engine.connect() as conn:
            return self._view(conn, _own(conn, account_id, alert_id))

    def delete(self, account_id: str, alert_id: str) -> None:
        """Delete one of the account's alerts; ``UnknownAlertError`` for any other id."""
        with self.engine.begin() as conn:
            _own(conn, account_id, alert_id)
            done = conn.execute(
                update(alerts).where(alerts.c.id == alert_id, LIVE).values(deleted_at=self.clock())
            )
        if done.rowcount == 0:
            raise UnknownAlertError(f"no alert with id {alert_id!r}")

    def confirm_auto_buy(self, account_id: str, alert_id: str) -> Alert:
        """The shopper's go-ahead: from now on the alert orders (again: a no-op)."""
        with self.engine.begin() as conn:
            row = _own(conn, account_id, alert_id)
            if not row["auto_buy"]:
                raise AutoBuyError(f"alert {alert_id!r} has no auto-buy to confirm")
            conn.execute(
                update(alerts)
                .where(alerts.c.id == alert_id, alerts.c.confirmed_at.is_(None))
                .values(confirmed_at=self.clock())
            )
            return self._view(conn, _own(conn, account_id, alert_id))

    def set_webhook(self, account_id: str, url: str, secret: str | None = None) -> str:
        """Send the account's notifications to ``url`` too; returns the signing secret.

        Without ``secret`` a fresh one is made; the receiver checks each body's signature
        (``X-Shopgraph-Signature``) with it.
        """
        url, secret = check_url(url), check_secret(secret)
        with self.engine.begin() as conn:
            save_webhook(conn, account_id, url, secret, self.clock())
        return secret

    def _view(self, conn: Connection, row: Mapping[Any, Any]) -> Alert:
        return Alert.from_row(row, met_now=observe(conn, row, self.clock()).holds)


def _own(conn: Connection, account_id: str, alert_id: str) -> Mapping[Any, Any]:
    mine = select(alerts).where(alerts.c.id == alert_id, alerts.c.account_id == account_id, LIVE)
    row = conn.execute(mine).first() if storable(alert_id) else None
    if row is None:
        raise UnknownAlertError(f"no alert with id {alert_id!r}")
    return row._mapping


def _insert(
    conn: Connection,
    account_id: str,
    spec: AlertSpec,
    now: dt.datetime,
    source_thread_id: str | None,
    confirmed: bool,
) -> Alert:
    """Check ``spec`` and the account's limit, write the alert; its view."""
    fields = alert_fields(conn, spec, now)
    live = select(func.count()).where(alerts.c.account_id == account_id, LIVE)
    if (conn.execute(live).scalar() or 0) >= MAX_LIVE_ALERTS:
        raise AlertInputError(f"an account may keep {MAX_LIVE_ALERTS} alerts at most")
    row = {
        **fields,
        "id": new_alert_id(),
        "account_id": account_id,
        "fired_count": 0,
        "last_fired_at": None,
        "confirmed_at": now if confirmed and fields["auto_buy"] else None,
        "source_thread_id": source_thread_id,
        "created_at": now,
        "deleted_at": None,
    }
    met_now = observe(conn, row, now).holds
    conn.execute(insert(alerts).values(**row, armed=not met_now))
    return Alert.from_row({**row, "armed": not met_now}, met_now=met_now)


def _claim(conn: Connection, account_id: str, key: str, alert: Alert, now: dt.datetime) -> bool:
    """Tie ``key`` to the new alert; False when another create holds it (waits for it)."""
    row = {"account_id": account_id, "dedupe_key": key, "alert_id": alert.id, "created_at": now}
    claim = upsert_insert(conn, alert_requests).values(row)
    # RETURNING, not rowcount: drivers need not count inserted rows (psycopg gives -1).
    claimed = claim.on_conflict_do_nothing().returning(alert_requests.c.alert_id)
    return conn.execute(claimed).first() is not None


def _made_by(conn: Connection, account_id: str, key: str | None) -> Mapping[Any, Any] | None:
    """The alert (deleted or not) the account made with dedupe ``key``; None for none."""
    if key is None:
        return None
    made = (
        select(alerts)
        .join(alert_requests, alert_requests.c.alert_id == alerts.c.id)
        .where(alert_requests.c.account_id == account_id, alert_requests.c.dedupe_key == key)
    )
    row = conn.execute(made).first()
    return row._mapping if row is not None else None


def _usable(key: str) -> bool:
    return 0 < len(key) <= DEDUPE_KEY_LENGTH and storable(key)
