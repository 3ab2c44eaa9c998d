"""A retried alert request makes one alert: a chat "confirm" resumed again after a crash,
``POST /v1/alerts`` retried with its ``Idempotency-Key``."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

from memory.accounts import AccountStore
from store.alert_views import Alert
from store.alerts import AlertBook
from store.alerts_schema import alert_requests, alerts
from store.catalog import Catalog
from tests.alert_support import rows
from tests.api_client import api_client, chat, new_key, parse_sse

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

AT_99 = {"product_id": "BL-QUIET", "condition": "price_at_most", "target_price": 99}


class Crash:
    """The process dying after the alert committed, before LangGraph saved the step."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.armed = False
        self.made: list[Alert] = []
        create = AlertBook.create

        def creating(book: AlertBook, *args: Any, **kwargs: Any) -> Alert:
            alert = create(book, *args, **kwargs)
            self.made.append(alert)
            return alert

        monkeypatch.setattr(AlertBook, "create", creating)
        for name in ("aput", "aput_writes"):  # the step's writes, then its checkpoint
            monkeypatch.setattr(AsyncSqliteSaver, name, self._dies(getattr(AsyncSqliteSaver, name)))

    def _dies(self, save: Any) -> Any:
        async def saving(saver: Any, *args: Any, **kwargs: Any) -> Any:
            if self.armed and self.made:
                raise ConnectionError("the process died")
            return await save(saver, *args, **kwargs)

        return saving


def resume(client: TestClient, headers: dict[str, str], thread: str) -> list[dict[str, Any]]:
    response = client.post(
        f"/v1/threads/{thread}/resume", json={"decision": "confirm"}, headers=headers
    )
    assert response.status_code == 200, response.text
    return parse_sse(response.text)


def text(events: list[dict[str, Any]]) -> str:
    return "".join(e["text"] for e in events if e["type"] == "token")


@pytest.mark.parametrize(
    ("message", "auto_buy"),
    [
        ("tell me when it drops below $100", False),
        ("buy 2 when it drops below $80, spend at most $170", True),
    ],
)
def test_a_confirm_resumed_again_after_a_crash_makes_one_alert(
    loaded: Catalog, monkeypatch: pytest.MonkeyPatch, message: str, auto_buy: bool
) -> None:
    crash = Crash(monkeypatch)
    with api_client(loaded) as client:
        ann = new_key(loaded, "ann")
        events = chat(client, ann, message=message, product_id="BL-QUIET")
        thread = events[0]["thread_id"]
        proposal = events[-2]["value"]
        crash.armed = True
        died = resume(client, ann, thread)
        assert [e["type"] for e in died][-2:] == ["error", "end"]
        waiting = client.get(f"/v1/threads/{thread}", headers=ann).json()["pending"]
        assert waiting["proposal_id"] == proposal["proposal_id"]  # the crash window: still asked

        crash.armed = False
        again = resume(client, ann, thread)
        assert text(again).startswith("Done: ")
        assert client.get(f"/v1/threads/{thread}", headers=ann).json()["pending"] is None
        listed = client.get("/v1/alerts", headers=ann).json()
    first, second = crash.made  # the confirm step ran twice...
    assert first.id == second.id  # ...and made one alert
    [row] = rows(loaded.engine, alerts)
    assert [a["id"] for a in listed] == [row["id"]] == [first.id]
    [request] = rows(loaded.engine, alert_requests)
    assert request["dedupe_key"] == f"alert:{proposal['proposal_id']}"
    assert (row["auto_buy"], row["confirmed_at"] is not None) == (auto_buy, auto_buy)


def keyed(headers: dict[str, str], key: str) -> dict[str, str]:
    return {**headers, "Idempotency-Key": key}


def test_the_same_key_and_body_answer_the_first_alert(loaded: Catalog) -> None:
    with api_client(loaded) as client:
        me, key = new_key(loaded, "me"), str(uuid.uuid4())
        first = client.post("/v1/alerts", json=AT_99, headers=keyed(me, key))
        again = client.post("/v1/alerts", json=AT_99, headers=keyed(me, key))
        listed = client.get("/v1/alerts", headers=me).json()
    assert (first.status_code, again.status_code) == (201, 201), again.text
    assert "idempotent-replayed" not in first.headers
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert [a["id"] for a in listed] == [first.json()["id"]]


