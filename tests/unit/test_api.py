"""The HTTP API: chat over SSE, accounts and their threads, the store, feedback, bad input."""

from __future__ import annotations

import pytest

from memory.accounts import AccountStore
from store.catalog import Catalog
from tests.api_client import api_client, chat, new_key

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def test_a_chat_streams_metadata_first_end_last_tokens_and_components_between(
    loaded: Catalog,
) -> None:
    with api_client(loaded) as client:
        events = chat(client, new_key(loaded, "ann"), message="a quiet blender under $150")
    types = [e["type"] for e in events]
    assert types[0] == "metadata" and types[-1] == "end"
    assert "token" in types and "component" in types and "suggestions" in types
    assert events[0]["thread_id"] and events[0]["run_id"]
    cards = [e["component"] for e in events if e["type"] == "component"]
    assert cards[0]["id"] == "BL-QUIET" and cards[0]["price"] == 129.99


def test_without_a_key_the_api_answers_401(loaded: Catalog) -> None:
    with api_client(loaded) as client:
        for method, path in [
            ("POST", "/v1/chat"),
            ("GET", "/v1/threads"),
            ("GET", "/v1/products"),
            ("POST", "/v1/feedback"),
        ]:
            response = client.request(method, path, json={"message": "hi"})
            assert response.status_code == 401, path
            assert response.headers["www-authenticate"] == "Bearer"
            assert "Authorization: Bearer" in response.json()["detail"]
        wrong = client.get("/v1/threads", headers={"Authorization": "Bearer sg_not-a-key"})
        assert wrong.status_code == 401 and wrong.json()["detail"] == "the API key is not valid"


def test_another_accounts_thread_answers_404(loaded: Catalog) -> None:
    with api_client(loaded) as client:
        ann, bob = new_key(loaded, "ann"), new_key(loaded, "bob")
        thread = chat(client, ann, message="a quiet blender")[0]["thread_id"]
        assert client.get(f"/v1/threads/{thread}", headers=bob).status_code == 404
        stolen = client.post("/v1/chat", json={"message": "hi", "thread_id": thread}, headers=bob)
        assert stolen.status_code == 404
        assert stolen.json()["detail"] == f"no conversation with id {thread!r}"
        rating = {"thread_id": thread, "run_id": "r", "rating": "up"}
        assert client.post("/v1/feedback", json=rating, headers=bob).status_code == 404
        assert client.get("/v1/threads", headers=bob).json() == []
        mine = client.get(f"/v1/threads/{thread}", headers=ann)
        assert mine.status_code == 200


def test_a_thread_keeps_its_turns_with_their_components(loaded: Catalog) -> None:
    with api_client(loaded) as client:
        ann = new_key(loaded, "ann")
        first = chat(client, ann, message="a quiet blender under $150")
        thread = first[0]["thread_id"]
        chat(client, ann, message="thanks!", thread_id=thread)
        view = client.get(f"/v1/threads/{thread}", headers=ann).json()
        listed = client.get("/v1/threads", headers=ann).json()
    assert [t["message"] for t in view["turns"]] == ["a quiet blender under $150", "thanks!"]
    assert view["turns"][0]["run_id"] == first[0]["run_id"]
    assert view["turns"][0]["components"][0]["id"] == "BL-QUIET"
    assert view["pending"] is None
    assert [t["title"] for t in listed] == ["a quiet blender under $150"]


@pytest.mark.parametrize(
    ("body", "status", "reason"),
    [
        ({"message": "   "}, 422, "body.message: String should match pattern"),
        ({"message": "x" * 5000}, 422, "the limit is 4000"),
        ({"message": "hi", "product_id": "NO-SUCH"}, 404, "no product with id 'NO-SUCH'"),
        ({"message": "hi", "thread_id": "nope"}, 404, "no conversation with id 'nope'"),
        ({"message": "hi", "model": "gpt-17"}, 404, "model 'gpt-17' is unknown"),
    ],
)
def test_bad_chat_requests_get_a_reason_and_store_nothing(
    loaded: Catalog, body: dict[str, str], status: int, reason: str
) -> None:
    with api_client(loaded) as client:
        ann = new_key(loaded, "ann")
        response = client.post("/v1/chat", json=body, headers=ann)
        assert response.status_code == status
        assert reason in response.json()["detail"]
        assert client.get("/v1/threads", headers=ann).json() == []


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        ('{"message": "hi"', "application/json"),  # malformed JSON
        ("{}", "application/json"),  # no message
        ('{"message": ""}', "application/json"),
        ('{"message": "hi", "extra": 1}', "application/json"),
        ("message=hi", "application/x-www-form-urlencoded"),
        ('{"message": "hi"}', "text/plain"),
    ],
)
def test_malformed_bodies_are_4xx_with_a_reason(
    loaded: Catalog, content: str, content_type: str
) -> None:
    with api_client(loaded) as client:
        ann = new_key(loaded, "ann")
        response = client.post(
            "/v1/chat", content=content, headers={**ann, "Content-Type": content_type}
        )
        assert 400 <= response.status_code < 500
        assert response.json()["detail"]
        assert client.get("/v1/threads", headers=ann).json() == []


