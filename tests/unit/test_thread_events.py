"""The thread event log on SQLite and PostgreSQL: appended, read back by window, in order."""

from __future__ import annotations

import datetime as dt

import pytest

from memory.thread_events import ThreadEvent, ThreadEvents
from store.catalog import Catalog
from tests.conftest import NOW


def at(minutes: int) -> dt.datetime:
    return NOW + dt.timedelta(minutes=minutes)


@pytest.fixture
def log(catalog: Catalog) -> ThreadEvents:
    return ThreadEvents(catalog.engine)


def test_events_come_back_oldest_first_with_everything_recorded(log: ThreadEvents) -> None:
    log.record("t-1", "acct_ann", "add_to_cart", at(5), product_id="BL-QUIET", quantity=2)
    log.record("t-1", "acct_ann", "question", at(1))
    log.record("t-2", None, "question", at(1))  # an anonymous shopper
    log.record("t-1", "acct_ann", "order", at(9), quantity=2)
    assert log.between() == [
        ThreadEvent(thread_id="t-1", account_id="acct_ann", kind="question", at=at(1)),
        ThreadEvent(thread_id="t-2", kind="question", at=at(1)),
        ThreadEvent(
            thread_id="t-1",
            account_id="acct_ann",
            kind="add_to_cart",
            at=at(5),
            product_id="BL-QUIET",
            quantity=2,
        ),
        ThreadEvent(thread_id="t-1", account_id="acct_ann", kind="order", at=at(9), quantity=2),
    ]


def test_a_window_includes_its_start_and_excludes_its_end(log: ThreadEvents) -> None:
    for minute in (0, 10, 20, 30):
        log.record(f"t-{minute}", "acct_ann", "question", at(minute))
    threads = [e.thread_id for e in log.between(at(10), at(30))]
    assert threads == ["t-10", "t-20"]
    assert [e.thread_id for e in log.between(since=at(20))] == ["t-20", "t-30"]
    assert [e.thread_id for e in log.between(until=at(10))] == ["t-0"]
    assert log.between(at(40), at(50)) == []


def test_times_with_an_offset_are_kept_as_utc(log: ThreadEvents) -> None:
    paris = dt.timezone(dt.timedelta(hours=1))
    recorded = log.record(
        "t", "acct_ann", "question", (NOW + dt.timedelta(hours=1)).replace(tzinfo=paris)
    )
    assert recorded.at == NOW
    window = log.between(NOW.replace(tzinfo=dt.UTC), at(1).replace(tzinfo=dt.UTC))
    assert [e.at for e in window] == [NOW]


def test_an_unknown_kind_is_refused_and_writes_nothing(log: ThreadEvents) -> None:
    with pytest.raises(ValueError, match="question, add_to_cart, order"):
        log.record("t", "acct_ann", "refund", NOW)  # type: ignore[arg-type]
    assert log.between() == []


def test_the_table_is_made_once_and_shared(catalog: Catalog, log: ThreadEvents) -> None:
    log.record("t", "acct_ann", "question", NOW)
    again = ThreadEvents(catalog.engine)  # creating the table again is harmless
    assert [e.thread_id for e in again.between()] == ["t"]
