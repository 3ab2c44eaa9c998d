"""The alerts and notifications routes over HTTP (the app with both routers mounted)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import Depends
from fastapi.testclient import TestClient

from api.app import REFUSALS, create_app
from api.deps import strict_query
from api.routes import alerts, notifications
from api.settings import ApiSettings
from graph.services import Services
from graph.settings import AssistantSettings
from store.alert_worker import evaluate_alerts
from store.catalog import Catalog
from tests.alert_support import load_offers, offer
from tests.api_client import new_key
from tests.conftest import NOW
from tests.fakes import fake_registry


@pytest.fixture
def client(loaded: Catalog) -> Iterator[TestClient]:
    settings = AssistantSettings(default_model="fake")
    app = create_app(ApiSettings(), Services.for_catalog(loaded, fake_registry(), settings))
    mounted = {getattr(route, "path", None) for route in app.routes}
    for module in (alerts, notifications):
        if module.router.prefix not in mounted:
            app.include_router(
                module.router, responses=REFUSALS, dependencies=[Depends(strict_query)]
            )
    with TestClient(app) as client:
        yield client


def test_alerts_are_made_listed_confirmed_and_deleted_per_account(
    loaded: Catalog, client: TestClient
) -> None:
    me, you = new_key(loaded, "me"), new_key(loaded, "you")
    body = {"product_id": "BL-QUIET", "condition": "price_at_most", "target_price": 99}
    made = client.post(
        "/v1/alerts", json=body | {"auto_buy": {"quantity": 1, "spend_cap": 99}}, headers=me
    )
    assert made.status_code == 201, made.text
    alert = made.json()
    assert (alert["target_price"], alert["armed"], alert["met_now"]) == (99.0, True, False)
    assert alert["auto_buy"] == {"quantity": 1, "spend_cap": 99.0, "confirmed_at": None}
    assert [a["id"] for a in client.get("/v1/alerts", headers=me).json()] == [alert["id"]]
    assert client.get("/v1/alerts", headers=you).json() == []
    for other in (
        client.post(f"/v1/alerts/{alert['id']}/confirm", headers=you),
        client.delete(f"/v1/alerts/{alert['id']}", headers=you),
    ):
        assert other.status_code == 404
        assert other.json() == {"detail": f"no alert with id {alert['id']!r}"}
    confirmed = client.post(f"/v1/alerts/{alert['id']}/confirm", headers=me)
    assert confirmed.status_code == 200 and confirmed.json()["auto_buy"]["confirmed_at"]
    plain = client.post("/v1/alerts", json=body, headers=me).json()
    refused = client.post(f"/v1/alerts/{plain['id']}/confirm", headers=me)
    assert refused.status_code == 422 and "no auto-buy" in refused.json()["detail"]
    assert client.delete(f"/v1/alerts/{alert['id']}", headers=me).status_code == 204
    assert client.delete(f"/v1/alerts/{alert['id']}", headers=me).status_code == 404
    assert [a["id"] for a in client.get("/v1/alerts", headers=me).json()] == [plain["id"]]
    assert client.get("/v1/alerts").status_code == 401


QUIET = {"product_id": "BL-QUIET"}
AT_99 = {**QUIET, "condition": "price_at_most", "target_price": 99}


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"product_id": "NOPE", "condition": "back_in_stock"}, "no product with id 'NOPE'"),
        ({"category": "Espresso", "condition": "deal_starts"}, "no product is in a category"),
        ({**QUIET, "condition": "price_at_most"}, "needs a target price"),
        ({**AT_99, "target_price": 0}, "greater than 0"),
        ({**QUIET, "condition": "drop_by_percent", "drop_percent": 95}, "less than or equal to 90"),
        ({**QUIET, "condition": "sometime"}, "body.condition"),
        ({**AT_99, "auto_buy": {}}, "needs a spend cap"),
        ({**AT_99, "auto_buy": {"quantity": 2, "spend_cap": 100}}, "below 2 × 99.00"),
        ({**AT_99, "colour": "red"}, "body.colour"),
    ],
)
def test_bad_alerts_are_422_with_a_reason(
    loaded: Catalog, client: TestClient, body: dict[str, object], reason: str
) -> None:
    response = client.post("/v1/alerts", json=body, headers=new_key(loaded, "me"))
    assert response.status_code == 422
    assert reason in response.json()["detail"]


def test_the_inbox_lists_newest_first_and_marks_read(
    loaded: Catalog, client: TestClient, tmp_path: Path
) -> None:
    me, you = new_key(loaded, "me"), new_key(loaded, "you")
    body = {"product_id": "BL-QUIET", "condition": "price_at_most", "target_price": 100}
    client.post("/v1/alerts", json=body, headers=me)
    load_offers(loaded, tmp_path, offer("BL-QUIET", 99))
    evaluate_alerts(loaded.engine, now=NOW)
    [note] = client.get("/v1/notifications", params={"unread": "true"}, headers=me).json()
    assert (note["kind"], note["payload"]["price"], note["read_at"]) == ("alert", 99.0, None)
    assert client.get("/v1/notifications", headers=you).json() == []
    assert client.post(f"/v1/notifications/{note['id']}/read", headers=you).status_code == 404
    read = client.post(f"/v1/notifications/{note['id']}/read", headers=me)
    assert read.status_code == 200 and read.json()["read_at"] is not None
    assert client.get("/v1/notifications", params={"unread": "true"}, headers=me).json() == []
    assert len(client.get("/v1/notifications", headers=me).json()) == 1
    assert client.get("/v1/notifications", params={"unred": "1"}, headers=me).status_code == 422
