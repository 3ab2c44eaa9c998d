"""The cart API: changes under Idempotency-Keys, refusals with reasons, a confirmed checkout."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, cast

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient

from api.app import REFUSALS, create_app
from api.backend import Backend
from api.deps import strict_query
from api.errors import add_error_handlers
from api.routes import cart
from api.settings import ApiSettings
from graph.services import Services
from memory.accounts import AccountStore
from store.catalog import Catalog
from store.idempotency import (
    IdempotencyConflictError,
    IdempotencyInProgressError,
    IdempotencyKeys,
    StoredResponse,
)
from tests.api_client import api_client, new_key
from tests.conftest import NOW
from tests.fakes import fake_registry

sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def shop(loaded: Catalog) -> Catalog:
    """The loaded catalog with a clock that ticks, so cart lines have an order."""
    ticks = itertools.count()
    loaded.clock = lambda: NOW + dt.timedelta(seconds=next(ticks))
    return loaded


@contextmanager
def cart_client(catalog: Catalog) -> Iterator[TestClient]:
    """The real app once ``api/app.py`` mounts the cart router; until then, a small app
    with the router, set up the way the real one is."""
    if any(getattr(r, "path", "") == "/v1/cart" for r in create_app(ApiSettings()).routes):
        with api_client(catalog) as client:
            yield client
        return
    app = FastAPI()
    app.include_router(cart.router, responses=REFUSALS, dependencies=[Depends(strict_query)])
    add_error_handlers(app)
    services = Services.for_catalog(catalog, fake_registry())
    accounts = AccountStore(catalog.engine)
    app.state.backend = Backend(cast(Any, None), services, accounts, ApiSettings())
    with TestClient(app) as client:
        yield client


def _key(headers: dict[str, str], key: str | None = None) -> dict[str, str]:
    return {**headers, "Idempotency-Key": key or str(uuid.uuid4())}


@sqlite_only
def test_every_route_needs_an_account_and_every_change_a_key(loaded: Catalog) -> None:
    with cart_client(loaded) as client:
        ann = new_key(loaded, "ann")
        for method, path in [
            ("GET", "/v1/cart"),
            ("POST", "/v1/cart/items"),
            ("PATCH", "/v1/cart/items/BL-QUIET"),
            ("DELETE", "/v1/cart/items/BL-QUIET"),
            ("POST", "/v1/cart/checkout"),
            ("GET", "/v1/orders"),
        ]:
            assert client.request(method, path).status_code == 401, path
        added = client.post("/v1/cart/items", json={"product_id": "BL-QUIET"}, headers=ann)
        assert added.status_code == 400
        assert added.json() == {"detail": "send an Idempotency-Key header (e.g. a new UUID)"}
        assert client.get("/v1/cart", headers=ann).json()["lines"] == []


@sqlite_only
def test_add_change_and_remove_lines(shop: Catalog) -> None:
    with cart_client(shop) as client:
        ann = new_key(shop, "ann")
        body = {"product_id": "VAC-STICK", "quantity": 2, "variant": {"color": "red"}}
        added = client.post("/v1/cart/items", json=body, headers=_key(ann))
        assert added.status_code == 200
        line = added.json()["lines"][0]
        assert (line["variant"], line["unit_price"], line["line_total"]) == (
            {"color": "red"},
            309.0,
            618.0,
        )
        client.post(
            "/v1/cart/items",
            json={"product_id": "VAC-STICK", "variant": {"color": "blue"}},
            headers=_key(ann),
        )
        client.post("/v1/cart/items", json={"product_id": "BL-QUIET"}, headers=_key(ann))
        patched = client.patch("/v1/cart/items/BL-QUIET", json={"quantity": 3}, headers=_key(ann))
        assert [li["quantity"] for li in patched.json()["lines"]] == [2, 1, 3]
        removed = client.delete(
            "/v1/cart/items/VAC-STICK", params={"variant": "color=RED"}, headers=_key(ann)
        )
        assert [(li["product_id"], li["variant"]) for li in removed.json()["lines"]] == [
            ("VAC-STICK", {"color": "blue"}),
            ("BL-QUIET", {}),
        ]
        view = client.get("/v1/cart", headers=ann).json()
        assert view == removed.json()
        assert (view["total"], view["total_cents"], view["currency"]) == (688.97, 68897, "USD")


@sqlite_only
@pytest.mark.parametrize(
    ("method", "path", "body", "status", "reason"),
    [
        ("POST", "/v1/cart/items", {"product_id": "NOPE"}, 404, "no product with id 'NOPE'"),
        ("POST", "/v1/cart/items", {"product_id": "BL-LOUD", "quantity": 5}, 409, "only 4 of"),
        (
            "POST",
            "/v1/cart/items",
            {"product_id": "BL-QUIET", "quantity": 100},
            422,
            "less than or equal to 99",
        ),
        (
            "POST",
            "/v1/cart/items",
            {"product_id": "VAC-STICK"},
            422,
            "choose a variant of 'VAC-STICK'",
        ),
        (
            "POST",
            "/v1/cart/items",
            {"product_id": "VAC-STICK", "variant": {"color": "green"}},
            422,
            "no variant 'color=green'",
        ),
        ("PATCH", "/v1/cart/items/HP-ANC", {"quantity": 2}, 404, "'HP-ANC' is not in the cart"),
        ("DELETE", "/v1/cart/items/HP-ANC", None, 404, "'HP-ANC' is not in the cart"),
        (
            "POST",
            "/v1/cart/checkout",
            {"expected_total": 0, "confirm": True},
            409,
            "the cart is empty",
        ),
        (
            "POST",
            "/v1/cart/checkout",
            {"expected_total": 1, "confirm": False},
            422,
            "needs the shopper's confirmation",
        ),
        ("POST", "/v1/cart/checkout", {"expected_total": 1, "confirm": 1}, 422, "body.confirm"),
        (
            "POST",
            "/v1/cart/checkout",
            {"expected_total": 1.001, "confirm": True},
            422,
            "whole cents",
        ),
    ],
)
def test_refusals_answer_with_a_reason(
    loaded: Catalog, method: str, path: str, body: Any, status: int, reason: str
) -> None:
    with cart_client(loaded) as client:
        ann = new_key(loaded, "ann")
        response = client.request(method, path, json=body, headers=_key(ann))
        assert response.status_code == status, response.text
        assert set(response.json()) == {"detail"} and reason in response.json()["detail"]
        assert client.get("/v1/cart", headers=ann).json()["lines"] == []


@sqlite_only
def test_a_retried_change_replays_its_answer_and_a_reused_key_is_refused(loaded: Catalog) -> None:
    with cart_client(loaded) as client:
        ann, bob = new_key(loaded, "ann"), new_key(loaded, "bob")
        body = {"product_id": "BL-QUIET", "quantity": 2}
        first = client.post("/v1/cart/items", json=body, headers=_key(ann, "add-1"))
        again = client.post("/v1/cart/items", json=body, headers=_key(ann, "add-1"))
        assert again.status_code == 200 and again.json() == first.json()
        assert again.headers["idempotent-replayed"] == "true"
        assert "idempotent-replayed" not in first.headers
        assert client.get("/v1/cart", headers=ann).json()["lines"][0]["quantity"] == 2
        other = client.post(
            "/v1/cart/items", json={**body, "quantity": 3}, headers=_key(ann, "add-1")
        )
        assert other.status_code == 422
        assert other.json() == {
            "detail": "this Idempotency-Key was used with another request; use a new key"
        }
        elsewhere = client.delete("/v1/cart/items/BL-QUIET", headers=_key(ann, "add-1"))
        assert elsewhere.status_code == 422
        mine = client.post(
            "/v1/cart/items", json=body, headers=_key(bob, "add-1")
        )  # keys are per account
        assert mine.status_code == 200 and "idempotent-replayed" not in mine.headers


@sqlite_only
def test_checkout_orders_the_confirmed_total_once(loaded: Catalog) -> None:
    with cart_client(loaded) as client:
        ann = new_key(loaded, "ann")
        client.post(
            "/v1/cart/items", json={"product_id": "HP-ANC", "quantity": 2}, headers=_key(ann)
        )
        shown = client.get("/v1/cart", headers=ann).json()["total"]
        assert shown == 298.0  # the deal price, twice
        stale = client.post(
            "/v1/cart/checkout",
            json={"expected_total": 398.0, "confirm": True},
            headers=_key(ann, "pay"),
        )
        assert stale.status_code == 409
        assert stale.json() == {
            "detail": "the total is now 298.00 USD, not 398.00: confirm the new total to check out"
        }
        # A refused request used up nothing: the same key goes on with the total now shown.
        body = {"expected_total": shown, "confirm": True}
        placed = client.post("/v1/cart/checkout", json=body, headers=_key(ann, "pay"))
        assert placed.status_code == 201, placed.text
        receipt = placed.json()
        assert receipt["id"].startswith("ord_") and receipt["source"] == "checkout"
        assert (receipt["total"], receipt["currency"], receipt["status"]) == (
            298.0,
            "USD",
            "placed",
        )
        assert receipt["lines"] == [
            {
                "product_id": "HP-ANC",
                "variant": {},
                "quantity": 2,
                "unit_price": 149.0,
                "line_total": 298.0,
            }
        ]
        retried = client.post("/v1/cart/checkout", json=body, headers=_key(ann, "pay"))
        assert retried.status_code == 201 and retried.json() == receipt
        assert client.post("/v1/cart/checkout", json=body, headers=_key(ann)).status_code == 409
        assert client.get("/v1/orders", headers=ann).json() == [receipt]
        assert client.get("/v1/cart", headers=ann).json()["lines"] == []
    offer = loaded.offer("HP-ANC")
    assert offer is not None and offer.stock == 28


def test_idempotency_keys_store_replay_reserve_save_and_release(catalog: Catalog) -> None:
    keys = IdempotencyKeys(catalog.engine)
    assert keys.replay("acct_a", "k", "h1") is None
    assert keys.reserve("acct_a", "k", "h1") is True
    assert keys.reserve("acct_a", "k", "h1") is False
    with pytest.raises(IdempotencyInProgressError):
        keys.replay("acct_a", "k", "h1")
    keys.save("acct_a", "k", "h1", 201, {"id": "ord_1", "lines": [1, 2]})
    assert keys.replay("acct_a", "k", "h1") == StoredResponse(
        status_code=201, response={"id": "ord_1", "lines": [1, 2]}
    )
    with pytest.raises(IdempotencyConflictError):
        keys.replay("acct_a", "k", "h2")
    keys.release("acct_a", "k")  # a finished request's answer stays
    assert keys.replay("acct_a", "k", "h1") is not None
    assert keys.replay("acct_b", "k", "h2") is None
    assert keys.reserve("acct_b", "k", "h2") is True
    keys.release("acct_b", "k")
    assert keys.replay("acct_b", "k", "h3") is None


def test_two_requests_reserving_one_key_at_once_get_it_once(catalog: Catalog) -> None:
    keys = IdempotencyKeys(catalog.engine)
    with ThreadPoolExecutor(8) as pool:
        won = list(pool.map(lambda _: keys.reserve("acct_a", "k", "h"), range(8)))
    assert won.count(True) == 1
