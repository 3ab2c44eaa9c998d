"""Conversation measures from hand-made events: shares, times, accessory attachment, no data."""

from __future__ import annotations

import datetime as dt

import pytest

from memory.accessories import accessory_of, accessory_words, department, is_accessory
from memory.kpis import Kpis, compute_kpis, percentile
from memory.thread_events import EventKind, ThreadEvent

T0 = dt.datetime(2026, 11, 22, 12, 0)

CATEGORIES = {
    "LAPTOP": "Electronics > Computers > Laptops",
    "CHARGER": "Electronics > Cell Phones & Accessories > Chargers & Cables",
    "PHONE": "Electronics > Cell Phones & Accessories > Smartphones",
    "BLENDER": "Home & Kitchen > Kitchen Appliances > Blenders",
    "BLADE": "Home & Kitchen > Kitchen Appliances > Blender Accessories",
    "KNIFE": "Home & Kitchen > Cutlery & Knife Accessories > Chef's Knives",
    "SUITCASE": "Luggage & Travel Gear > Luggage > Suitcases",
}


def event(
    thread: str, kind: EventKind, seconds: float, product_id: str | None = None
) -> ThreadEvent:
    return ThreadEvent(
        thread_id=thread,
        account_id="acct_ann",
        kind=kind,
        at=T0 + dt.timedelta(seconds=seconds),
        product_id=product_id,
        quantity=1 if product_id else None,
    )


def session(thread: str, *added: str, wait: float = 60) -> list[ThreadEvent]:
    """A question at 0 s, then each product added ``wait`` seconds after the last."""
    events = [event(thread, "question", 0)]
    events += [event(thread, "add_to_cart", wait * (n + 1), p) for n, p in enumerate(added)]
    return events


@pytest.mark.parametrize(
    ("category", "accessory"),
    [
        (CATEGORIES["CHARGER"], True),  # plural of two lexicon words
        (CATEGORIES["BLADE"], True),  # "accessories" -> "accessory"
        ("Home & Kitchen > Vacuums > Replacement Filters", True),
        ("Electronics > Cases", True),
        (CATEGORIES["PHONE"], False),  # accessory word only in a parent
        (CATEGORIES["KNIFE"], False),
        (CATEGORIES["SUITCASE"], False),  # words, not substrings: suitcase is not case
        ("Luggage & Travel Gear > Backpacks > Laptop Backpacks", False),
        ("", False),
    ],
)
def test_an_accessory_is_named_by_the_leaf_of_its_category(category: str, accessory: bool) -> None:
    assert is_accessory(category) is accessory


def test_the_lexicon_is_the_packaged_word_list() -> None:
    words = accessory_words()
    assert {"accessory", "charger", "cable", "case", "filter", "replacement"} <= words
    assert all(word == word.strip().lower() and " " not in word for word in words)
    assert is_accessory("Garden > Hoses", frozenset({"hose"}))
    assert not is_accessory(CATEGORIES["CHARGER"], frozenset({"hose"}))


def test_an_accessory_goes_with_primaries_of_its_department() -> None:
    assert department(CATEGORIES["LAPTOP"]) == "electronics"
    assert accessory_of(CATEGORIES["CHARGER"], CATEGORIES["LAPTOP"])
    assert accessory_of(CATEGORIES["BLADE"], CATEGORIES["BLENDER"])
    assert not accessory_of(CATEGORIES["CHARGER"], CATEGORIES["BLENDER"])
    assert not accessory_of(CATEGORIES["LAPTOP"], CATEGORIES["CHARGER"])  # backwards
    assert not accessory_of(CATEGORIES["CHARGER"], CATEGORIES["CHARGER"])


def test_shares_times_and_attachment_of_several_sessions() -> None:
    events = [
        *session("t-laptop+charger", "LAPTOP", "CHARGER", wait=30),  # attached, 30 s
        *session("t-blender+charger", "BLENDER", "CHARGER", wait=90),  # other department, 90 s
        *session("t-blade-first", "BLADE", "BLENDER", wait=120),  # either order, 120 s
        *session("t-phone", "PHONE", wait=600),  # a primary alone, 600 s
        *session("t-browse"),  # asked, added nothing
        *session("t-charger-only", "CHARGER", wait=10),  # no primary: not in the rate
        event("t-no-question", "add_to_cart", 5, "LAPTOP"),  # not a session
    ]
    kpis = compute_kpis(events, CATEGORIES)
    assert kpis.sessions == 6
    assert kpis.sessions_adding_to_cart == 5
    assert kpis.add_to_cart_share == pytest.approx(5 / 6)
    assert kpis.seconds_to_add_median == 90  # of 10, 30, 90, 120, 600
    assert kpis.seconds_to_add_p90 == pytest.approx(408)  # 120 + 0.6 * (600 - 120)
    assert kpis.sessions_with_primary == 4
    assert kpis.sessions_attaching_accessory == 2
    assert kpis.accessory_attachment_rate == 0.5
    assert kpis.sessions_ordering == 0


def test_time_to_add_runs_from_the_first_question_to_the_first_add() -> None:
    events = [
        event("t", "add_to_cart", 500, "CHARGER"),
        event("t", "question", 100),
        event("t", "add_to_cart", 250, "LAPTOP"),
        event("t", "question", 50),
        event("t", "order", 600),
    ]
    kpis = compute_kpis(events, CATEGORIES)
    assert (kpis.seconds_to_add_median, kpis.seconds_to_add_p90) == (200, 200)
    assert kpis.accessory_attachment_rate == 1.0
    assert kpis.sessions_ordering == 1


def test_products_the_catalog_no_longer_holds_still_count_as_adds() -> None:
    kpis = compute_kpis(session("t", "GONE", "CHARGER"), CATEGORIES)
    assert kpis.sessions_adding_to_cart == 1
    assert kpis.sessions_with_primary == 0
    assert kpis.accessory_attachment_rate is None


def test_an_empty_window_gives_zeros_and_no_rates() -> None:
    since, until = T0, T0 + dt.timedelta(days=1)
    kpis = compute_kpis([], CATEGORIES, since=since, until=until)
    assert kpis == Kpis(since=since, until=until)
    assert kpis.sessions == kpis.sessions_adding_to_cart == kpis.sessions_ordering == 0
    assert kpis.add_to_cart_share is None
    assert kpis.seconds_to_add_median is kpis.seconds_to_add_p90 is None
    assert kpis.accessory_attachment_rate is None
    only_browsing = compute_kpis(session("t"), CATEGORIES)
    assert only_browsing.add_to_cart_share == 0.0
    assert only_browsing.seconds_to_add_median is None


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([7.0], 0.9, 7.0),
        ([1.0, 3.0], 0.5, 2.0),
        ([4.0, 1.0, 3.0, 2.0], 0.5, 2.5),
        ([float(n) for n in range(1, 11)], 0.9, 9.1),
        ([1.0, 2.0, 3.0], 1.0, 3.0),
    ],
)
def test_percentiles_interpolate_between_ranks(
    values: list[float], q: float, expected: float
) -> None:
    assert percentile(values, q) == pytest.approx(expected)
    assert percentile([], q) is None
