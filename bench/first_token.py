"""Time to first token and first component: the shopgraph graph beside a prebuilt ReAct agent.

Both run in the same process on the same local model instance (SmolLM2-135M on llama.cpp,
the default registry's "local") and the demo store, in the same run:

- **shopgraph**: ``compile_graph`` with an in-memory saver, streamed with ``stream_turn``
  as the API and the terminal do; times the first ``token`` and first ``component`` event.
- **ReAct (baseline)**: LangGraph's ``create_react_agent(model, tools)`` with the same
  retrieval tools (``build_retrieval_tools``), streamed with ``stream_mode="messages"``;
  times the first AI message chunk with text. It has no components ("n/a"). SmolLM2's chat
  template has no tools section, so the prebuilt agent's tools are silently dropped
  (``../shared/design/offline-models.md``): the baseline is what you get by dropping this
  model into the prebuilt agent, an answer written without any store data.

Each shopper query (search with price bounds, compare, reviews of a product, deals, price
history) runs in a fresh thread. One warm-up round (loads the model, the embedder and the
indexes) is not counted; then ``--rounds`` rounds alternate which system goes first per
query, to spread the machine's noise and llama.cpp's prompt-prefix cache over both. Prints
p50/p95 in seconds over all turns, the ratio shopgraph/ReAct, the end-to-end turn time
(message sent to the stream's end), the answer's length, and per-query medians.

    python -m bench.first_token [--home DIR] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import warnings
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessageChunk, HumanMessage, ToolMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph.state import CompiledStateGraph
from langgraph.prebuilt import create_react_agent

from bench.common import demo_catalog, percentile
from graph.events import TokenEvent
from graph.graph import AssistantApp, compile_graph
from graph.services import Services
from graph.turns import TurnRequest, stream_turn
from store.catalog import Catalog
from tools.binding import build_retrieval_tools

QUERIES = [
    "quiet blender under $150",
    "wireless over-ear headphones between $100 and $250",
    "robot vacuum for pet hair under 400 dollars",
    "cheapest air fryer with good reviews",
    "compare the two best rated espresso machines",
    "Sonavik vs Auralis headphones",
    "what do reviewers say about the battery life of the Sonavik headphones?",
    "any complaints about noise on Roverly robot vacuums?",
    "any deals on coffee makers?",
    "what's on sale in laptops today",
    "has the Blendova blender been cheaper in the last 3 months?",
    "price history of Kafeo espresso machines",
]
SHOPGRAPH, REACT = "shopgraph", "ReAct (prebuilt)"


@dataclass(frozen=True)
class Turn:
    """What one turn took, in seconds from sending the message."""

    first_token: float | None
    first_component: float | None
    total: float
    chars: int
    """Length of the streamed answer text."""
    tool_calls: int = 0
    """Tool calls the ReAct agent made (none expected: see the module doc)."""
    failed: bool = False


async def shopgraph_turn(app: AssistantApp, services: Services, query: str) -> Turn:
    started = time.perf_counter()
    first: dict[str, float] = {}
    chars, failed = 0, False
    async for event in stream_turn(app, services, TurnRequest(message=query)):
        first.setdefault(event.type, time.perf_counter() - started)
        chars += len(event.text) if isinstance(event, TokenEvent) else 0
        failed = failed or event.type == "error"
    total = time.perf_counter() - started
    return Turn(first.get("token"), first.get("component"), total, chars, failed=failed)


async def react_turn(agent: CompiledStateGraph[Any, Any, Any, Any], query: str) -> Turn:
    started = time.perf_counter()
    first_token: float | None = None
    chars = tool_calls = 0
    stream = agent.astream({"messages": [HumanMessage(query)]}, stream_mode="messages")
    async for message, _ in stream:
        if isinstance(message, ToolMessage):
            tool_calls += 1
        if isinstance(message, AIMessageChunk) and message.text:
            if first_token is None:
                first_token = time.perf_counter() - started
            chars += len(message.text)
    total = time.perf_counter() - started
    return Turn(first_token, None, total, chars, tool_calls)


async def run_rounds(catalog: Catalog, rounds: int) -> dict[str, dict[str, list[Turn]]]:
    """Turns by system, then by query; the warm-up round is left out."""
    services = Services.for_catalog(catalog)
    app = compile_graph(services, InMemorySaver())
    model = await services.models.get("local")
    with warnings.catch_warnings():  # deprecated in LangGraph 1.0 for langchain's create_agent
        warnings.simplefilter("ignore")
        agent = create_react_agent(model, build_retrieval_tools(catalog))
    systems = {
        SHOPGRAPH: lambda q: shopgraph_turn(app, services, q),
        REACT: lambda q: react_turn(agent, q),
    }
    turns: dict[str, dict[str, list[Turn]]] = {name: defaultdict(list) for name in systems}
    for round_ in range(rounds + 1):
        started = time.perf_counter()
        for n, query in enumerate(QUERIES):
            order = list(systems) if (round_ + n) % 2 == 0 else list(reversed(systems))
            for name in order:
                turn = await systems[name](query)
                if round_:
                    turns[name][query].append(turn)
        label = f"round {round_}" if round_ else "warm-up"
        print(f"{label}: {time.perf_counter() - started:.0f} s")
    return turns


def _p(values: Sequence[float | None], q: float) -> str:
    present = [v for v in values if v is not None]
    return f"{percentile(present, q):.2f}" if present else "n/a"


def print_summary(turns: dict[str, dict[str, list[Turn]]]) -> None:
    flat = {name: [t for ts in by_query.values() for t in ts] for name, by_query in turns.items()}
    print(
        f"\n{'seconds':<18} {'turns':>5} {'token p50':>10} {'token p95':>10} {'comp p50':>9}"
        f" {'comp p95':>9} {'turn p50':>9} {'chars p50':>10}"
    )
    for name, ts in flat.items():
        tokens = [t.first_token for t in ts]
        components = [t.first_component for t in ts]
        chars = statistics.median(t.chars for t in ts)
        print(
            f"{name:<18} {len(ts):>5} {_p(tokens, 50):>10} {_p(tokens, 95):>10}"
            f" {_p(components, 50):>9} {_p(components, 95):>9}"
            f" {_p([t.total for t in ts], 50):>9} {chars:>10.0f}"
        )
    ratios = []
    for q, label in ((50, "p50"), (95, "p95")):
        ours, theirs = (_p([t.first_token for t in flat[name]], q) for name in (SHOPGRAPH, REACT))
        if "n/a" not in (ours, theirs):
            ratios.append(f"{label} {float(ours) / float(theirs):.2f}x")
    print(f"first token, shopgraph / ReAct: {', '.join(ratios) or 'n/a'}")
    ours, theirs = (_p([t.total for t in flat[name]], 50) for name in (SHOPGRAPH, REACT))
    print(f"turn p50, shopgraph / ReAct: {float(ours) / float(theirs):.2f}x")
    missing = {name: sum(t.first_token is None for t in ts) for name, ts in flat.items()}
    failed = sum(t.failed for t in flat[SHOPGRAPH])
    tool_calls = sum(t.tool_calls for t in flat[REACT])
    print(f"turns without a token: {missing}; shopgraph error events: {failed}")
    print(f"ReAct tool calls made: {tool_calls} (its tools never reach SmolLM2's prompt)")
    print("ReAct has no components: its 'comp' columns are n/a by construction")


def print_per_query(turns: dict[str, dict[str, list[Turn]]]) -> None:
    print(f"\n{'per query (medians, s)':<60} {'shopgraph token / comp':>22} {'ReAct token':>12}")
    for query in QUERIES:
        ours, theirs = turns[SHOPGRAPH][query], turns[REACT][query]
        cells = [
            _p([t.first_token for t in ours], 50),
            _p([t.first_component for t in ours], 50),
            _p([t.first_token for t in theirs], 50),
        ]
        print(f"  {query[:58]:<58} {cells[0]:>10} / {cells[1]:>9} {cells[2]:>12}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--home", type=Path, default=None, help="Reuse the store there.")
    parser.add_argument("--rounds", type=int, default=3, help="Timed rounds after a warm-up.")
    args = parser.parse_args()
    print(f"first token: {len(QUERIES)} queries x {args.rounds} rounds per system")
    with demo_catalog(args.home) as catalog:
        turns = asyncio.run(run_rounds(catalog, args.rounds))
    print_summary(turns)
    print_per_query(turns)


if __name__ == "__main__":
    main()
