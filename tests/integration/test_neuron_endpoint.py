"""The `neuron-custom` route over the OpenAI-compatible API, against llama.cpp's own server.

TGI and vLLM on Neuron speak the same `/v1/chat/completions` protocol; llama.cpp's server
with the embedded model stands in for them here, on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graph.graph import compile_graph
from graph.services import Services
from graph.settings import AssistantSettings
from memory.checkpoints import open_checkpointer
from serving.local_endpoint import free_port, local_endpoint
from shopgraph.cli import app
from store.catalog import Catalog
from tests.fakes import fake_registry

runner = CliRunner()
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log_path = tmp_path_factory.mktemp("llama-server") / "server.log"
    with log_path.open("w") as log, local_endpoint(log=log) as url:
        yield url


def registry_file(tmp_path: Path, endpoint: str) -> Path:
    path = tmp_path / "models.toml"
    path.write_text(
        '[models.local]\nprovider = "llamacpp"\nlatency = "fast"\ncost = "free"\n\n'
        '[models.neuron-custom]\nprovider = "openai_compatible"\n'
        f'endpoint = "{endpoint}"\nmodel_id = "shopgraph-shopping"\n'
        # The stand-in serves SmolLM2: not trusted with layout, so its prompts stay short.
        'trusted_with = []\nlatency = "fast"\ncost = "low"\n'
    )
    return path


async def messages_in(catalog: Catalog, thread: str) -> int:
    services = Services.for_catalog(catalog, fake_registry(), AssistantSettings())
    async with open_checkpointer(catalog.settings) as checkpointer:
        app = compile_graph(services, checkpointer)
        state = await app.aget_state({"configurable": {"thread_id": thread}})
        return len(state.values["messages"])


def chat(*args: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["chat", "--json", *args])
    return [json.loads(line) for line in result.stdout.splitlines() if line]


def test_neuron_custom_streams_an_answer(
    loaded: Catalog, endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHOPGRAPH_MODELS_FILE", str(registry_file(tmp_path, endpoint)))
    monkeypatch.setenv("SHOPGRAPH_FIRST_TOKEN_TIMEOUT_S", "120")  # a busy CI machine
    events = chat("--model", "neuron-custom", "a quiet blender under $150")
    assert [e["type"] for e in events if e["type"] == "error"] == []
    assert sum(e["type"] == "token" for e in events) >= 3
    assert any(e["type"] == "component" for e in events)
    assert events[-1]["model"] == "neuron-custom" and events[-1]["fallbacks"] == []


def test_with_the_endpoint_stopped_the_turn_falls_back_to_the_local_model(
    loaded: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dead = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    monkeypatch.setenv("SHOPGRAPH_MODELS_FILE", str(registry_file(tmp_path, dead)))
    first = chat("--model", "local", "hi")
    thread = first[0]["thread_id"]
    events = chat("--model", "neuron-custom", "--thread", thread, "a quiet blender")
    assert [e for e in events if e["type"] == "error"] == []
    route = next(e["route"] for e in events if e["type"] == "metadata" and e["route"])
    assert route["chain"] == ["neuron-custom", "local"]
    takeover = [e for e in events if e["type"] == "metadata" and e["fallbacks"]]
    assert takeover[0]["model"] == "local"
    assert takeover[0]["fallbacks"] == [{"model": "neuron-custom", "failure": "failed"}]
    assert sum(e["type"] == "token" for e in events) >= 3
    end = events[-1]
    assert end["model"] == "local"
    assert end["fallbacks"] == [{"model": "neuron-custom", "failure": "failed"}]
    assert asyncio.run(messages_in(loaded, thread)) == 4
