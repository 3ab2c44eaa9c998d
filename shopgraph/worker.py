"""``shopgraph worker``: fire price alerts (and auto-buy orders), deliver webhooks.

Run as many workers as you like: each alert's crossing is notified and ordered once (see
``store.alert_worker``). Without ``--once`` it evaluates at once when a feed was loaded
(the catalog's generation or its offers changed) and every ``--interval`` seconds (deals
start and end by the clock), and sends due webhooks every few seconds (retries back off
from one second).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

import typer
from rich.console import Console
from sqlalchemy import func, select

from shopgraph.stores import open_catalog
from store import schema
from store.alert_worker import EvaluationReport, evaluate_alerts
from store.alerts_schema import create_alert_tables
from store.catalog import Catalog
from store.commerce_schema import commerce_metadata
from store.webhooks import DeliveryReport, deliver_webhooks

TICK_S = 2.0
"""How often the loop looks for a loaded feed and for due webhooks."""


@dataclass(frozen=True)
class PassSummary:
    """One pass: what the alerts and the webhooks did."""

    alerts: EvaluationReport
    webhooks: DeliveryReport

    def line(self) -> str:
        """One line for the terminal or a log."""
        alerts, hooks = self.alerts, self.webhooks
        return (
            f"alerts: {alerts.checked} checked, {alerts.fired} fired, "
            f"{alerts.orders_placed} order(s) placed; "
            f"webhooks: {hooks.delivered} delivered, {hooks.failed} failed"
        )


def worker(
    once: Annotated[bool, typer.Option("--once", help="One pass, print a summary, exit.")] = False,
    interval: Annotated[
        float, typer.Option(min=1, help="Seconds between evaluations when no feed arrives.")
    ] = 60,
) -> None:
    """Fire price alerts and auto-buy orders, and deliver webhooks."""
    err = Console(stderr=True, soft_wrap=True)
    catalog = open_catalog(err)
    try:
        create_alert_tables(catalog.engine)
        commerce_metadata.create_all(catalog.engine)
        if once:
            typer.echo(run_pass(catalog).line())
        else:
            err.print(f"worker: evaluating alerts every {interval:g} s and on each feed")
            watch(catalog, interval, report=lambda s: typer.echo(s.line()))
    except KeyboardInterrupt:
        err.print("worker: stopped")
    finally:
        catalog.close()


def run_pass(catalog: Catalog) -> PassSummary:
    """Evaluate every alert, then send the webhooks that are due."""
    alerts = evaluate_alerts(catalog.engine, now=catalog.clock())
    return PassSummary(alerts, deliver_webhooks(catalog.engine, now=catalog.clock()))


def watch(
    catalog: Catalog,
    interval: float,
    *,
    report: Callable[[PassSummary], None],
    sleep: Callable[[float], None] = time.sleep,
    ticks: int | None = None,
) -> None:
    """Loop (``ticks`` times, or for ever): evaluate after a feed, and every ``interval``."""
    seen: tuple[Any, ...] | None = None
    due = 0.0
    tick = 0
    while ticks is None or tick < ticks:
        stamp = feed_stamp(catalog)
        if stamp != seen or time.monotonic() >= due:
            seen, due = stamp, time.monotonic() + interval
            summary = run_pass(catalog)
        else:
            hooks = deliver_webhooks(catalog.engine, now=catalog.clock())
            summary = PassSummary(EvaluationReport(), hooks)
        if summary.alerts.fired or summary.webhooks.delivered or summary.webhooks.failed:
            report(summary)
        tick += 1
        sleep(TICK_S)


def feed_stamp(catalog: Catalog) -> tuple[Any, ...]:
    """A value that changes when a feed is loaded.

    The catalog's generation, and a digest of the offers: a feed of offers alone leaves the
    generation as it was.
    """
    offers = schema.offers
    digest = select(
        func.count(),
        func.max(offers.c.updated_at),
        func.sum(offers.c.price_cents),
        func.sum(func.coalesce(offers.c.stock, -1)),
        func.sum(func.coalesce(offers.c.deal_price_cents, 0)),
    )
    with catalog.engine.connect() as conn:
        return (catalog.generation(), *conn.execute(digest).one())