def test_a_model_the_account_may_not_use_is_403(loaded: Catalog) -> None:
    with api_client(loaded, selectable_models=["local"]) as client:
        response = client.post(
            "/v1/chat", json={"message": "hi", "model": "fake"}, headers=new_key(loaded, "ann")
        )
    assert response.status_code == 403
    assert "'fake' is not available to this account" in response.json()["detail"]


def test_the_page_signs_the_browser_into_the_demo_account(loaded: Catalog) -> None:
    with api_client(loaded) as client:
        page = client.get("/")
        assert page.status_code == 200 and "<html" in page.text.lower()
        cookie = page.cookies["shopgraph_session"]
        assert "httponly" in page.headers["set-cookie"].lower()
        events = chat(client, {}, message="hi")  # the cookie is the session
        again = client.get("/")
        assert "set-cookie" not in again.headers  # a valid session is kept
        assert client.cookies["shopgraph_session"] == cookie
    store = AccountStore(loaded.engine)
    demo = store.demo_account()
    assert store.owns_thread(demo.id, events[0]["thread_id"])


def test_without_demo_sessions_the_page_gives_no_session(loaded: Catalog) -> None:
    with api_client(loaded, demo=False) as client:
        page = client.get("/")
        assert page.status_code == 200 and "set-cookie" not in page.headers
        assert client.post("/v1/chat", json={"message": "hi"}).status_code == 401


def test_products_search_and_detail(loaded: Catalog) -> None:
    with api_client(loaded) as client:
        ann = new_key(loaded, "ann")
        found = client.get("/v1/products", params={"q": "blender", "max_price": 150}, headers=ann)
        detail = client.get("/v1/products/BL-QUIET", headers=ann)
        missing = client.get("/v1/products/NO-SUCH", headers=ann)
        inverted = client.get(
            "/v1/products", params={"min_price": 100, "max_price": 10}, headers=ann
        )
    products = found.json()["products"]
    assert products and all(p["price"] <= 150 for p in products)
    body = detail.json()
    assert body["title"] == "Hushmix 600 Quiet Blender" and body["offer"]["price"] == 129.99
    assert body["price_history"]["product_id"] == "BL-QUIET"
    assert {a["aspect"] for a in body["aspects"]}
    assert missing.status_code == 404 and "NO-SUCH" in missing.json()["detail"]
    assert inverted.status_code == 422 and "min_price is above max_price" in inverted.text


def test_feedback_is_stored_for_the_evals(loaded: Catalog) -> None:
    with api_client(loaded) as client:
        ann = new_key(loaded, "ann")
        events = chat(client, ann, message="a quiet blender")
        thread, run = events[0]["thread_id"], events[0]["run_id"]
        rating = {"thread_id": thread, "run_id": run, "rating": "down", "comment": "too loud"}
        created = client.post("/v1/feedback", json=rating, headers=ann)
        bad = client.post("/v1/feedback", json={**rating, "rating": "meh"}, headers=ann)
    assert created.status_code == 201
    assert bad.status_code == 422
    stored = AccountStore(loaded.engine).feedback(thread_id=thread)
    assert [(f.run_id, f.rating, f.comment) for f in stored] == [(run, "down", "too loud")]


def test_resume_without_a_pending_action_is_409(loaded: Catalog) -> None:
    with api_client(loaded) as client:
        ann = new_key(loaded, "ann")
        thread = chat(client, ann, message="hi")[0]["thread_id"]
        response = client.post(
            f"/v1/threads/{thread}/resume", json={"decision": "confirm"}, headers=ann
        )
        assert response.status_code == 409
        assert response.json()["detail"] == "this conversation is not waiting for an answer"


def test_openapi_documents_every_endpoint_and_event(loaded: Catalog) -> None:
    with api_client(loaded) as client:
        schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/v1/chat",
        "/v1/threads",
        "/v1/threads/{thread_id}",
        "/v1/threads/{thread_id}/resume",
        "/v1/products",
        "/v1/products/{product_id}",
        "/v1/feedback",
    } <= paths
    names = set(schema["components"]["schemas"])
    assert {"Event", "MetadataEvent", "TokenEvent", "ComponentEvent", "EndEvent"} <= names
    stream = schema["paths"]["/v1/chat"]["post"]["responses"]["200"]["content"]
    assert stream["text/event-stream"]["schema"] == {"$ref": "#/components/schemas/ServerSentEvent"}
    frame = schema["components"]["schemas"]["ServerSentEvent"]["properties"]
    assert frame["data"]["contentSchema"] == {"$ref": "#/components/schemas/Event"}
    assert set(frame["event"]["enum"]) == {
        "metadata",
        "plan",
        "token",
        "component",
        "suggestions",
        "interrupt",
        "error",
        "end",
    }


def test_no_page_depends_on_a_cdn(loaded: Catalog) -> None:
    with api_client(loaded) as client:
        assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN
        page = client.get("/").text
        script = client.get("/static/app.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert "http://" not in page and "https://" not in page
