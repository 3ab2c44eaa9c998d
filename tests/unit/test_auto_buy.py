"""Auto-buy: a confirmed price alert orders once per crossing, never over its cap."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from store import schema
from store.alert_views import Alert
from store.alert_worker import evaluate_alerts
from store.alerts import AlertBook
from store.alerts_schema import alerts, notifications
from store.catalog import Catalog
from store.commerce_schema import commerce_metadata
from store.commerce_schema import orders as orders_table
from store.orders import orders, place_order
from tests.alert_support import Clock, load_offers, offer, race, rows
from tests.conftest import NOW

ME = "acct_00000000000000aa"


class Killed(BaseException):
    """The worker dies mid-way (as on SIGKILL, nothing after it runs)."""


@pytest.fixture
def book(loaded: Catalog) -> AlertBook:
    commerce_metadata.create_all(loaded.engine)
    return AlertBook(loaded.engine, loaded, Clock())


def auto_alert(book: AlertBook, quantity: int = 2, cap: float = 200, confirm: bool = True) -> Alert:
    alert = book.create(
        ME,
        product_id="BL-QUIET",
        condition="price_at_most",
        target=100,
        auto_buy=(quantity, cap),
    )
    return book.confirm_auto_buy(ME, alert.id) if confirm else alert


def stock(book: AlertBook) -> int | None:
    offers = schema.offers
    with book.engine.connect() as conn:
        query = select(offers.c.stock).where(offers.c.product_id == "BL-QUIET")
        return conn.execute(query).scalar()


def test_a_confirmed_alert_orders_at_the_live_price_in_the_firing(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    alert = auto_alert(book)
    load_offers(loaded, tmp_path, offer("BL-QUIET", 99, stock=12))
    report = evaluate_alerts(book.engine, now=NOW)
    assert (report.fired, report.orders_placed, report.orders_skipped) == (1, 1, 0)
    [order] = orders(book.engine, ME)
    assert (order.source, order.total_cents, order.currency) == ("auto_buy", 19800, "USD")
    assert [(line.product_id, line.quantity, line.unit_price_cents) for line in order.lines] == [
        ("BL-QUIET", 2, 9900)
    ]
    [stored] = rows(book.engine, orders_table)
    assert stored["dedupe_key"] == f"{alert.id}:1"
    assert stock(book) == 10
    [note] = book.inbox.list(ME)
    assert note.kind == "order_placed"
    assert note.payload["order"] == {
        "order_id": order.id,
        "quantity": 2,
        "unit_price": 99.0,
        "total": 198.0,
        "currency": "USD",
    }
    assert evaluate_alerts(book.engine, now=NOW).orders_placed == 0
    load_offers(loaded, tmp_path, offer("BL-QUIET", 130, stock=10))
    evaluate_alerts(book.engine, now=NOW)
    load_offers(loaded, tmp_path, offer("BL-QUIET", 95, stock=10))
    assert evaluate_alerts(book.engine, now=NOW).orders_placed == 1  # the next crossing
    assert sorted(r["dedupe_key"] for r in rows(book.engine, orders_table)) == [
        f"{alert.id}:1",
        f"{alert.id}:2",
    ]


def test_an_unconfirmed_auto_buy_only_notifies(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    auto_alert(book, confirm=False)
    load_offers(loaded, tmp_path, offer("BL-QUIET", 99, stock=12))
    report = evaluate_alerts(book.engine, now=NOW)
    assert (report.fired, report.orders_placed) == (1, 0)
    assert [n.kind for n in book.inbox.list(ME)] == ["alert"]
    assert orders(book.engine, ME) == [] and stock(book) == 12


@pytest.mark.parametrize(
    ("stock_left", "reason"),
    [(0, "the product is out of stock"), (1, "only 1 of 'BL-QUIET' in stock; 2 wanted")],
)
def test_short_stock_skips_the_order_and_says_why(
    loaded: Catalog, book: AlertBook, tmp_path: Path, stock_left: int, reason: str
) -> None:
    alert = auto_alert(book)
    load_offers(loaded, tmp_path, offer("BL-QUIET", 99, stock=stock_left))
    report = evaluate_alerts(book.engine, now=NOW)
    assert (report.fired, report.orders_placed, report.orders_skipped) == (1, 0, 1)
    [note] = book.inbox.list(ME)
    assert (note.kind, note.payload["order"]) == ("order_skipped", {"reason": reason})
    assert orders(book.engine, ME) == [] and stock(book) == stock_left
    assert book.get(ME, alert.id).fired_count == 1  # the crossing is spent


def test_no_order_over_the_spend_cap_is_ever_placed(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    alert = auto_alert(book, quantity=2, cap=200)
    with book.engine.begin() as conn:  # a cap the book would refuse now, set in the past
        conn.execute(update(alerts).where(alerts.c.id == alert.id).values(cap_cents=15000))
    calls: list[Any] = []
    load_offers(loaded, tmp_path, offer("BL-QUIET", 99, stock=12))
    evaluate_alerts(book.engine, now=NOW, place_order=lambda *a, **k: calls.append(a))
    assert calls == []
    [note] = book.inbox.list(ME)
    assert note.payload["order"] == {"reason": "198.00 is over the spend cap of 150.00"}


def test_a_worker_killed_mid_way_loses_nothing_and_repeats_nothing(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    auto_alert(book)
    load_offers(loaded, tmp_path, offer("BL-QUIET", 99, stock=12))

    def dies_after_ordering(conn: Any, **order: Any) -> Any:
        place_order(conn, **order)
        raise Killed

    with pytest.raises(Killed):
        evaluate_alerts(book.engine, now=NOW, place_order=dies_after_ordering)
    assert rows(book.engine, notifications) == [] and orders(book.engine, ME) == []
    [row] = rows(book.engine, alerts)
    assert (row["armed"], row["fired_count"], stock(book)) == (True, 0, 12)
    assert evaluate_alerts(book.engine, now=NOW).orders_placed == 1
    assert len(orders(book.engine, ME)) == 1 and stock(book) == 10


def test_one_alert_failing_does_not_stop_the_others(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    auto_alert(book)
    book.create(ME, product_id="BL-QUIET", condition="price_at_most", target=100)
    load_offers(loaded, tmp_path, offer("BL-QUIET", 99, stock=12))

    def broken(_conn: Any, **_order: Any) -> Any:
        raise RuntimeError("the order service is down")

    report = evaluate_alerts(book.engine, now=NOW, place_order=broken)
    assert (report.failed, report.fired) == (1, 1)
    assert evaluate_alerts(book.engine, now=NOW).orders_placed == 1  # tried again next pass


def test_two_workers_at_once_place_one_order(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    auto_alert(book, quantity=1, cap=100)
    load_offers(loaded, tmp_path, offer("BL-QUIET", 99, stock=12))
    reports = race(loaded, lambda engine: evaluate_alerts(engine, now=NOW))
    assert sum(r.orders_placed for r in reports) == 1
    assert len(orders(book.engine, ME)) == 1 and stock(book) == 11
