"""Account memory on the way to the first token: its cost per turn beside the planner's.

The planner gates the first token; a signed-in turn adds a read of the account's memory
from LangGraph's store (``context``), reading the message for preferences and applying
them to the plan (``plan``). For each query the steps run ``--calls`` times, interleaved:

- ``plan``: ``plan_message`` (the baseline);
- ``read``: ``plan_message``, then ``read_memory_turn`` + ``personalize_plan`` over
  ``--preferences`` remembered (so ``read`` minus ``plan`` is what memory adds);
- ``recall``: ``AccountMemory.recall`` from a SQLite store of that many preferences.

Prints microseconds per call (p50, p95) and each step's ratio to ``plan``.

    python -m bench.memory [--home DIR] [--calls 300] [--preferences 20]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from bench.common import demo_catalog, percentile
from graph.memory_turn import MemoryTurn, read_memory_turn
from graph.personalize import personalize_plan
from graph.plan import Conversation
from graph.planner import load_vocabulary, plan_message
from memory.account_memory import AccountMemory
from memory.checkpoints import open_memory_store
from memory.preferences import Preference
from store.config import StoreSettings

QUERIES = (
    "a quiet blender under $150 that's easy to clean",
    "show me running shoes",
    "I hate loud vacuums, what robot vacuum is best rated?",
    "my budget for headphones is $100, any noise cancelling ones?",
)


def remembered(count: int, brands: tuple[str, ...]) -> list[Preference]:
    """``count`` preferences of every kind, brands taken from the catalog."""
    made = []
    for i in range(count):
        brand = brands[i % len(brands)]
        match i % 4:
            case 0:
                made.append(Preference(kind="brand_avoid", value=brand, said="x"))
            case 1:
                made.append(Preference(kind="brand_like", value=brand, said="x"))
            case 2:
                made.append(
                    Preference(kind="budget", value="100", amount=100, subject=f"s{i}", said="x")
                )
            case _:
                made.append(Preference(kind="size", value="M", subject=f"s{i}", said="x"))
    return made


async def run(home: Path | None, calls: int, count: int) -> None:
    with demo_catalog(home) as catalog, tempfile.TemporaryDirectory() as tmp:
        vocabulary = load_vocabulary(catalog)
        preferences = remembered(count, vocabulary.brands)
        loaded = MemoryTurn(enabled=True, remembered=preferences)

        def brand_of(phrase: str) -> str | None:
            term = vocabulary.lookup(phrase)
            return term.name if term is not None and term.kind == "brand" else None

        async with open_memory_store(StoreSettings(home=Path(tmp))) as store:
            memory = AccountMemory(store)
            await memory.keep("bench", preferences)
            timings: dict[str, list[float]] = {"plan": [], "read": [], "recall": []}
            conversation = Conversation()

            async def plan(query: str) -> None:
                plan_message(query, conversation, vocabulary)

            async def read(query: str) -> None:
                plan = plan_message(query, conversation, vocabulary)
                turn = read_memory_turn(
                    query,
                    loaded,
                    brand_of,
                    asking_memory=False,
                    thread_id="t",
                    run_id="r",
                    at="2026-12-03T00:00:00+00:00",
                )
                personalize_plan(plan, turn.active)

            async def recall(query: str) -> None:
                await memory.recall("bench")

            steps: dict[str, Callable[[str], Awaitable[None]]] = {
                "plan": plan,
                "read": read,
                "recall": recall,
            }
            for _ in range(calls):
                for query in QUERIES:
                    for name, step in steps.items():
                        started = time.perf_counter()
                        await step(query)
                        timings[name].append((time.perf_counter() - started) * 1e6)
    base = percentile(timings["plan"], 50)
    print(f"{count} remembered preferences, {calls} calls x {len(QUERIES)} queries")
    print(f"{'step':<8}{'p50 µs':>10}{'p95 µs':>10}{'x plan':>9}")
    for name, values in timings.items():
        p50, p95 = percentile(values, 50), percentile(values, 95)
        print(f"{name:<8}{p50:>10.0f}{p95:>10.0f}{p50 / base:>9.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--home", type=Path, default=None)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--preferences", type=int, default=20)
    args = parser.parse_args()
    asyncio.run(run(args.home, args.calls, args.preferences))


if __name__ == "__main__":
    main()
