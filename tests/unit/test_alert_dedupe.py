"""Alert dedupe keys: a create retried with its key makes no second alert, on both databases."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import Engine

import store.alerts
from store.alert_views import Alert, AlertInputError
from store.alerts import AlertBook
from store.alerts_schema import alert_requests, alerts
from store.catalog import Catalog
from tests.alert_support import Clock, race, rows
from tests.conftest import NOW

ME, YOU = "acct_00000000000000aa", "acct_00000000000000bb"
AT_99 = {"product_id": "BL-QUIET", "condition": "price_at_most", "target": 99}


@pytest.fixture
def book(loaded: Catalog) -> AlertBook:
    return AlertBook(loaded.engine, loaded, Clock())


def test_the_same_key_twice_makes_one_alert_and_answers_it_both_times(book: AlertBook) -> None:
    first = book.create(ME, **AT_99, dedupe_key="alert:p1")
    again = book.create(ME, **AT_99, dedupe_key="alert:p1")
    assert again == first
    assert [r["id"] for r in rows(book.engine, alerts)] == [first.id]
    [request] = rows(book.engine, alert_requests)
    assert request == {
        "account_id": ME,
        "dedupe_key": "alert:p1",
        "alert_id": first.id,
        "created_at": NOW,
    }


def test_different_keys_or_accounts_make_different_alerts(book: AlertBook) -> None:
    one = book.create(ME, **AT_99, dedupe_key="alert:p1")
    two = book.create(ME, **AT_99, dedupe_key="alert:p2")
    yours = book.create(YOU, **AT_99, dedupe_key="alert:p1")  # keys belong to an account
    unkeyed = [book.create(ME, **AT_99), book.create(ME, **AT_99)]
    made = {one.id, two.id, yours.id, *(alert.id for alert in unkeyed)}
    assert len(made) == 5
    assert {r["id"] for r in rows(book.engine, alerts)} == made
    assert len(rows(book.engine, alert_requests)) == 3


def test_a_known_key_neither_checks_nor_counts_against_the_limit(
    book: AlertBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store.alerts, "MAX_LIVE_ALERTS", 1)
    first = book.create(ME, **AT_99, dedupe_key="api:k1")
    assert book.create(ME, **AT_99, dedupe_key="api:k1").id == first.id  # at the limit
    with pytest.raises(AlertInputError, match="1 alerts at most"):
        book.create(ME, **AT_99, dedupe_key="api:k2")
    assert len(rows(book.engine, alerts)) == 1


def test_a_deleted_alert_is_answered_not_made_again(book: AlertBook) -> None:
    first = book.create(ME, **AT_99, dedupe_key="alert:p1")
    book.delete(ME, first.id)
    assert book.create(ME, **AT_99, dedupe_key="alert:p1").id == first.id
    assert book.list(ME) == []


def test_a_refused_create_keeps_no_key(book: AlertBook) -> None:
    with pytest.raises(AlertInputError):
        book.create(ME, product_id="BL-QUIET", condition="price_at_most", dedupe_key="k")
    assert rows(book.engine, alert_requests) == []
    assert book.create(ME, **AT_99, dedupe_key="k").target_price == 99.0


@pytest.mark.parametrize("key", ["", "k\x00", "k" * 301])
def test_an_unusable_key_is_refused(book: AlertBook, key: str) -> None:
    with pytest.raises(ValueError, match="a dedupe key is 1 to 300 characters"):
        book.create(ME, **AT_99, dedupe_key=key)
    assert rows(book.engine, alerts) == []


def test_confirmed_makes_the_auto_buy_confirmed_in_the_same_create(book: AlertBook) -> None:
    buying = book.create(ME, **AT_99, auto_buy=(1, 99), confirmed=True, dedupe_key="alert:p1")
    assert buying.auto_buy is not None and buying.auto_buy.confirmed_at == NOW
    assert book.get(ME, buying.id) == buying
    waiting = book.create(ME, **AT_99, auto_buy=(1, 99))
    assert waiting.auto_buy is not None and waiting.auto_buy.confirmed_at is None
    plain = book.create(ME, **AT_99, confirmed=True)  # nothing to confirm: no error
    assert plain.auto_buy is None
    [row] = rows(book.engine, alerts, id=plain.id)
    assert row["confirmed_at"] is None


def test_a_database_from_before_dedupe_keys_gets_the_table(loaded: Catalog) -> None:
    older = AlertBook(loaded.engine, loaded, Clock())
    kept = older.create(ME, **AT_99)
    alert_requests.drop(loaded.engine)  # as an earlier version left the database
    book = AlertBook(loaded.engine, loaded, Clock())
    first = book.create(ME, **AT_99, dedupe_key="alert:p1")
    assert book.create(ME, **AT_99, dedupe_key="alert:p1").id == first.id
    assert {a.id for a in book.list(ME)} == {kept.id, first.id}


def test_two_creates_racing_with_one_key_make_one_alert(
    loaded: Catalog, book: AlertBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both look the key up before either writes: the later claim yields to the first."""
    looked = threading.Barrier(2, timeout=30)
    insert = store.alerts._insert

    def after_both_looked(*args: Any) -> Alert:
        looked.wait()
        return insert(*args)

    monkeypatch.setattr(store.alerts, "_insert", after_both_looked)

    def create(engine: Engine) -> Alert:
        return AlertBook(engine, loaded, Clock()).create(ME, **AT_99, dedupe_key="alert:p1")

    first, second = race(loaded, create)
    assert first == second
    assert [r["id"] for r in rows(book.engine, alerts)] == [first.id]
    assert [r["alert_id"] for r in rows(book.engine, alert_requests)] == [first.id]


def test_two_creates_racing_with_different_keys_make_two(loaded: Catalog, book: AlertBook) -> None:
    keys = iter(["alert:p1", "alert:p2"])
    lock = threading.Lock()

    def create(engine: Engine) -> Alert:
        with lock:
            key = next(keys)
        return AlertBook(engine, loaded, Clock()).create(ME, **AT_99, dedupe_key=key)

    first, second = race(loaded, create)
    assert first.id != second.id
    assert {r["id"] for r in rows(book.engine, alerts)} == {first.id, second.id}
