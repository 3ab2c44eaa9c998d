"""The API under a real uvicorn server: a client that disconnects cancels its run."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from langchain_core.messages import AIMessage

from api.app import create_app
from api.settings import ApiSettings
from graph.models import ModelRegistry, ModelSpec
from graph.services import Services
from graph.settings import AssistantSettings
from store.catalog import Catalog
from tests.api_client import new_key, parse_sse
from tests.fakes import SlowChatModel
from tests.served import served

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
LONG_ANSWER = "The Hushmix is quiet. " + " ".join(["very quiet indeed"] * 150)


@pytest.fixture
def slow_model() -> SlowChatModel:
    return SlowChatModel(messages=iter([AIMessage(LONG_ANSWER)] * 10), delay_s=0.02)


@pytest.fixture
def server(loaded: Catalog, slow_model: SlowChatModel) -> Iterator[str]:
    registry = ModelRegistry()
    spec = ModelSpec("slow", "writes slowly", frozenset({"directives"}), embedded=True)
    registry.register(spec, lambda: slow_model)
    settings = AssistantSettings(default_model="slow", answer_timeout_s=60)
    app = create_app(ApiSettings(), Services.for_catalog(loaded, registry, settings))
    with served(app) as url:
        yield url


async def test_a_client_that_disconnects_cancels_its_run_and_the_thread_stays_consistent(
    loaded: Catalog, server: str, slow_model: SlowChatModel
) -> None:
    headers = new_key(loaded, "ann")
    async with httpx.AsyncClient(base_url=server, headers=headers, timeout=30) as client:
        first = parse_sse((await client.post("/v1/chat", json={"message": "hi"})).text)
        thread = first[0]["thread_id"]
        body = {"message": "a quiet blender", "thread_id": thread}
        async with client.stream("POST", "/v1/chat", json=body) as response:
            tokens = 0
            async for line in response.aiter_lines():
                tokens += line.startswith("event: token")
                if tokens >= 3:
                    break  # leaving the block closes the connection mid-answer
        for _ in range(100):
            if slow_model.stopped:
                break
            await asyncio.sleep(0.05)
        assert slow_model.stopped, "the run went on after the client left"
        view = (await client.get(f"/v1/threads/{thread}")).json()
        assert [t["message"] for t in view["turns"]] == ["hi"]
        again = parse_sse((await client.post("/v1/chat", json=body)).text)
        assert again[-1]["type"] == "end" and again[-1]["model"] == "slow"
        view = (await client.get(f"/v1/threads/{thread}")).json()
        assert [t["message"] for t in view["turns"]] == ["hi", "a quiet blender"]
