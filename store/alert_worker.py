"""Firing alerts: each crossing into an alert's condition is notified exactly once.

Every alert is decided in its own transaction, which first locks the alert's row and then
re-reads it: ``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL (a row another worker
holds is left to that worker), ``BEGIN IMMEDIATE`` on SQLite (one writer at a time; the
others wait, up to a busy timeout, and then see what the first wrote). The new state, the
notification, its webhook delivery and an auto-buy order commit together or not at all,
so a worker killed mid-way loses nothing and repeats nothing. Behind the locks, the unique
(alert, crossing) of ``notifications`` and the order's dedupe key make a double firing
impossible even if the locking were wrong.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from store.alert_conditions import Finding, observe
from store.alert_locks import locked_alert
from store.alerts_schema import alerts, notifications
from store.auto_buy import PlaceOrder, buy
from store.inbox import new_notification_id
from store.orders import place_order as store_place_order
from store.webhook_outbox import enqueue_delivery

log = logging.getLogger(__name__)

Outcome = Literal["rearmed", "unchanged", "busy", "failed"]


@dataclass
class EvaluationReport:
    """What one pass over the alerts did."""

    checked: int = 0
    fired: int = 0
    rearmed: int = 0
    busy: int = 0
    """Alerts another worker was deciding (or that were deleted meanwhile): left alone."""
    orders_placed: int = 0
    orders_skipped: int = 0
    """Auto-buy firings that placed no order (out of stock, over the cap); notified."""
    webhooks_queued: int = 0
    failed: int = 0
    """Alerts that could not be decided (logged); the next pass tries them again."""


@dataclass(frozen=True)
class _Fired:
    kind: str
    queued: bool


class _Conflict(Exception):
    """The alert changed under us: roll back, another worker has it."""


def evaluate_alerts(
    engine: Engine, *, now: dt.datetime, place_order: PlaceOrder = store_place_order
) -> EvaluationReport:
    """Decide every live alert at ``now``: fire those that crossed, re-arm those that left.

    ``place_order`` places auto-buy orders (tests pass a stand-in).
    """
    report = EvaluationReport()
    with engine.connect() as conn:
        ids = list(conn.execute(select(alerts.c.id).where(alerts.c.deleted_at.is_(None))).scalars())
    for alert_id in ids:
        outcome: Outcome | _Fired
        try:
            with locked_alert(engine, alert_id) as (conn, alert):
                outcome = "busy" if alert is None else _decide(conn, alert, now, place_order)
        except (IntegrityError, _Conflict):  # another worker notified this crossing first
            outcome = "busy"
        except Exception:
            log.exception("alert %s was not evaluated", alert_id)
            outcome = "failed"
        _count(report, outcome)
    return report


def _count(report: EvaluationReport, outcome: Outcome | _Fired) -> None:
    if isinstance(outcome, _Fired):
        report.checked += 1
        report.fired += 1
        report.orders_placed += outcome.kind == "order_placed"
        report.orders_skipped += outcome.kind == "order_skipped"
        report.webhooks_queued += outcome.queued
    elif outcome == "busy":
        report.busy += 1
    elif outcome == "failed":
        report.failed += 1
    else:
        report.checked += 1
        report.rearmed += outcome == "rearmed"


def _decide(
    conn: Connection, alert: Mapping[Any, Any], now: dt.datetime, place_order: PlaceOrder
) -> Outcome | _Fired:
    finding = observe(conn, alert, now)
    if finding.holds and alert["armed"]:
        return _fire(conn, alert, finding, now, place_order)
    if not finding.holds and not alert["armed"]:
        conn.execute(update(alerts).where(alerts.c.id == alert["id"]).values(armed=True))
        return "rearmed"
    return "unchanged"


def _fire(
    conn: Connection,
    alert: Mapping[Any, Any],
    finding: Finding,
    now: dt.datetime,
    place_order: PlaceOrder,
) -> _Fired:
    crossing = alert["fired_count"] + 1
    moved = conn.execute(
        update(alerts)
        .where(alerts.c.id == alert["id"], alerts.c.fired_count == alert["fired_count"])
        .values(armed=False, fired_count=crossing, last_fired_at=now)
    )
    if moved.rowcount != 1:
        raise _Conflict(alert["id"])
    kind, payload = "alert", finding.payload(alert)
    if alert["auto_buy"] and alert["confirmed_at"] is not None:
        kind, payload["order"] = buy(conn, alert, finding, crossing, now, place_order)
    notification_id = new_notification_id()
    conn.execute(
        insert(notifications).values(
            id=notification_id,
            account_id=alert["account_id"],
            alert_id=alert["id"],
            crossing=crossing,
            kind=kind,
            payload=payload,
            created_at=now,
            read_at=None,
        )
    )
    queued = enqueue_delivery(conn, alert["account_id"], notification_id, now)
    return _Fired(kind, queued)