def test_the_same_key_with_another_body_is_refused_with_the_reason(loaded: Catalog) -> None:
    with api_client(loaded) as client:
        me, key = new_key(loaded, "me"), str(uuid.uuid4())
        first = client.post("/v1/alerts", json=AT_99, headers=keyed(me, key))
        other = client.post("/v1/alerts", json=AT_99 | {"target_price": 90}, headers=keyed(me, key))
        listed = client.get("/v1/alerts", headers=me).json()
    assert first.status_code == 201, first.text
    assert other.status_code == 422
    assert other.json() == {
        "detail": "this Idempotency-Key was used with another request; use a new key"
    }
    assert [a["id"] for a in listed] == [first.json()["id"]]


def test_without_a_key_every_request_makes_an_alert_as_before(loaded: Catalog) -> None:
    with api_client(loaded) as client:
        me = new_key(loaded, "me")
        made = [client.post("/v1/alerts", json=AT_99, headers=me) for _ in range(2)]
        listed = client.get("/v1/alerts", headers=me).json()
    assert [m.status_code for m in made] == [201, 201]
    assert all("idempotent-replayed" not in m.headers for m in made)
    assert len({a["id"] for a in listed}) == 2
    assert rows(loaded.engine, alert_requests) == []


def test_a_refused_request_keeps_no_key_and_an_unusable_key_is_refused(loaded: Catalog) -> None:
    with api_client(loaded) as client:
        me, key = new_key(loaded, "me"), str(uuid.uuid4())
        no_target = {"product_id": "BL-QUIET", "condition": "price_at_most"}
        refused = client.post("/v1/alerts", json=no_target, headers=keyed(me, key))
        fixed = client.post("/v1/alerts", json=AT_99, headers=keyed(me, key))
        too_long = client.post("/v1/alerts", json=AT_99, headers=keyed(me, "k" * 256))
        listed = client.get("/v1/alerts", headers=me).json()
    assert refused.status_code == 422 and "needs a target price" in refused.json()["detail"]
    assert fixed.status_code == 201, fixed.text  # nothing was made: the key runs again
    assert too_long.status_code == 400
    assert "Idempotency-Key" in too_long.json()["detail"]
    assert [a["id"] for a in listed] == [fixed.json()["id"]]


def test_a_retry_whose_answer_was_lost_gets_the_alert_the_store_made(loaded: Catalog) -> None:
    """The alert committed but its answer was never stored (the request was cancelled)."""
    with api_client(loaded) as client:
        me, key = new_key(loaded, "me"), str(uuid.uuid4())
        account = next(a.id for a in AccountStore(loaded.engine).list_accounts())
        book = AlertBook(loaded.engine, loaded)
        lost = book.create(account, product_id="BL-QUIET", condition="price_at_most", target=99)
        committed = book.create(
            account,
            product_id="BL-QUIET",
            condition="price_at_most",
            target=99,
            dedupe_key=f"api:{key}",
        )
        retried = client.post("/v1/alerts", json=AT_99, headers=keyed(me, key))
        listed = client.get("/v1/alerts", headers=me).json()
    assert retried.status_code == 201, retried.text
    assert retried.json()["id"] == committed.id
    assert {a["id"] for a in listed} == {lost.id, committed.id}


def test_the_openapi_document_says_the_key_is_optional(loaded: Catalog) -> None:
    with api_client(loaded) as client:
        document = client.get("/openapi.json").json()
    operation = document["paths"]["/v1/alerts"]["post"]
    [header] = [p for p in operation["parameters"] if p["name"] == "Idempotency-Key"]
    assert (header["in"], header["required"]) == ("header", False)
    assert header["description"].startswith("Optional")
    assert "Idempotency-Key" in operation["description"]
    assert {"400", "409", "422"} <= set(operation["responses"])
