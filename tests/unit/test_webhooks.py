"""Webhooks: signed POSTs from the outbox, retried with backoff, given up after 8 tries."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import socket
from pathlib import Path

import pytest
from sqlalchemy import update

from store.alert_worker import evaluate_alerts
from store.alerts import AlertBook
from store.alerts_schema import webhook_deliveries
from store.catalog import Catalog
from store.webhooks import LEASE, MAX_ATTEMPTS, DeliveryReport, backoff, deliver_webhooks, sign
from tests.alert_support import Clock, Receiver, load_offers, offer, rows, webhook_receiver
from tests.conftest import NOW

ME, YOU = "acct_00000000000000aa", "acct_00000000000000bb"
SECOND = dt.timedelta(seconds=1)


@pytest.fixture(autouse=True)
def _local_receivers_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stand-in receivers listen on 127.0.0.1: allow private webhook targets."""
    monkeypatch.setenv("SHOPGRAPH_WEBHOOK_ALLOW_PRIVATE", "true")


@pytest.fixture
def book(loaded: Catalog) -> AlertBook:
    return AlertBook(loaded.engine, loaded, Clock())


def fire(loaded: Catalog, book: AlertBook, tmp_path: Path, account: str = ME) -> None:
    """Make one alert of ``account`` fire at ``NOW``."""
    book.create(account, product_id="BL-QUIET", condition="price_at_most", target=100)
    load_offers(loaded, tmp_path, offer("BL-QUIET", 99))
    assert evaluate_alerts(book.engine, now=NOW).fired == 1


def deliver(book: AlertBook, at: dt.datetime) -> DeliveryReport:
    return deliver_webhooks(book.engine, now=at)


def assert_signed(receiver: Receiver, secret: str) -> None:
    for headers, body in receiver.received:
        expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        assert headers["x-shopgraph-signature"] == expected
        assert headers["content-type"] == "application/json"


def test_backoff_doubles_from_one_second_up_to_a_cap() -> None:
    waits = [backoff(n).total_seconds() for n in range(1, MAX_ATTEMPTS + 1)]
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60]


def test_the_signature_is_the_hmac_of_the_exact_body() -> None:
    assert sign(b'{"a":1}', "k") == "sha256=" + hmac.new(b"k", b'{"a":1}', "sha256").hexdigest()
    assert sign(b'{"a":1}', "k") != sign(b'{"a": 1}', "k")


def test_a_failing_receiver_is_retried_with_backoff_then_gets_it_once(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    with webhook_receiver(500, 503, 200) as receiver:
        secret = book.set_webhook(ME, receiver.url)
        fire(loaded, book, tmp_path)
        assert deliver(book, NOW) == DeliveryReport(failed=1)
        [row] = rows(book.engine, webhook_deliveries)
        assert (row["attempts"], row["next_attempt_at"], row["last_error"]) == (
            1,
            NOW + SECOND,
            "HTTP 500",
        )
        assert deliver(book, NOW) == DeliveryReport()  # not due yet
        assert deliver(book, NOW + SECOND) == DeliveryReport(failed=1)
        [row] = rows(book.engine, webhook_deliveries)
        assert (row["next_attempt_at"], row["last_error"]) == (NOW + 3 * SECOND, "HTTP 503")
        assert deliver(book, NOW + 2 * SECOND) == DeliveryReport()
        assert deliver(book, NOW + 3 * SECOND) == DeliveryReport(delivered=1)
        assert deliver(book, NOW + 3600 * SECOND) == DeliveryReport()
    [row] = rows(book.engine, webhook_deliveries)
    assert (row["attempts"], row["delivered_at"], row["next_attempt_at"], row["last_error"]) == (
        3,
        NOW + 3 * SECOND,
        None,
        None,
    )
    assert len(receiver.received) == 3
    assert {headers["x-shopgraph-delivery"] for headers, _ in receiver.received} == {row["id"]}
    assert len({body for _, body in receiver.received}) == 1  # the same delivery each time
    assert_signed(receiver, secret)


def test_a_receiver_that_never_answers_2xx_is_given_up_after_eight_attempts(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    with webhook_receiver(500) as receiver:
        book.set_webhook(ME, receiver.url)
        fire(loaded, book, tmp_path)
        at = NOW
        for attempt in range(1, MAX_ATTEMPTS + 1):
            report = deliver(book, at)
            assert report.failed == 1 and report.gave_up == (attempt == MAX_ATTEMPTS)
            at += backoff(attempt)
        assert deliver(book, at + 3600 * SECOND) == DeliveryReport()
    assert len(receiver.received) == MAX_ATTEMPTS
    [row] = rows(book.engine, webhook_deliveries)
    assert (row["attempts"], row["next_attempt_at"], row["delivered_at"]) == (8, None, None)


def test_an_unreachable_receiver_is_a_failed_attempt(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    book.set_webhook(ME, f"http://127.0.0.1:{port}/hook")
    fire(loaded, book, tmp_path)
    assert deliver(book, NOW) == DeliveryReport(failed=1)
    [row] = rows(book.engine, webhook_deliveries)
    assert row["last_error"].startswith("ConnectError") and row["next_attempt_at"] == NOW + SECOND


def test_a_delivery_claimed_by_a_worker_that_died_is_sent_after_its_lease(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    with webhook_receiver(200) as receiver:
        book.set_webhook(ME, receiver.url)
        fire(loaded, book, tmp_path)
        with book.engine.begin() as conn:  # claimed (attempt 1), then the worker died
            conn.execute(update(webhook_deliveries).values(attempts=1, next_attempt_at=NOW + LEASE))
        assert deliver(book, NOW + SECOND) == DeliveryReport()
        assert deliver(book, NOW + LEASE) == DeliveryReport(delivered=1)
    assert len(receiver.received) == 1


def test_only_accounts_with_a_webhook_get_deliveries(
    loaded: Catalog, book: AlertBook, tmp_path: Path
) -> None:
    book.set_webhook(YOU, "https://hooks.example.com/you")
    fire(loaded, book, tmp_path, account=ME)
    assert rows(book.engine, webhook_deliveries) == []
    assert evaluate_alerts(book.engine, now=NOW).webhooks_queued == 0
