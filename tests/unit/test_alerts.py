"""The alert book: making, listing, deleting alerts, auto-buy, webhooks, on both databases."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from store.alert_views import (
    AlertError,
    AlertInputError,
    AutoBuyError,
    DropPercentError,
    TargetPriceError,
    UnknownAlertError,
    UnknownCategoryError,
    UnknownProductError,
    WebhookError,
)
from store.alerts import AlertBook
from store.alerts_schema import alerts, webhooks
from store.catalog import Catalog
from tests.alert_support import Clock, rows
from tests.conftest import NOW

ME, YOU = "acct_00000000000000aa", "acct_00000000000000bb"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def book(loaded: Catalog, clock: Clock) -> AlertBook:
    return AlertBook(loaded.engine, loaded, clock)


def test_a_price_alert_below_the_price_is_armed_and_keeps_its_figures(book: AlertBook) -> None:
    alert = book.create(
        ME, product_id="BL-QUIET", condition="price_at_most", target=99.5, source_thread_id="t1"
    )
    assert alert.id.startswith("alr_") and len(alert.id) == 20
    assert (alert.target_price, alert.baseline_price) == (99.5, 129.99)
    assert alert.armed and not alert.met_now
    assert (alert.fired_count, alert.auto_buy, alert.source_thread_id) == (0, None, "t1")
    assert alert.created_at == NOW
    [row] = rows(book.engine, alerts)
    assert (row["target_cents"], row["baseline_cents"], row["account_id"]) == (9950, 12999, ME)


def test_an_alert_already_met_is_accepted_unarmed_and_says_so(book: AlertBook) -> None:
    at_or_above = book.create(ME, product_id="BL-QUIET", condition="price_at_most", target=129.99)
    in_stock = book.create(ME, product_id="BL-LOUD", condition="back_in_stock")
    deal_on = book.create(ME, product_id="HP-ANC", condition="deal_starts")
    for alert in (at_or_above, in_stock, deal_on):
        assert alert.met_now and not alert.armed
    out_of_stock = book.create(ME, product_id="BL-PRICEY", condition="back_in_stock")
    no_deal = book.create(ME, product_id="BL-QUIET", condition="deal_starts")
    assert out_of_stock.armed and not out_of_stock.met_now
    assert no_deal.armed and not no_deal.met_now


def test_a_drop_alert_measures_from_the_price_the_shopper_pays_now(book: AlertBook) -> None:
    on_deal = book.create(ME, product_id="HP-ANC", condition="drop_by_percent", drop_percent=10)
    assert (on_deal.baseline_price, on_deal.drop_percent, on_deal.armed) == (149.0, 10.0, True)


def test_a_category_alert_watches_deals_by_name_or_path(book: AlertBook) -> None:
    by_name = book.create(ME, category="blenders", condition="deal_starts")
    by_path = book.create(ME, category="Electronics > Headphones", condition="deal_starts")
    assert (by_name.category, by_name.product_id, by_name.armed) == ("blenders", None, True)
    assert by_path.met_now and not by_path.armed  # HP-ANC's deal runs now


QUIET = {"product_id": "BL-QUIET"}
AT_MOST = {**QUIET, "condition": "price_at_most"}
DROP = {**QUIET, "condition": "drop_by_percent"}


@pytest.mark.parametrize(
    ("fields", "error", "words"),
    [
        ({**QUIET, "condition": "cheaper"}, AlertInputError, "unknown condition"),
        ({"condition": "deal_starts"}, AlertInputError, "product_id or a category"),
        ({**QUIET, "category": "Blenders", "condition": "deal_starts"}, AlertInputError, "one of"),
        ({"category": "Blenders", "condition": "back_in_stock"}, AlertInputError, "deal_starts"),
        (AT_MOST, TargetPriceError, "needs a target"),
        ({**AT_MOST, "target": 0}, TargetPriceError, "above zero"),
        ({**AT_MOST, "target": -5}, TargetPriceError, "above zero"),
        ({**AT_MOST, "target": 0.004}, TargetPriceError, "above zero"),
        ({**AT_MOST, "target": float("nan")}, TargetPriceError, "above zero"),
        ({**AT_MOST, "target": float("inf")}, TargetPriceError, "above zero"),
        ({**QUIET, "condition": "back_in_stock", "target": 50}, AlertInputError, "price_at_most"),
        ({**DROP, "drop_percent": 0.5}, DropPercentError, "1 to 90"),
        ({**DROP, "drop_percent": 95}, DropPercentError, "1 to 90"),
        (DROP, DropPercentError, "1 to 90"),
        ({**QUIET, "condition": "deal_starts", "drop_percent": 5}, AlertInputError, "drop_by"),
        ({"product_id": "NOPE", "condition": "back_in_stock"}, UnknownProductError, "'NOPE'"),
        ({"product_id": "BL\x00", "condition": "back_in_stock"}, UnknownProductError, "BL"),
        ({"category": "Blen\x00", "condition": "deal_starts"}, UnknownCategoryError, "Blen"),
        ({"category": "Espresso", "condition": "deal_starts"}, UnknownCategoryError, "Espresso"),
        ({"category": "  ", "condition": "deal_starts"}, UnknownCategoryError, "category"),
    ],
)
def test_bad_alerts_are_refused_with_a_reason(
    book: AlertBook, fields: dict[str, Any], error: type[AlertError], words: str
) -> None:
    with pytest.raises(error, match=words):
        book.create(ME, **fields)
    assert book.list(ME) == []


@pytest.mark.parametrize(
    ("target", "auto_buy", "words"),
    [
        (100, (1, None), "needs a spend cap"),
        (100, (0, 500), "from 1 to 10"),
        (100, (11, 5000), "from 1 to 10"),
        (100, (2, 199.99), r"199.99 is below 2 × 100.00 = 200.00"),
        (100, (1, -1), "above zero"),
    ],
)
def test_bad_auto_buy_is_refused(
    book: AlertBook, target: float, auto_buy: tuple[int, float | None], words: str
) -> None:
    with pytest.raises(AutoBuyError, match=words):
        book.create(
            ME, product_id="BL-QUIET", condition="price_at_most", target=target, auto_buy=auto_buy
        )
    assert book.list(ME) == []


def test_auto_buy_only_goes_with_a_price_target_on_a_product(book: AlertBook) -> None:
    with pytest.raises(AutoBuyError, match="price_at_most"):
        book.create(ME, product_id="BL-PRICEY", condition="back_in_stock", auto_buy=(1, 500))
    with pytest.raises(AutoBuyError, match="price_at_most"):
        book.create(ME, category="Blenders", condition="deal_starts", auto_buy=(1, 500))


def test_auto_buy_waits_for_the_shoppers_confirmation(book: AlertBook, clock: Clock) -> None:
    alert = book.create(
        ME, product_id="BL-QUIET", condition="price_at_most", target=100, auto_buy=(2, 200)
    )
    assert alert.auto_buy is not None
    assert (alert.auto_buy.quantity, alert.auto_buy.spend_cap) == (2, 200.0)
    assert alert.auto_buy.confirmed_at is None
    with pytest.raises(UnknownAlertError):
        book.confirm_auto_buy(YOU, alert.id)
    first = clock.advance(minutes=5)
    confirmed = book.confirm_auto_buy(ME, alert.id)
    assert confirmed.auto_buy is not None and confirmed.auto_buy.confirmed_at == first
    clock.advance(minutes=5)
    again = book.confirm_auto_buy(ME, alert.id)
    assert again.auto_buy is not None and again.auto_buy.confirmed_at == first
    plain = book.create(ME, product_id="BL-QUIET", condition="price_at_most", target=100)
    with pytest.raises(AutoBuyError, match="no auto-buy"):
        book.confirm_auto_buy(ME, plain.id)


def test_each_account_sees_and_deletes_only_its_own_alerts(book: AlertBook, clock: Clock) -> None:
    mine = book.create(ME, product_id="BL-QUIET", condition="price_at_most", target=100)
    clock.advance(seconds=1)
    also_mine = book.create(ME, product_id="BL-PRICEY", condition="back_in_stock")
    yours = book.create(YOU, product_id="BL-QUIET", condition="deal_starts")
    assert [a.id for a in book.list(ME)] == [mine.id, also_mine.id]
    assert [a.id for a in book.list(YOU)] == [yours.id]
    with pytest.raises(UnknownAlertError, match=yours.id):
        book.delete(ME, yours.id)
    for unknown in (yours.id, "alr_\x00", ""):
        with pytest.raises(UnknownAlertError):
            book.get(ME, unknown)
        with pytest.raises(UnknownAlertError):
            book.delete(ME, unknown)
    book.delete(ME, mine.id)
    assert [a.id for a in book.list(ME)] == [also_mine.id]
    with pytest.raises(UnknownAlertError):
        book.delete(ME, mine.id)
    [deleted] = [r for r in rows(book.engine, alerts) if r["id"] == mine.id]
    assert deleted["deleted_at"] == clock.now  # kept, for the notifications it sent


def test_an_account_keeps_a_bounded_number_of_alerts(
    book: AlertBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("store.alerts.MAX_LIVE_ALERTS", 2)
    for _ in range(2):
        book.create(ME, product_id="BL-PRICEY", condition="back_in_stock")
    with pytest.raises(AlertInputError, match="2 alerts at most"):
        book.create(ME, product_id="BL-PRICEY", condition="back_in_stock")
    book.create(YOU, product_id="BL-PRICEY", condition="back_in_stock")


def test_a_webhook_takes_http_urls_and_returns_its_secret(
    book: AlertBook, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHOPGRAPH_WEBHOOK_ALLOW_PRIVATE", "true")  # 127.0.0.1 below
    for bad in ("ftp://a.example/h", "javascript:alert(1)", "http://", "a.example", "http://a\x00"):
        with pytest.raises(WebhookError, match="http:// or https://"):
            book.set_webhook(ME, bad)
    secret = book.set_webhook(ME, "https://hooks.example.com/a")
    assert secret.startswith("whsec_") and len(secret) > 30
    clock.advance(minutes=1)
    with pytest.raises(WebhookError, match="16 to 128"):
        book.set_webhook(ME, "https://hooks.example.com/a", secret="s3cret")
    shared = "a-shared-secret-of-some-length"
    assert book.set_webhook(ME, " http://127.0.0.1:9/b ", secret=shared) == shared
    [row] = rows(book.engine, webhooks)
    assert row == {
        "account_id": ME,
        "url": "http://127.0.0.1:9/b",
        "secret": shared,
        "updated_at": NOW + dt.timedelta(minutes=1),
    }
