"""The alert worker: each condition, re-arming, the inbox, and exactly-once under two workers."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from shopgraph.worker import PassSummary, watch, worker
from store.alert_views import UnknownNotificationError
from store.alert_worker import EvaluationReport, evaluate_alerts
from store.alerts import AlertBook
from store.alerts_schema import alerts, notifications
from store.catalog import Catalog
from store.commerce_schema import commerce_metadata
from store.webhooks import deliver_webhooks
from tests.alert_support import Clock, deal, load_offers, offer, race, rows, webhook_receiver
from tests.conftest import NOW

ME, YOU = "acct_00000000000000aa", "acct_00000000000000bb"
HOUR = dt.timedelta(hours=1)


@pytest.fixture(autouse=True)
def _local_receivers_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stand-in receivers listen on 127.0.0.1: allow private webhook targets."""
    monkeypatch.setenv("SHOPGRAPH_WEBHOOK_ALLOW_PRIVATE", "true")


@pytest.fixture
def book(loaded: Catalog) -> AlertBook:
    commerce_metadata.create_all(loaded.engine)
    return AlertBook(loaded.engine, loaded, Clock())


def evaluate(book: AlertBook, now: dt.datetime = NOW, **kwargs: Any) -> EvaluationReport:
    return evaluate_alerts(book.engine, now=now, **kwargs)


def crossings(book: AlertBook, alert_id: str) -> list[int]:
    return sorted(r["crossing"] for r in rows(book.engine, notifications, alert_id=alert_id))


