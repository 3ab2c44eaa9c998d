"""``PUT``, ``GET`` and ``DELETE /v1/webhook`` through the real app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from store.alert_worker import evaluate_alerts
from store.alerts_schema import webhook_deliveries, webhooks
from store.catalog import Catalog
from store.webhooks import deliver_webhooks, sign
from tests.alert_support import load_offers, offer, rows, webhook_receiver
from tests.api_client import api_client, new_key
from tests.conftest import NOW

HOOK = "https://hooks.example.com/shopgraph"


@pytest.fixture(autouse=True)
def _local_receivers_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stand-in receivers listen on 127.0.0.1: allow private webhook targets."""
    monkeypatch.setenv("SHOPGRAPH_WEBHOOK_ALLOW_PRIVATE", "true")


@pytest.fixture
def client(loaded: Catalog) -> Iterator[TestClient]:
    with api_client(loaded) as client:
        yield client


def test_a_webhook_is_set_shown_without_its_secret_and_removed(
    loaded: Catalog, client: TestClient
) -> None:
    me, you = new_key(loaded, "me"), new_key(loaded, "you")
    assert client.get("/v1/webhook", headers=me).status_code == 404
    made = client.put("/v1/webhook", json={"url": f" {HOOK} "}, headers=me)
    assert made.status_code == 200, made.text
    assert made.json()["url"] == HOOK
    secret = made.json()["secret"]
    assert secret.startswith("whsec_")
    shown = client.get("/v1/webhook", headers=me)
    assert shown.status_code == 200
    assert shown.json() == {"url": HOOK, "updated_at": "2026-11-22T12:00:00Z"}
    assert secret not in shown.text
    assert client.get("/v1/webhook", headers=you).status_code == 404
    assert client.delete("/v1/webhook", headers=you).status_code == 404

    shared = "a-shared-secret-of-some-length"
    replaced = client.put("/v1/webhook", json={"url": HOOK + "/v2", "secret": shared}, headers=me)
    assert replaced.json() == {"url": HOOK + "/v2", "secret": shared}
    assert [row["url"] for row in rows(loaded.engine, webhooks)] == [HOOK + "/v2"]

    assert client.delete("/v1/webhook", headers=me).status_code == 204
    assert client.get("/v1/webhook", headers=me).status_code == 404
    again = client.delete("/v1/webhook", headers=me)
    assert again.status_code == 404
    assert again.json() == {"detail": "the account has no webhook"}


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"url": "ftp://hooks.example.com/h"}, "must be http:// or https://"),
        ({"url": "hooks.example.com/h"}, "must be http:// or https://"),
        ({"url": "http://"}, "must be http:// or https://"),
        ({"url": "http://[::1/h"}, "must be http:// or https://"),
        ({"url": "http://hooks.example.com:99999/h"}, "must be http:// or https://"),
        ({"url": "http://hooks example.com/h"}, "must be http:// or https://"),
        ({"url": "http://hooks.example.com/\x00"}, "must be http:// or https://"),
        ({"url": HOOK, "secret": "short"}, "16 to 128 printable characters"),
        ({"url": HOOK, "secret": "sixteen-chars-\x00-and-a-nul"}, "16 to 128 printable"),
        ({"url": HOOK, "secret": "x" * 129}, "body.secret"),
        ({"url": "https://h.example/" + "a" * 2048}, "body.url"),
        ({"secret": "a-shared-secret-of-some-length"}, "body.url: Field required"),
        ({"url": HOOK, "events": ["alert"]}, "body.events"),
        ({"url": 42}, "body.url"),
    ],
)
def test_a_bad_webhook_is_422_with_the_reason(
    loaded: Catalog, client: TestClient, body: dict[str, Any], reason: str
) -> None:
    me = new_key(loaded, "me")
    refused = client.put("/v1/webhook", json=body, headers=me)
    assert refused.status_code == 422
    assert reason in refused.json()["detail"]
    assert rows(loaded.engine, webhooks) == []


def test_the_routes_need_an_account_and_take_no_query(loaded: Catalog, client: TestClient) -> None:
    for method in ("GET", "PUT", "DELETE"):
        assert client.request(method, "/v1/webhook", json={"url": HOOK}).status_code == 401
    me = new_key(loaded, "me")
    assert client.get("/v1/webhook", params={"url": HOOK}, headers=me).status_code == 422
    unreadable = me | {"Content-Type": "application/json"}
    assert client.put("/v1/webhook", content=b"\xff", headers=unreadable).status_code == 400


def test_a_webhook_set_by_api_gets_signed_notifications_until_removed(
    loaded: Catalog, client: TestClient, tmp_path: Path
) -> None:
    me = new_key(loaded, "me")
    body = {"product_id": "BL-QUIET", "condition": "price_at_most", "target_price": 100}
    assert client.post("/v1/alerts", json=body, headers=me).status_code == 201
    with webhook_receiver(500) as receiver:
        secret = client.put("/v1/webhook", json={"url": receiver.url}, headers=me).json()["secret"]
        load_offers(loaded, tmp_path, offer("BL-QUIET", 99))
        evaluate_alerts(loaded.engine, now=NOW)
        assert deliver_webhooks(loaded.engine, now=NOW).failed == 1  # answered 500: retried
        [(headers, sent)] = receiver.received
        assert headers["x-shopgraph-signature"] == sign(sent, secret)

        assert client.delete("/v1/webhook", headers=me).status_code == 204
        [delivery] = rows(loaded.engine, webhook_deliveries)
        assert delivery["next_attempt_at"] is None  # no more retries
        assert delivery["last_error"] == "the webhook was removed"
        later = deliver_webhooks(loaded.engine, now=NOW.replace(hour=13))
        assert (later.delivered, later.failed, len(receiver.received)) == (0, 0, 1)
