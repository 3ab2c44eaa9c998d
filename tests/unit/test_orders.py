"""Orders: placed once per dedupe key (even racing), with the stock they take; read back."""

from __future__ import annotations

import datetime as dt
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select, update

from store.catalog import Catalog
from store.commerce_errors import CartError
from store.commerce_schema import commerce_metadata, order_lines
from store.commerce_schema import orders as orders_table
from store.orders import Order, OrderLine, OutOfStockError, orders, place_order
from store.schema import offers
from tests.conftest import NOW


@pytest.fixture
def shop(loaded: Catalog) -> Catalog:
    commerce_metadata.create_all(loaded.engine)
    return loaded


def _place(catalog: Catalog, dedupe_key: str, *lines: OrderLine, **fields: object) -> Order | None:
    with catalog.engine.begin() as conn:
        return place_order(
            conn,
            account_id=str(fields.get("account_id", "acct_ann")),
            lines=lines,
            currency="USD",
            source="checkout",
            dedupe_key=dedupe_key,
            now=fields.get("now", NOW),  # type: ignore[arg-type]
        )


def _stock(catalog: Catalog, product_id: str) -> int | None:
    offer = catalog.offer(product_id)
    assert offer is not None
    return offer.stock


def _count(catalog: Catalog, table: object) -> int:
    with catalog.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


QUIET = OrderLine(product_id="BL-QUIET", quantity=2, unit_price_cents=12999)
LOUD = OrderLine(product_id="BL-LOUD", quantity=1, unit_price_cents=8900)


def test_an_order_is_stored_with_its_lines_and_takes_its_stock(shop: Catalog) -> None:
    order = _place(shop, "k1", QUIET, LOUD)
    assert order is not None and order.id.startswith("ord_") and len(order.id) == 20
    assert order.total_cents == 2 * 12999 + 8900 and order.currency == "USD"
    assert order.status == "placed" and order.source == "checkout" and order.created_at == NOW
    assert _stock(shop, "BL-QUIET") == 10 and _stock(shop, "BL-LOUD") == 3
    assert orders(shop.engine, "acct_ann") == [order]
    assert orders(shop.engine, "acct_bob") == []


def test_the_same_dedupe_key_places_nothing_the_second_time(shop: Catalog) -> None:
    first = _place(shop, "k1", QUIET)
    again = _place(shop, "k1", QUIET, LOUD)
    assert first is not None and again is None
    assert _stock(shop, "BL-QUIET") == 10 and _stock(shop, "BL-LOUD") == 4
    assert _count(shop, orders_table) == 1 and _count(shop, order_lines) == 1


def test_short_stock_refuses_the_order_and_leaves_the_callers_transaction_clean(
    shop: Catalog,
) -> None:
    short = OrderLine(product_id="BL-LOUD", quantity=5, unit_price_cents=8900)
    with shop.engine.begin() as conn:
        with pytest.raises(OutOfStockError, match="only 4 of 'BL-LOUD' in stock; 5 wanted"):
            place_order(
                conn,
                account_id="acct_ann",
                lines=[QUIET, short],
                currency="USD",
                source="auto_buy",
                dedupe_key="k1",
                now=NOW,
            )
        # The caller goes on and commits: nothing of the refused order may come with it.
        conn.execute(update(offers).where(offers.c.product_id == "HP-BUDGET").values(stock=50))
    assert _stock(shop, "BL-QUIET") == 12 and _stock(shop, "BL-LOUD") == 4
    assert _stock(shop, "HP-BUDGET") == 50
    assert _count(shop, orders_table) == 0
    assert _place(shop, "k1", QUIET) is not None  # the key was not used up


def test_untracked_stock_is_left_alone_and_a_product_without_offer_is_refused(
    shop: Catalog,
) -> None:
    with shop.engine.begin() as conn:
        conn.execute(update(offers).where(offers.c.product_id == "BL-QUIET").values(stock=None))
    assert _place(shop, "k1", QUIET.model_copy(update={"quantity": 500})) is not None
    assert _stock(shop, "BL-QUIET") is None
    gone = OrderLine(product_id="NO-SUCH", quantity=1, unit_price_cents=100)
    with pytest.raises(OutOfStockError, match="'NO-SUCH' is not on sale"):
        _place(shop, "k2", gone)
    assert issubclass(OutOfStockError, CartError)
    with pytest.raises(ValueError, match="at least one line"):
        _place(shop, "k3")


def test_orders_are_listed_newest_first_with_lines_in_order(shop: Catalog) -> None:
    older = _place(shop, "k1", LOUD, QUIET, now=NOW - dt.timedelta(days=1))
    newer = _place(shop, "k2", QUIET, now=NOW)
    listed = orders(shop.engine, "acct_ann")
    assert older is not None and newer is not None
    assert [o.id for o in listed] == [newer.id, older.id]
    assert [line.product_id for line in listed[1].lines] == ["BL-LOUD", "BL-QUIET"]
    assert listed[1].lines[1] == QUIET and listed[1].total_cents == 8900 + 2 * 12999


def test_two_connections_placing_one_dedupe_key_at_once_make_one_order(shop: Catalog) -> None:
    start = threading.Barrier(2)

    def place() -> Order | None:
        with shop.engine.begin() as conn:
            start.wait(timeout=5)
            placed = place_order(
                conn,
                account_id="acct_ann",
                lines=[QUIET],
                currency="USD",
                source="auto_buy",
                dedupe_key="alert-1:1",
                now=NOW,
            )
            time.sleep(0.3)  # hold the transaction open: the other must wait, not slip by
            return placed

    with ThreadPoolExecutor(2) as pool:
        results = [f.result(timeout=30) for f in [pool.submit(place), pool.submit(place)]]
    placed = [r for r in results if r is not None]
    assert len(placed) == 1 and results.count(None) == 1
    assert orders(shop.engine, "acct_ann") == placed
    assert _stock(shop, "BL-QUIET") == 10