def test_a_price_alert_fires_once_per_crossing_and_rearms_when_the_price_leaves(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    alert = book.create(ME, product_id="BL-QUIET", condition="price_at_most", target=100)
    assert evaluate(book).fired == 0
    load_offers(loaded, tmp_path, offer("BL-QUIET", 99))
    report = evaluate(book)
    assert (report.checked, report.fired, report.rearmed) == (1, 1, 0)
    [note] = book.inbox.list(ME)
    assert (note.kind, note.alert_id, note.created_at, note.read_at) == (
        "alert",
        alert.id,
        NOW,
        None,
    )
    assert note.payload == {
        "condition": "price_at_most",
        "product_id": "BL-QUIET",
        "title": "Hushmix 600 Quiet Blender",
        "price": 99.0,
        "currency": "USD",
        "in_stock": True,
        "deal_label": None,
        "target_price": 100.0,
    }
    assert evaluate(book).fired == 0  # still below the target: no second notification
    load_offers(loaded, tmp_path, offer("BL-QUIET", 120))
    assert evaluate(book).rearmed == 1
    assert book.get(ME, alert.id).armed
    load_offers(loaded, tmp_path, offer("BL-QUIET", 95.5))
    assert evaluate(book, NOW + HOUR).fired == 1
    assert crossings(book, alert.id) == [1, 2]
    again = book.get(ME, alert.id)
    assert (again.fired_count, again.last_fired_at, again.armed) == (2, NOW + HOUR, False)
    assert [n.payload["price"] for n in book.inbox.list(ME)] == [95.5, 99.0]  # newest first


def test_a_drop_alert_fires_at_its_percentage_of_the_baseline(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    alert = book.create(ME, product_id="BL-QUIET", condition="drop_by_percent", drop_percent=10)
    load_offers(loaded, tmp_path, offer("BL-QUIET", 117.00))  # 9.99 % off 129.99
    assert evaluate(book).fired == 0
    load_offers(loaded, tmp_path, offer("BL-QUIET", 116.99))
    assert evaluate(book).fired == 1
    [note] = book.inbox.list(ME)
    assert note.payload["baseline_price"] == 129.99 and note.payload["drop_percent"] == 10
    assert crossings(book, alert.id) == [1]


def test_a_stock_alert_fires_when_the_product_comes_back(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    alert = book.create(ME, product_id="BL-PRICEY", condition="back_in_stock")
    assert evaluate(book).fired == 0
    load_offers(loaded, tmp_path, offer("BL-PRICEY", 399, stock=3))
    assert evaluate(book).fired == 1
    load_offers(loaded, tmp_path, offer("BL-PRICEY", 399, stock=0))
    assert evaluate(book).rearmed == 1
    load_offers(loaded, tmp_path, offer("BL-PRICEY", 399, stock=None))  # untracked: on sale
    assert evaluate(book).fired == 1
    assert crossings(book, alert.id) == [1, 2]


def test_a_deal_alert_fires_when_the_deal_starts_by_the_clock(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    alert = book.create(ME, product_id="BL-QUIET", condition="deal_starts")
    monday = deal(99, NOW + 2 * HOUR, NOW + 24 * HOUR, "Cyber Monday")
    load_offers(loaded, tmp_path, offer("BL-QUIET", 129.99, deal=monday))
    assert evaluate(book, NOW + HOUR).fired == 0
    assert evaluate(book, NOW + 3 * HOUR).fired == 1  # no feed needed: the deal began
    [note] = book.inbox.list(ME)
    assert (note.payload["deal_label"], note.payload["price"]) == ("Cyber Monday", 99.0)
    assert evaluate(book, NOW + 4 * HOUR).fired == 0
    assert evaluate(book, NOW + 25 * HOUR).rearmed == 1
    assert crossings(book, alert.id) == [1]


def test_a_category_alert_names_the_deepest_deal_of_the_category(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    alert = book.create(ME, category="Blenders", condition="deal_starts")
    start, end = NOW - HOUR, NOW + HOUR
    load_offers(
        loaded,
        tmp_path,
        offer("BL-LOUD", 89, deal=deal(79, start, end)),  # 11 % off
        offer("BL-QUIET", 129.99, deal=deal(64.99, start, end)),  # 50 % off
        offer("HP-BUDGET", 24.99, deal=deal(4.99, start, end)),  # deeper, not a blender
    )
    assert evaluate(book).fired == 1
    [note] = book.inbox.list(ME)
    assert note.payload["category"] == "Blenders"
    assert (note.payload["product_id"], note.payload["price"]) == ("BL-QUIET", 64.99)
    assert note.payload["title"] == "Hushmix 600 Quiet Blender"
    assert evaluate(book, NOW + 2 * HOUR).rearmed == 1
    assert crossings(book, alert.id) == [1]


def test_an_alert_met_when_made_waits_for_the_next_crossing(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    alert = book.create(ME, product_id="BL-QUIET", condition="price_at_most", target=150)
    assert evaluate(book).fired == 0
    load_offers(loaded, tmp_path, offer("BL-QUIET", 160))
    assert evaluate(book).rearmed == 1
    load_offers(loaded, tmp_path, offer("BL-QUIET", 149))
    assert evaluate(book).fired == 1
    assert crossings(book, alert.id) == [1]


def test_a_deleted_alert_never_fires(loaded: Catalog, book: AlertBook, tmp_path: Path) -> None:
    alert = book.create(ME, product_id="BL-QUIET", condition="price_at_most", target=100)
    book.delete(ME, alert.id)
    load_offers(loaded, tmp_path, offer("BL-QUIET", 50))
    assert evaluate(book) == EvaluationReport()
    assert rows(book.engine, notifications) == []


def test_the_inbox_lists_unread_first_and_marks_read_per_account(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    book.create(ME, product_id="BL-QUIET", condition="price_at_most", target=100)
    book.create(ME, product_id="BL-PRICEY", condition="back_in_stock")
    book.create(YOU, product_id="BL-QUIET", condition="price_at_most", target=100)
    load_offers(loaded, tmp_path, offer("BL-QUIET", 99))
    evaluate(book)
    load_offers(loaded, tmp_path, offer("BL-PRICEY", 399, stock=1))
    evaluate(book, NOW + HOUR)
    older, newer = reversed(book.inbox.list(ME))
    assert (newer.payload["product_id"], older.payload["product_id"]) == ("BL-PRICEY", "BL-QUIET")
    [yours] = book.inbox.list(YOU)
    for unknown in (yours.id, "ntf_\x00"):
        with pytest.raises(UnknownNotificationError):
            book.inbox.mark_read(ME, unknown)
    read = book.inbox.mark_read(ME, older.id)
    assert read.read_at == NOW
    assert [n.id for n in book.inbox.list(ME, unread_only=True)] == [newer.id]
    assert book.inbox.mark_read(ME, older.id).read_at == NOW
    assert book.inbox.list(YOU, unread_only=True) == [yours]


def test_done_when_two_workers_at_once_notify_and_deliver_a_crossing_exactly_once(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    """An alert below today's price fires once after a feed lowers the price, however many
    workers race for it; its webhook is delivered once, signed."""
    alert = book.create(ME, product_id="BL-QUIET", condition="price_at_most", target=110)
    crowd = [
        book.create(f"acct_{n:016x}", product_id="BL-QUIET", condition="price_at_most", target=110)
        for n in range(20)
    ]
    with webhook_receiver(200) as receiver:
        secret = book.set_webhook(ME, receiver.url)
        evaluate(book)  # the price is 129.99: nothing
        load_offers(loaded, tmp_path, offer("BL-QUIET", 104.5))
        reports = race(loaded, lambda engine: evaluate_alerts(engine, now=NOW))
        assert sum(r.fired for r in reports) == 21
        assert sum(r.checked + r.busy for r in reports) == 42
        assert crossings(book, alert.id) == [1]
        assert all(crossings(book, other.id) == [1] for other in crowd)
        assert all(r["fired_count"] == 1 and not r["armed"] for r in rows(book.engine, alerts))
        assert evaluate(book).fired == 0  # a second run fires nothing
        deliveries = race(loaded, lambda engine: deliver_webhooks(engine, now=NOW))
        assert sum(d.delivered for d in deliveries) == 1
    [(headers, body)] = receiver.received
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    assert headers["x-shopgraph-signature"] == f"sha256={digest}"
    assert headers["x-shopgraph-delivery"].startswith("whd_")
    [note] = book.inbox.list(ME)
    assert receiver.bodies() == [
        {
            "id": note.id,
            "alert_id": alert.id,
            "kind": "alert",
            "created_at": NOW.isoformat() + "Z",
            "payload": note.payload,
        }
    ]


def test_worker_once_evaluates_delivers_and_prints_a_summary(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    app = typer.Typer()
    app.command()(worker)
    app.callback()(lambda: None)
    book.create(ME, product_id="BL-QUIET", condition="price_at_most", target=100)
    with webhook_receiver(200) as receiver:
        book.set_webhook(ME, receiver.url)
        load_offers(loaded, tmp_path, offer("BL-QUIET", 99))
        first = CliRunner().invoke(app, ["worker", "--once"])
        second = CliRunner().invoke(app, ["worker", "--once"])
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == (
        "alerts: 1 checked, 1 fired, 0 order(s) placed; webhooks: 1 delivered, 0 failed"
    )
    assert second.stdout.strip() == (
        "alerts: 1 checked, 0 fired, 0 order(s) placed; webhooks: 0 delivered, 0 failed"
    )
    assert len(receiver.received) == 1


def test_the_worker_loop_evaluates_as_soon_as_a_feed_arrives(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    book.create(ME, product_id="BL-QUIET", condition="price_at_most", target=100)
    summaries: list[PassSummary] = []
    feeds = iter([offer("BL-QUIET", 99)])

    def sleep(_seconds: float) -> None:  # between ticks, a feed lowers the price
        if (line := next(feeds, None)) is not None:
            load_offers(loaded, tmp_path, line)

    watch(loaded, interval=3600, report=summaries.append, sleep=sleep, ticks=3)
    assert [s.alerts.fired for s in summaries] == [1]


def test_the_worker_loop_reevaluates_every_interval_for_deals_that_start_by_the_clock(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    clock = Clock()
    loaded.clock = clock
    book.create(ME, product_id="BL-QUIET", condition="deal_starts")
    starting = deal(99, NOW + HOUR, NOW + 9 * HOUR)
    load_offers(loaded, tmp_path, offer("BL-QUIET", 129.99, deal=starting))
    summaries: list[PassSummary] = []

    def two_hours_pass(_seconds: float) -> None:
        clock.advance(hours=2)

    watch(loaded, interval=3600, report=summaries.append, sleep=two_hours_pass, ticks=2)
    assert summaries == []  # the second tick came before the interval: no evaluation
    clock.now = NOW
    watch(loaded, interval=0, report=summaries.append, sleep=two_hours_pass, ticks=2)
    assert [s.alerts.fired for s in summaries] == [1]
