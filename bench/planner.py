"""Planner latency and accuracy on the held-out set (``evals/datasets/planner.jsonl``).

Plans every example with the demo store's vocabulary, as the graph's planner node does
(code only: the graph's model fallback for plans below ``MODEL_FALLBACK_BELOW`` is not
run). Prints:

- latency p50/p99 in milliseconds over ``--repeat`` rounds of the whole set, after a
  warm-up round, overall and split by what decided the intent (rules or classifier);
- intent accuracy overall and per intent, with how many each decider took and got right,
  and how many plans the graph would show the model (confidence below the fallback line);
- slot accuracy for each slot an example states (a float within 1e-6), and reference
  accuracy (resolved product ids, in order) where the example lists ``product_ids``.

    python -m bench.planner [--home DIR] [--repeat 20] [--misses 10]

``--home DIR`` reuses a store there (for example ``SHOPGRAPH_HOME``); without it the demo
store is built in a temporary home first (a minute or two).
"""

from __future__ import annotations

import argparse
import math
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import demo_catalog, percentile
from evals.dataset import load_dataset
from graph.plan import Conversation, Plan
from graph.planner import MODEL_FALLBACK_BELOW, Vocabulary, load_vocabulary, plan_message

DATASET = Path(__file__).resolve().parents[1] / "evals" / "datasets" / "planner.jsonl"
SLOT_KEYS = ("max_price", "min_price", "brand", "category", "sort", "count", "target_price")


@dataclass(frozen=True)
class Example:
    """One held-out message with what the planner should make of it."""

    text: str
    intent: str
    conversation: Conversation
    expected: dict[str, Any]
    """The labelled slots (``SLOT_KEYS``) and ``product_ids`` the example states."""


def load_examples(path: Path) -> list[Example]:
    """The LangSmith-shaped examples of ``path`` (``evals.dataset``), flat."""
    return [
        Example(
            text=example.inputs["message"],
            intent=example.reference_outputs["intent"],
            conversation=Conversation.model_validate(example.inputs.get("conversation") or {}),
            expected={
                k: example.reference_outputs[k]
                for k in (*SLOT_KEYS, "product_ids")
                if k in example.reference_outputs
            },
        )
        for example in load_dataset(path).examples
    ]


def time_planning(
    examples: Sequence[Example], vocabulary: Vocabulary, repeat: int
) -> dict[str, list[float]]:
    """Milliseconds per plan, under "all" and under the plan's ``decided_by``."""
    timings: dict[str, list[float]] = defaultdict(list)
    for _ in range(repeat):
        for example in examples:
            started = time.perf_counter()
            plan = plan_message(example.text, example.conversation, vocabulary)
            elapsed = (time.perf_counter() - started) * 1000
            timings["all"].append(elapsed)
            timings[plan.decided_by].append(elapsed)
    return timings


def print_latency(timings: dict[str, list[float]], repeat: int) -> None:
    print(f"\nlatency ({repeat} rounds of the set; decided by: how the intent was chosen)")
    print(f"{'plans':<18} {'n':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for name in ("all", "rules", "classifier"):
        values = timings.get(name, [])
        if values:
            p50, p99 = percentile(values, 50), percentile(values, 99)
            print(f"{name:<18} {len(values):>6} {p50:>8.2f} {p99:>8.2f} {max(values):>8.2f}")


def _ratio(hits: Sequence[bool]) -> str:
    return f"{sum(hits)}/{len(hits)} {sum(hits) / len(hits):>6.1%}" if hits else "-"


def print_intents(examples: Sequence[Example], plans: Sequence[Plan]) -> None:
    rows: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for example, plan in zip(examples, plans, strict=True):
        ok = plan.intent == example.intent
        for key in ("all", plan.decided_by):
            rows[example.intent][key].append(ok)
            rows["(all)"][key].append(ok)
        if plan.confidence < MODEL_FALLBACK_BELOW:
            rows[example.intent]["unsure"].append(ok)
            rows["(all)"]["unsure"].append(ok)
    print("\nintent accuracy (by rules / by classifier: correct/taken; unsure: below the")
    print(f"fallback line {MODEL_FALLBACK_BELOW}, which the graph would show the model)")
    header = f"{'intent':<17} {'accuracy':>14} {'by rules':>14} {'by classifier':>14}"
    print(f"{header} {'unsure':>14}")
    for intent in sorted(rows, key=lambda i: (i != "(all)", i)):
        cells = [_ratio(rows[intent][key]) for key in ("all", "rules", "classifier", "unsure")]
        print(f"{intent:<17} " + " ".join(f"{cell:>14}" for cell in cells))


def _same(expected: Any, got: Any) -> bool:
    if isinstance(expected, float | int) and isinstance(got, float | int):
        return math.isclose(expected, got, abs_tol=1e-6)
    return bool(expected == got)


def print_slots(examples: Sequence[Example], plans: Sequence[Plan]) -> list[str]:
    """Print slot and reference accuracy; returns a line per miss."""
    hits: dict[str, list[bool]] = defaultdict(list)
    misses = []
    for example, plan in zip(examples, plans, strict=True):
        for key, expected in example.expected.items():
            got = plan.product_ids if key == "product_ids" else getattr(plan.slots, key)
            ok = _same(expected, got)
            hits["references" if key == "product_ids" else key].append(ok)
            if key != "product_ids":
                hits["(all slots)"].append(ok)
            if not ok:
                misses.append(f"{key}: expected {expected!r}, got {got!r}  <- {example.text!r}")
    print("\nslot accuracy (examples that state the slot) and references (product ids)")
    print(f"{'slot':<14} {'correct':>14}")
    for key in (*SLOT_KEYS, "(all slots)", "references"):
        if hits[key]:
            print(f"{key:<14} {_ratio(hits[key]):>14}")
    return misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--home", type=Path, default=None, help="Reuse the store there.")
    parser.add_argument("--repeat", type=int, default=20, help="Timed rounds of the set.")
    parser.add_argument("--misses", type=int, default=10, help="Misses to list (0: none).")
    parser.add_argument("--data", type=Path, default=DATASET)
    args = parser.parse_args()
    examples = load_examples(args.data)
    with demo_catalog(args.home) as catalog:
        vocabulary = load_vocabulary(catalog)
    print(f"planner: {len(examples)} held-out examples, vocabulary of the demo store")
    print(f"({len(vocabulary.brands)} brands, {len(vocabulary.categories)} categories)")
    started = time.perf_counter()
    plans = [plan_message(e.text, e.conversation, vocabulary) for e in examples]
    print(f"warm-up round (loads the classifier): {time.perf_counter() - started:.2f} s")
    print_latency(time_planning(examples, vocabulary, args.repeat), args.repeat)
    print_intents(examples, plans)
    misses = print_slots(examples, plans)
    misses += [
        f"intent: expected {e.intent}, got {p.intent} ({p.decided_by}, {p.confidence:.2f})"
        f"  <- {e.text!r}"
        for e, p in zip(examples, plans, strict=True)
        if p.intent != e.intent
    ]
    if misses and args.misses:
        print(f"\nmisses ({min(len(misses), args.misses)} of {len(misses)})")
        for line in misses[: args.misses]:
            print(f"  {line}")


if __name__ == "__main__":
    main()
