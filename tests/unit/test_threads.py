"""Threads persist in SQLite or PostgreSQL: a conversation goes on after a restart."""

from __future__ import annotations

from typing import Any

from graph.graph import compile_graph
from graph.services import Services
from graph.settings import AssistantSettings
from graph.turns import TurnRequest, stream_turn
from memory.checkpoints import open_checkpointer, thread_exists
from store.catalog import Catalog
from tests.fakes import fake_registry


async def run_turn(catalog: Catalog, request: TurnRequest) -> list[dict[str, Any]]:
    """One turn in a freshly opened checkpointer, as a restarted process would."""
    services = Services.for_catalog(
        catalog, fake_registry(), AssistantSettings(default_model="fake")
    )
    async with open_checkpointer(catalog.settings) as checkpointer:
        app = compile_graph(services, checkpointer)
        return [e.model_dump(mode="json") async for e in stream_turn(app, services, request)]


async def test_a_thread_survives_a_restart(loaded: Catalog) -> None:
    first = await run_turn(loaded, TurnRequest(message="compare the two best rated blenders"))
    thread = first[0]["thread_id"]
    compared = next(e for e in first if e["type"] == "component")["component"]["products"]
    second = await run_turn(
        loaded, TurnRequest(message="add the second one to my cart", thread_id=thread)
    )
    assert [e["type"] for e in second if e["type"] == "error"] == []
    action = next(e for e in second if e["type"] == "component")["component"]
    assert action["product_id"] == compared[1]["id"]
    async with open_checkpointer(loaded.settings) as checkpointer:
        assert await thread_exists(checkpointer, thread)
        assert not await thread_exists(checkpointer, "never-started")
