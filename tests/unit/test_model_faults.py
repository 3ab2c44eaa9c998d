"""Fault injection on a real HTTP model endpoint: each fault ends in a fallback or a clear error.

The remote model is reached through the production path (``ChatOpenAI`` on an
OpenAI-compatible endpoint) on a local stand-in that fails on demand; the embedded
fallback is a fake. The thread changes only when a turn succeeds.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from graph.graph import AssistantApp, compile_graph
from graph.models import ModelRegistry, ModelSpec
from graph.models.config import OpenAICompatibleEntry
from graph.models.providers import registry_from_entries
from graph.services import Services
from graph.settings import AssistantSettings
from graph.turns import TurnRequest, stream_turn
from store.catalog import Catalog
from tests.fakes import scripted
from tests.fault_server import FaultServer, Mode, fault_server

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

REMOTE_ANSWER = ["The Hushmix is the quiet one. ", '<product id="BL-QUIET"/>', " Enjoy."]
LOCAL_ANSWER = "Here is a quiet blender for you."


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with fault_server(REMOTE_ANSWER) as running:
        yield running


def dead_endpoint() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"  # closed again: connections are refused


def registry(endpoint: str, settings: AssistantSettings) -> ModelRegistry:
    """``remote`` (trusted with layout, over HTTP) first, then the embedded fake."""
    entry = OpenAICompatibleEntry(
        provider="openai_compatible",
        endpoint=endpoint,
        model_id="stand-in",
        trusted_with=["directives"],
        latency="fast",
        cost="low",
    )
    models = registry_from_entries({"remote": entry}, settings)
    local = scripted([LOCAL_ANSWER])
    models.register(ModelSpec("fake", "embedded fake", embedded=True), lambda: local)
    return models


def assistant(endpoint: str, catalog: Catalog, **settings: Any) -> tuple[AssistantApp, Services]:
    options = {"default_model": "fake", "first_token_timeout_s": 1.0, "answer_timeout_s": 10}
    config = AssistantSettings(**{**options, **settings})
    services = Services.for_catalog(catalog, registry(endpoint, config), config)
    return compile_graph(services, InMemorySaver()), services


async def turn(
    app: AssistantApp, services: Services, message: str, **options: Any
) -> list[dict[str, Any]]:
    allowed = options.pop("allowed_models", None)
    request = TurnRequest(message=message, **options)
    events = stream_turn(app, services, request, allowed_models=allowed)
    return [event.model_dump(mode="json") async for event in events]


def metadata(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in events if e["type"] == "metadata"]


def text(events: list[dict[str, Any]]) -> str:
    return "".join(e["text"] for e in events if e["type"] == "token")


async def messages(app: AssistantApp, thread_id: str) -> int:
    snapshot = await app.aget_state({"configurable": {"thread_id": thread_id}})
    return len(snapshot.values.get("messages", []))


async def test_a_healthy_endpoint_answers_and_the_route_says_why(
    server: FaultServer, loaded: Catalog
) -> None:
    server.mode = "ok"
    app, services = assistant(server.url, loaded)
    events = await turn(app, services, "a quiet blender under $150")
    route = metadata(events)[1]["route"]
    assert route["chain"] == ["remote", "fake"]
    assert route["reason"] == "search needs directives; remote is trusted with directives"
    assert text(events).startswith("The Hushmix is the quiet one.")
    assert [e["component"]["id"] for e in events if e["type"] == "component"] == ["BL-QUIET"]
    assert events[-1]["model"] == "remote" and events[-1]["fallbacks"] == []


@pytest.mark.parametrize(
    ("mode", "failure"),
    [
        ("http_500", "failed"),
        ("malformed", "failed"),
        ("empty", "bad_output"),
        ("garbage", "bad_output"),
        ("slow", "timeout"),
    ],
)
async def test_a_failing_endpoint_falls_back_before_the_shopper_sees_anything(
    server: FaultServer, loaded: Catalog, mode: Mode, failure: str
) -> None:
    server.mode = mode
    app, services = assistant(server.url, loaded)
    events = await turn(app, services, "a quiet blender under $150")
    assert [e for e in events if e["type"] == "error"] == []
    takeover = metadata(events)[2]
    assert takeover["model"] == "fake"
    assert takeover["fallbacks"] == [{"model": "remote", "failure": failure}]
    tokens = [i for i, e in enumerate(events) if e["type"] == "token"]
    assert tokens and min(tokens) > events.index(takeover)  # nothing from remote was shown
    assert text(events).startswith(LOCAL_ANSWER)
    assert "###" not in text(events)
    assert events[-1]["model"] == "fake"
    assert events[-1]["fallbacks"] == [{"model": "remote", "failure": failure}]
    assert await messages(app, events[0]["thread_id"]) == 2


async def test_a_refused_connection_falls_back_and_opens_the_breaker(loaded: Catalog) -> None:
    app, services = assistant(dead_endpoint(), loaded, breaker_failures=1)
    first = await turn(app, services, "a quiet blender under $150")
    assert first[-1]["model"] == "fake"
    assert first[-1]["fallbacks"] == [{"model": "remote", "failure": "failed"}]
    second = await turn(app, services, "any deals on blenders?", thread_id=first[0]["thread_id"])
    route = metadata(second)[1]["route"]
    assert route["chain"] == ["fake"] and route["passed_over"] == ["remote"]
    assert second[-1]["fallbacks"] == []  # the dead endpoint was not tried again
    assert await messages(app, first[0]["thread_id"]) == 4


async def test_a_stream_that_breaks_after_text_was_shown_is_an_error_and_changes_nothing(
    server: FaultServer, loaded: Catalog
) -> None:
    app, services = assistant(server.url, loaded)
    server.mode = "ok"
    first = await turn(app, services, "hello there")
    thread = first[0]["thread_id"]
    server.mode = "cut_off"
    failed = await turn(app, services, "a quiet blender under $150", thread_id=thread)
    assert text(failed).startswith("The Hushmix")  # shown, so no other model may take over
    assert [e["type"] for e in failed][-2:] == ["error", "end"]
    error = failed[-2]
    assert error["code"] == "model_failed"
    assert error["fallbacks"] == [{"model": "remote", "failure": "failed"}]
    assert "Traceback" not in error["message"] and "overloaded" not in error["message"]
    assert await messages(app, thread) == 2


async def test_when_every_allowed_model_fails_the_error_lists_them(
    server: FaultServer, loaded: Catalog
) -> None:
    server.mode = "slow"
    app, services = assistant(server.url, loaded)
    events = await turn(app, services, "a quiet blender", allowed_models=["remote"])
    assert [e["type"] for e in events][-2:] == ["error", "end"]
    assert events[-2]["code"] == "model_timeout"
    assert events[-2]["fallbacks"] == [{"model": "remote", "failure": "timeout"}]


async def test_the_run_may_only_ask_for_a_model_its_account_may_use(
    server: FaultServer, loaded: Catalog
) -> None:
    app, services = assistant(server.url, loaded)
    before = server.requests
    events = await turn(app, services, "a quiet blender", model="remote", allowed_models=["fake"])
    assert [e["type"] for e in events] == ["metadata", "error", "end"]
    assert events[1]["code"] == "model_not_allowed"
    assert "'remote' is not available to this account; it may use: fake" in events[1]["message"]
    assert server.requests == before


async def test_a_requested_model_that_fails_falls_back_to_the_policy(
    server: FaultServer, loaded: Catalog
) -> None:
    server.mode = "http_500"
    app, services = assistant(server.url, loaded)
    events = await turn(app, services, "hi", model="remote")
    route = metadata(events)[1]["route"]
    assert route["chain"] == ["remote", "fake"] and route["reason"] == "remote was asked for"
    assert events[-1]["model"] == "fake"
