"""The cart: live prices, validation that writes nothing, and a checkout that orders once."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import delete, update

from store.cart import Cart
from store.catalog import Catalog
from store.commerce_errors import (
    CartError,
    EmptyCartError,
    MixedCurrencyError,
    NoOfferError,
    NoSuchProductError,
    NotInCartError,
    OutOfStockError,
    PriceChangedError,
    QuantityError,
    VariantError,
)
from store.orders import Order, orders
from store.schema import offers
from tests.conftest import NOW

ANN = "acct_ann"


@pytest.fixture
def cart(loaded: Catalog) -> Cart:
    # A clock that ticks, so lines added one after the other have an order; the fixture
    # catalog's deal still runs.
    ticks = itertools.count()
    loaded.clock = lambda: NOW + dt.timedelta(seconds=next(ticks))
    return Cart(loaded)


def _offer(catalog: Catalog, product_id: str, **values: Any) -> None:
    with catalog.engine.begin() as conn:
        conn.execute(update(offers).where(offers.c.product_id == product_id).values(**values))


def _stock(catalog: Catalog, product_id: str) -> int | None:
    offer = catalog.offer(product_id)
    assert offer is not None
    return offer.stock


def test_the_cart_shows_live_titles_prices_and_totals(cart: Cart) -> None:
    cart.add(ANN, "BL-QUIET", 2)
    view = cart.add(ANN, "HP-ANC")  # its Black Friday deal runs at the tests' clock
    assert [(li.product_id, li.quantity, li.unit_price, li.line_total) for li in view.lines] == [
        ("BL-QUIET", 2, 129.99, 259.98),
        ("HP-ANC", 1, 149.0, 149.0),
    ]
    assert view.lines[0].title and view.lines[0].in_stock and view.lines[0].problem is None
    assert (view.total_cents, view.total, view.currency) == (40898, 408.98, "USD")
    assert view.item_count == 3 and view.can_check_out
    _offer(cart.catalog, "BL-QUIET", price_cents=11999)
    assert cart.view(ANN).total_cents == 2 * 11999 + 14900
    assert cart.view("acct_bob").lines == [] and cart.view("acct_bob").currency is None


def test_adding_again_adds_up_and_quantities_are_bounded(cart: Cart) -> None:
    cart.add(ANN, "HP-BUDGET", 60)
    assert cart.add(ANN, "HP-BUDGET", 30).lines[0].quantity == 90
    with pytest.raises(
        QuantityError, match="at most 99 of one product per line; that would make 100"
    ):
        cart.add(ANN, "HP-BUDGET", 10)
    for wrong in (0, -1, 100):
        with pytest.raises(QuantityError, match=f"1 to 99, not {wrong}"):
            cart.add(ANN, "BL-QUIET", wrong)
    view = cart.view(ANN)
    assert [(li.product_id, li.quantity) for li in view.lines] == [("HP-BUDGET", 90)]


def test_unknown_products_missing_offers_and_short_stock_are_refused(cart: Cart) -> None:
    with pytest.raises(NoSuchProductError, match="no product with id 'NOPE'"):
        cart.add(ANN, "NOPE")
    with pytest.raises(OutOfStockError, match=r"only 4 of .* in stock; the cart holds 5"):
        cart.add(ANN, "BL-LOUD", 5)
    with pytest.raises(OutOfStockError, match="only 0 of"):
        cart.add(ANN, "BL-PRICEY")
    cart.add(ANN, "BL-LOUD", 4)
    with pytest.raises(OutOfStockError):
        cart.add(ANN, "BL-LOUD")
    with cart.engine.begin() as conn:
        conn.execute(delete(offers).where(offers.c.product_id == "BL-QUIET"))
    with pytest.raises(NoOfferError, match="is not on sale now"):
        cart.add(ANN, "BL-QUIET")
    assert [(li.product_id, li.quantity) for li in cart.view(ANN).lines] == [("BL-LOUD", 4)]
    assert all(
        issubclass(e, CartError) and issubclass(e, ValueError)
        for e in (QuantityError, VariantError)
    )


def test_variants_are_matched_normalised_and_priced(cart: Cart) -> None:
    with pytest.raises(
        VariantError, match="choose a variant of 'VAC-STICK': 'color=blue', 'color=red'"
    ):
        cart.add(ANN, "VAC-STICK")
    with pytest.raises(VariantError, match="has no variant 'color=green'"):
        cart.add(ANN, "VAC-STICK", variant={"color": "green"})
    with pytest.raises(VariantError, match="comes in one version only"):
        cart.add(ANN, "BL-QUIET", variant={"color": "blue"})
    cart.add(ANN, "VAC-STICK", variant={"Color": " BLUE "})
    view = cart.add(ANN, "VAC-STICK", variant={"color": "red"})
    assert [(li.variant, li.unit_price) for li in view.lines] == [
        ({"color": "blue"}, 299.0),
        ({"color": "red"}, 309.0),  # the red one costs 10 more
    ]
    assert view.total_cents == 29900 + 30900


def test_set_quantity_and_remove_find_lines_by_what_is_stored(cart: Cart) -> None:
    cart.add(ANN, "BL-QUIET")
    cart.add(ANN, "VAC-STICK", variant={"color": "blue"})
    cart.add(ANN, "VAC-STICK", variant={"color": "red"})
    assert cart.set_quantity(ANN, "BL-QUIET", 3).lines[0].quantity == 3
    with pytest.raises(VariantError, match="several variants of 'VAC-STICK'"):
        cart.set_quantity(ANN, "VAC-STICK", 2)
    view = cart.set_quantity(ANN, "VAC-STICK", 2, variant={"color": "RED"})
    assert [li.quantity for li in view.lines] == [3, 1, 2]
    with pytest.raises(OutOfStockError, match=r"only 7 of .* the cart holds 9"):
        cart.set_quantity(ANN, "VAC-STICK", 8, variant={"color": "red"})
    with pytest.raises(NotInCartError, match="'HP-ANC' is not in the cart"):
        cart.set_quantity(ANN, "HP-ANC", 1)
    view = cart.set_quantity(ANN, "BL-QUIET", 0)
    assert [li.product_id for li in view.lines] == ["VAC-STICK", "VAC-STICK"]
    assert cart.remove(ANN, "VAC-STICK").lines == []  # every variant
    with pytest.raises(NotInCartError):
        cart.remove(ANN, "VAC-STICK")


def test_a_line_that_can_no_longer_be_bought_shows_why_and_blocks_checkout(cart: Cart) -> None:
    cart.add(ANN, "BL-QUIET")
    cart.add(ANN, "BL-LOUD", 3)
    _offer(cart.catalog, "BL-LOUD", stock=2)
    view = cart.view(ANN)
    assert view.lines[1].in_stock is False and not view.can_check_out
    assert view.lines[1].problem is not None and "only 2 of" in view.lines[1].problem
    with pytest.raises(OutOfStockError):
        cart.checkout(ANN, expected_total_cents=view.total_cents, dedupe_key="k")
    _offer(cart.catalog, "BL-LOUD", currency="EUR", stock=10)
    view = cart.view(ANN)
    assert view.lines[1].problem is not None
    assert view.lines[1].problem.endswith("is priced in EUR, not USD")
    assert view.total_cents == 12999  # only lines in the cart's currency count
    with pytest.raises(MixedCurrencyError):
        cart.checkout(ANN, expected_total_cents=view.total_cents, dedupe_key="k")
    assert len(cart.view(ANN).lines) == 2 and orders(cart.engine, ANN) == []


def test_checkout_orders_the_cart_empties_it_and_takes_stock(cart: Cart) -> None:
    cart.add(ANN, "BL-QUIET", 2)
    cart.add(ANN, "VAC-STICK", variant={"color": "red"})
    order = cart.checkout(ANN, expected_total_cents=2 * 12999 + 30900, dedupe_key="k1")
    assert order.source == "checkout" and order.total_cents == 56898
    assert [
        (li.product_id, li.variant, li.quantity, li.unit_price_cents) for li in order.lines
    ] == [
        ("BL-QUIET", "", 2, 12999),
        ("VAC-STICK", "color=red", 1, 30900),
    ]
    assert cart.view(ANN).lines == []
    assert _stock(cart.catalog, "BL-QUIET") == 10 and _stock(cart.catalog, "VAC-STICK") == 6
    assert orders(cart.engine, ANN) == [order]


def test_checkout_again_with_the_same_key_returns_the_order_and_changes_nothing(
    cart: Cart,
) -> None:
    cart.add(ANN, "BL-QUIET")
    first = cart.checkout(ANN, expected_total_cents=12999, dedupe_key="k1")
    cart.add(ANN, "HP-BUDGET")
    again = cart.checkout(ANN, expected_total_cents=12999, dedupe_key="k1")
    assert again == first and orders(cart.engine, ANN) == [first]
    assert [li.product_id for li in cart.view(ANN).lines] == ["HP-BUDGET"]
    assert _stock(cart.catalog, "BL-QUIET") == 11 and _stock(cart.catalog, "HP-BUDGET") == 100
    with pytest.raises(CartError, match="another account's order"):
        cart.checkout("acct_bob", expected_total_cents=0, dedupe_key="k1")


def test_checkout_refuses_an_empty_cart_and_a_total_the_shopper_did_not_see(cart: Cart) -> None:
    with pytest.raises(EmptyCartError, match="the cart is empty"):
        cart.checkout(ANN, expected_total_cents=0, dedupe_key="k1")
    cart.add(ANN, "BL-QUIET")
    _offer(cart.catalog, "BL-QUIET", price_cents=13999)
    with pytest.raises(PriceChangedError, match=r"the total is now 139\.99 USD, not 129\.99"):
        cart.checkout(ANN, expected_total_cents=12999, dedupe_key="k1")
    assert cart.view(ANN).total_cents == 13999 and orders(cart.engine, ANN) == []
    assert _stock(cart.catalog, "BL-QUIET") == 12
    assert cart.checkout(ANN, expected_total_cents=13999, dedupe_key="k1").total_cents == 13999


@pytest.mark.parametrize("same_key", [True, False])
def test_two_checkouts_at_once_order_the_cart_once(cart: Cart, same_key: bool) -> None:
    cart.add(ANN, "BL-QUIET", 2)
    start = threading.Barrier(2)

    def check_out(key: str) -> Order | CartError:
        start.wait(timeout=5)
        try:
            return cart.checkout(ANN, expected_total_cents=25998, dedupe_key=key)
        except CartError as exc:
            return exc

    keys = ["k", "k"] if same_key else ["k1", "k2"]
    with ThreadPoolExecutor(2) as pool:
        results = [f.result(timeout=30) for f in [pool.submit(check_out, k) for k in keys]]
    placed = orders(cart.engine, ANN)
    assert len(placed) == 1 and _stock(cart.catalog, "BL-QUIET") == 10
    if same_key:
        assert results == [placed[0], placed[0]]
    else:
        assert sorted(type(r).__name__ for r in results) == ["EmptyCartError", "Order"]
