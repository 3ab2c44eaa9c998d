"""The graph under LangGraph's own server (`langgraph dev`, in-memory runtime), real local model."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from langgraph_sdk import get_client

from store.catalog import Catalog
from store.config import StoreSettings
from store.ingest import ingest_paths

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("langgraph")
    home = work / "home"
    catalog = Catalog(StoreSettings(home=home, database_url=None))
    ingest_paths(catalog, [FIXTURES / "catalog.jsonl"])
    catalog.close()
    port = free_port()
    env = {
        **os.environ,
        "SHOPGRAPH_HOME": str(home),
        "LANGGRAPH_CLI_NO_ANALYTICS": "1",
        "LANGGRAPH_NO_VERSION_CHECK": "true",
        "LANGSMITH_TRACING": "false",
        "ANONYMIZED_TELEMETRY": "False",
    }
    env.pop("SHOPGRAPH_DATABASE_URL", None)
    command = [
        str(Path(sys.executable).parent / "langgraph"),
        "dev",
        "--config", str(ROOT / "langgraph.json"),
        "--no-browser", "--no-reload", "--host", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip
    log = (work / "server.log").open("w")
    # The config's paths are relative to the working directory; state goes to .langgraph_api/.
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(url, process, work / "server.log")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def wait_until_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"langgraph dev exited:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{url}/ok", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"langgraph dev did not start:\n{log.read_text()[-3000:]}")


async def run(url: str, thread_id: str, message: str) -> list[dict[str, Any]]:
    client = get_client(url=url)
    custom: list[dict[str, Any]] = []
    async for part in client.runs.stream(
        thread_id, "shopgraph", input={"message": message}, stream_mode=["custom", "updates"]
    ):
        if part.event == "error":
            pytest.fail(f"run failed: {part.data}")
        if part.event == "custom":
            custom.append(part.data)
    return custom


async def test_langgraph_dev_serves_the_graph_across_turns(server: str) -> None:
    client = get_client(url=server)
    thread = await client.threads.create()
    first = await run(server, thread["thread_id"], "compare the two best rated blenders")
    kinds = [event["type"] for event in first]
    assert kinds[0] == "plan" and "token" in kinds and kinds[-1] == "suggestions"
    comparison = next(e["component"] for e in first if e["type"] == "component")
    prices = {card["id"]: card["price"] for card in comparison["products"]}
    second = await run(server, thread["thread_id"], "add the cheaper one to my cart")
    action = next(e["component"] for e in second if e["type"] == "component")
    assert action["do"] == "add_to_cart"
    assert action["product_id"] == min(prices, key=prices.__getitem__)
    state = await client.threads.get_state(thread["thread_id"])
    assert len(state["values"]["messages"]) == 4
