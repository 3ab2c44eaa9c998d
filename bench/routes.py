"""The router: its overhead per request, and time to first token through each local route.

**Overhead.** For each shopper query of ``bench.first_token`` the planner's code
(``plan_message``, the other gating step before the first token) and the router's policy
(``route_for``: the shipped registry with every entry enabled, breakers consulted) run
``--calls`` times each, interleaved; prints microseconds per call (p50, p95) and the
ratio router / planner in the same run.

**Routes.** Whole turns (``stream_turn``, a fresh thread each) on the demo store, timed
to the first ``token`` event and to the stream's end:

- ``local``: the embedded model in this process (the baseline);
- ``neuron-custom``: the same GGUF behind llama.cpp's OpenAI-compatible server
  (``serving.local_endpoint``), reached over HTTP as a Neuron endpoint would be;
- ``fallback``: ``neuron-custom`` at a port nothing listens on, breaker never opening, so
  every turn pays the refused connection before ``local`` takes over;
- ``passed over``: the same dead endpoint with its breaker open, so the router leaves it
  out and the turn costs what ``local`` costs.

One warm-up round is not counted; ``--rounds`` rounds rotate which route goes first per
query. Prints p50/p95 per route and each route's ratio to ``local``.

    python -m bench.routes [--home DIR] [--rounds 3] [--calls 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from langgraph.checkpoint.memory import InMemorySaver

from bench.common import demo_catalog, percentile
from bench.first_token import QUERIES
from graph.context import Context
from graph.graph import compile_graph
from graph.models.config import read_models_file
from graph.models.providers import registry_from_entries
from graph.nodes.route import route_for
from graph.plan import Conversation
from graph.planner import plan_message
from graph.services import Services
from graph.settings import AssistantSettings
from graph.turns import TurnRequest, stream_turn
from serving.local_endpoint import free_port, local_endpoint
from store.catalog import Catalog

ROUTES = ("local", "neuron-custom", "fallback", "passed over")


def _micros(call: Callable[[], Any], calls: int) -> list[float]:
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1e6)
    return times


async def router_overhead(catalog: Catalog, calls: int) -> None:
    """Microseconds per call: the planner's code beside the router's policy."""
    settings = AssistantSettings()
    entries = {
        name: entry.model_copy(update={"enabled": True})
        for name, entry in read_models_file().items()
    }  # building the registry loads nothing and sends nothing
    services = Services.for_catalog(catalog, registry_from_entries(entries, settings), settings)
    vocabulary = await services.vocabulary()
    conversation = Conversation()
    planned = [plan_message(q, conversation, vocabulary) for q in QUERIES]
    context = Context()
    plans: list[float] = []
    routes: list[float] = []
    for query, plan in zip(QUERIES, planned, strict=True):
        plans += _micros(partial(plan_message, query, conversation, vocabulary), calls)
        routes += _micros(partial(route_for, plan, context, services), calls)
    p50 = (percentile(routes, 50), percentile(plans, 50))
    print(f"\noverhead per request, {len(QUERIES)} queries x {calls} calls (microseconds)")
    print(f"  {'':<16} {'p50':>8} {'p95':>8}")
    print(f"  {'router policy':<16} {p50[0]:>8.1f} {percentile(routes, 95):>8.1f}")
    print(f"  {'planner (code)':<16} {p50[1]:>8.1f} {percentile(plans, 95):>8.1f}")
    print(f"  router / planner, p50: {p50[0] / p50[1]:.3f}x")
    example = route_for(planned[4], context, services)
    print(f"  e.g. {QUERIES[4]!r}: chain {example.chain} ({example.reason})")


def _models_file(folder: Path, live: str, dead: str) -> Path:
    path = folder / "models.toml"
    path.write_text(
        '[models.local]\nprovider = "llamacpp"\nlatency = "fast"\ncost = "free"\n\n'
        '[models.neuron-custom]\nprovider = "openai_compatible"\n'
        f'endpoint = "{live}"\nmodel_id = "shopgraph-shopping"\n'
        'trusted_with = []\nlatency = "fast"\ncost = "low"\n\n'
        '[models.neuron-dead]\nprovider = "openai_compatible"\n'
        f'endpoint = "{dead}"\nmodel_id = "shopgraph-shopping"\n'
        'trusted_with = []\nlatency = "fast"\ncost = "low"\n'
    )
    return path


async def _turn(services: Services, app: Any, query: str, model: str) -> tuple[float, float]:
    started = time.perf_counter()
    first: float | None = None
    request = TurnRequest(message=query, model=model)
    async for event in stream_turn(app, services, request):
        if event.type == "token" and first is None:
            first = time.perf_counter() - started
        if event.type == "error":
            raise RuntimeError(f"turn failed on {model}: {event}")
    return first or float("nan"), time.perf_counter() - started


async def route_turns(catalog: Catalog, endpoint: str, rounds: int, folder: Path) -> None:
    """First-token and turn times per route."""
    dead = f"http://127.0.0.1:{free_port()}/v1"
    settings = AssistantSettings(
        models_file=_models_file(folder, endpoint, dead), breaker_failures=10**9
    )
    services = Services.for_catalog(catalog, settings=settings)
    # The same registry (one loaded local model) with a breaker that opens at once.
    passing = Services.for_catalog(
        catalog, services.models, settings.model_copy(update={"breaker_failures": 1})
    )
    apps = {id(s): compile_graph(s, InMemorySaver()) for s in (services, passing)}
    runs = {
        "local": (services, "local"),
        "neuron-custom": (services, "neuron-custom"),
        "fallback": (services, "neuron-dead"),
        "passed over": (passing, "neuron-dead"),
    }
    times: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for round_ in range(rounds + 1):
        started = time.perf_counter()
        for n, query in enumerate(QUERIES):
            order = ROUTES[n % 4 :] + ROUTES[: n % 4]
            for name in order:
                owner, model = runs[name]
                result = await _turn(owner, apps[id(owner)], query, model)
                if round_:
                    times[name].append(result)
        label = f"round {round_}" if round_ else "warm-up"
        print(f"{label}: {time.perf_counter() - started:.0f} s")
    base = percentile([t[0] for t in times["local"]], 50)
    print(f"\nthrough each route, {len(QUERIES)} queries x {rounds} rounds (seconds)")
    print(f"  {'route':<14} {'token p50':>10} {'token p95':>10} {'turn p50':>9} {'/ local':>8}")
    for name in ROUTES:
        firsts = [t[0] for t in times[name]]
        turns = [t[1] for t in times[name]]
        p50 = percentile(firsts, 50)
        print(
            f"  {name:<14} {p50:>10.3f} {percentile(firsts, 95):>10.3f}"
            f" {percentile(turns, 50):>9.3f} {p50 / base:>7.2f}x"
        )


def main() -> None:
    """Run both parts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--home", type=Path, default=None, help="Reuse the store there.")
    parser.add_argument("--rounds", type=int, default=3, help="Timed rounds after a warm-up.")
    parser.add_argument("--calls", type=int, default=2000, help="Calls per query (overhead).")
    args = parser.parse_args()
    # Each fallback turn logs the dead endpoint's failure: expected here, and noisy.
    logging.getLogger("graph").setLevel(logging.ERROR)
    with demo_catalog(args.home) as catalog, tempfile.TemporaryDirectory() as tmp:
        asyncio.run(router_overhead(catalog, args.calls))
        with local_endpoint() as endpoint:
            asyncio.run(route_turns(catalog, endpoint, args.rounds, Path(tmp)))


if __name__ == "__main__":
    main()
