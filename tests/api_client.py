"""Building the HTTP app over a test catalog with fake models, and reading its event streams."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings
from graph.models import ModelRegistry
from graph.services import Services
from graph.settings import AssistantSettings
from memory.accounts import AccountStore
from store.catalog import Catalog
from tests.fakes import fake_registry

_FRAME = re.compile(r"\r?\n\r?\n")


def parse_sse(text: str) -> list[dict[str, Any]]:
    """The JSON payloads of an event stream, each with its SSE event name checked."""
    events = []
    for frame in _FRAME.split(text):
        fields: dict[str, str] = {}
        for line in frame.splitlines():
            if line.startswith(":") or ":" not in line:
                continue  # a keep-alive comment
            name, _, value = line.partition(":")
            fields[name] = value.removeprefix(" ")
        if "data" in fields:
            payload = json.loads(fields["data"])
            assert fields.get("event") == payload["type"]
            events.append(payload)
    return events


@contextmanager
def api_client(
    catalog: Catalog,
    registry: ModelRegistry | None = None,
    **settings: Any,
) -> Iterator[TestClient]:
    """A client of the app (lifespan run) over ``catalog``, answering with fake models."""
    assistant = AssistantSettings(
        default_model="fake", first_token_timeout_s=2, answer_timeout_s=10
    )
    services = Services.for_catalog(catalog, registry or fake_registry(), assistant)
    app = create_app(ApiSettings(**settings), services)
    with TestClient(app) as client:
        yield client


def new_key(catalog: Catalog, name: str) -> dict[str, str]:
    """Authorization headers of a new account called ``name``."""
    _, key = AccountStore(catalog.engine).create(name)
    return {"Authorization": f"Bearer {key}"}


def chat(client: TestClient, headers: dict[str, str], **body: Any) -> list[dict[str, Any]]:
    """The events of one ``POST /v1/chat`` (which must succeed)."""
    response = client.post("/v1/chat", json=body, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    return parse_sse(response.text)


def resume(
    client: TestClient, headers: dict[str, str], thread: str, decision: str
) -> list[dict[str, Any]]:
    """The events of resuming ``thread``'s interrupt with ``decision`` (which must succeed)."""
    response = client.post(
        f"/v1/threads/{thread}/resume", json={"decision": decision}, headers=headers
    )
    assert response.status_code == 200, response.text
    return parse_sse(response.text)


def text(events: list[dict[str, Any]]) -> str:
    """The answer's text: every token event's text, joined."""
    return "".join(e["text"] for e in events if e["type"] == "token")
