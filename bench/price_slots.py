"""Price-slot extraction by the whole planner (``plan_message``), as the graph plans a turn.

Reads ``plan.slots.min_price`` / ``max_price`` (what becomes the search filter) for:

(a) false positives on WebShop text that states no price: all 9,633 instructions (sizes,
    "300 watt", "pack of 2", "4 ounce") and the humans' search queries that give no price.
    Prints the rate and the top price-like phrases read by mistake (``find_prices`` names
    the words), grouped by shape (digits as N), with an example each;
(b) accuracy on the WebShop texts with price words (``PRICE_WORDS``): no instruction
    states a price (13 use the words without one: "show me the price", "tvs up to 48
    inches"; nothing may be read from them), but 108 of the humans' search queries end
    "up to 40 dollars" / "less than $60". Labelled by hand in
    ``bench/data/webshop_prices.jsonl`` by ``idx`` (and ``query``, the index in
    ``human_search_queries``; the texts stay in the shared folder); scored once per
    distinct text;
(c) accuracy on ``bench/data/price_phrases.jsonl``: shopper phrasings by kind (max, min,
    range, around, and numbers that are not prices). An example is right when both bounds
    equal the label; an "around N" one when both bounds are set and 0.7N <= min <= N <= max
    <= 1.3N (how wide "around" is, is a choice, not a fact).

(b) and (c) are scored twice: the planner in code alone, and as the graph plans the turn,
where a plan below ``MODEL_FALLBACK_BELOW`` asks the local model for the intent (an intent
changes the slots: a price alert's bound becomes its target). That takes a few minutes
(a model call of ~1-2 s for most of these texts); ``--no-model`` skips it (seconds). (a) is
code only: thousands of WebShop texts are unsure.

    python -m bench.price_slots [--home DIR] [--data ../shared/data/webshop] [--no-model]

Without the WebShop folder, (a) and (b) are skipped with a note. ``--home DIR`` reuses a
store for the vocabulary; without it the demo store is built in a temporary home first.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel

from bench.common import demo_catalog
from graph.models.local import local_chat_model
from graph.plan import Conversation, Slots
from graph.planner import (
    MODEL_FALLBACK_BELOW,
    Vocabulary,
    intent_from_model,
    load_vocabulary,
    plan_message,
)
from graph.planner.prices import find_prices
from graph.settings import AssistantSettings

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[1] / "shared" / "data" / "webshop"
PRICE_WORDS = re.compile(
    r"\bprices?\b|\bdollars?\b|\$\s?\d|\d\s?\$|\bbucks\b|\busd\b|\bbudget\b|\bcosts?\b|"
    r"\b(?:up to|less th[ae]n|lower than|under|below|cheaper than)\s+\$?\d",
    re.IGNORECASE,
)
"""Words that may state a price: how (b)'s texts were found, and a check for new ones."""


@dataclass(frozen=True)
class Case:
    """A text with the bounds it states (``around``: a price with a loose window)."""

    key: str
    text: str
    kind: str
    min_price: float | None = None
    max_price: float | None = None
    around: float | None = None


def read_bounds(text: str, vocabulary: Vocabulary) -> Slots:
    return plan_message(text, Conversation(), vocabulary).slots


def graph_bounds(text: str, vocabulary: Vocabulary, model: BaseChatModel) -> Slots:
    """The slots as the graph's planner node makes them, model fallback included."""
    plan = plan_message(text, Conversation(), vocabulary)
    if plan.confidence >= MODEL_FALLBACK_BELOW:
        return plan.slots
    intent = asyncio.run(intent_from_model(model, text))
    if intent is None or intent == plan.intent:
        return plan.slots
    return plan_message(text, Conversation(), vocabulary, intent=intent).slots


def is_right(case: Case, slots: Slots) -> bool:
    low, high = slots.min_price, slots.max_price
    if case.around is not None:
        n = case.around
        return low is not None and high is not None and 0.7 * n <= low <= n <= high <= 1.3 * n
    return (low, high) == (case.min_price, case.max_price)


def _bounds(slots: Slots) -> str:
    return f"min {slots.min_price}, max {slots.max_price}"


def _cell(values: Sequence[bool]) -> str:
    return f"{sum(values):>4}/{len(values):<4} {sum(values) / len(values):>6.1%}"


def score(
    cases: Sequence[Case],
    vocabulary: Vocabulary,
    model: BaseChatModel | None,
    title: str,
    misses: int,
) -> None:
    """Print accuracy per kind (code alone, then with the model fallback) and misses."""
    hits: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    wrong = []
    for case in cases:
        code = read_bounds(case.text, vocabulary)
        graph = code if model is None else graph_bounds(case.text, vocabulary, model)
        for kind in (case.kind, "(all)"):
            hits[kind]["code"].append(is_right(case, code))
            hits[kind]["graph"].append(is_right(case, graph))
        if not is_right(case, code) or not is_right(case, graph):
            shown = "" if model is None else f"; with the model: {_bounds(graph)}"
            wrong.append(f"{case.key}: {case.text!r} -> {_bounds(code)}{shown}")
    print(f"\n{title}")
    second = "" if model is None else f" {'+ model fallback':>16}"
    print(f"{'kind':<38} {'planner (code)':>16}{second}")
    for kind in sorted(hits, key=lambda k: (k != "(all)", k)):
        cells = [_cell(hits[kind]["code"])]
        cells += [] if model is None else [_cell(hits[kind]["graph"])]
        print(f"{kind:<38} " + " ".join(f"{cell:>16}" for cell in cells))
    for line in wrong[:misses]:
        print(f"  wrong: {line}")
    if len(wrong) > misses:
        print(f"  ... and {len(wrong) - misses} more")


def load_webshop(data: Path) -> list[dict[str, Any]]:
    path = data / "instructions.jsonl" if data.is_dir() else data
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def webshop_texts(rows: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Every instruction ("idx") and human search query ("idx/k"), by key."""
    texts = {}
    for row in rows:
        texts[str(row["idx"])] = row["instruction"]
        for k, query in enumerate(row.get("human_search_queries") or []):
            texts[f"{row['idx']}/{k}"] = query
    return texts


def labelled_cases(texts: dict[str, str]) -> list[Case]:
    """The hand labels of (b), one case per distinct text."""
    cases: dict[str, Case] = {}
    for line in (HERE / "data" / "webshop_prices.jsonl").read_text().splitlines():
        label = json.loads(line)
        query = label.get("query")
        key = f"{label['idx']}" + ("" if query is None else f"/{query}")
        kind = "instruction: price words, no price" if query is None else "query with a bound"
        text = texts[key]
        cases.setdefault(text, Case(key, text, kind, label["min_price"], label["max_price"]))
    return list(cases.values())


def phrase_cases() -> list[Case]:
    rows = [json.loads(line) for line in (HERE / "data" / "price_phrases.jsonl").open()]
    return [
        Case(
            f"#{n}",
            row["text"],
            row["kind"],
            row.get("min_price"),
            row.get("max_price"),
            row.get("around"),
        )
        for n, row in enumerate(rows, start=1)
    ]


def _shape(phrase: str) -> str:
    return re.sub(r"\d+(?:[.,]\d+)*", "N", " ".join(phrase.lower().split()))


def false_positives(texts: dict[str, str], priced: set[str], vocabulary: Vocabulary) -> None:
    """(a): price bounds read from texts that state none; the phrases that caused them."""
    groups = {
        "instructions": [k for k in texts if "/" not in k],
        "human search queries": [k for k in texts if "/" in k],
    }
    phrases: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, str] = {}
    print("\n(a) false positives: a min/max price read from text that states no price")
    print(f"{'texts':<22} {'n':>6} {'min/max read':>13} {'rate':>7} {'target read':>12}")
    for name, keys in groups.items():
        keys = [k for k in keys if texts[k] not in priced]
        bounds = targets = 0
        for key in keys:
            slots = read_bounds(texts[key], vocabulary)
            targets += slots.target_price is not None
            if slots.min_price is None and slots.max_price is None:
                continue
            bounds += 1
            for start, end in find_prices(texts[key]).spans:
                phrase = texts[key][start:end].strip()
                phrases[_shape(phrase)][phrase.lower()] += 1
                context = texts[key][max(0, start - 30) : end + 30].strip()
                examples.setdefault(_shape(phrase), f"{key}: ...{context}... -> {_bounds(slots)}")
        print(f"{name:<22} {len(keys):>6} {bounds:>13} {bounds / len(keys):>7.2%} {targets:>12}")
    distinct = sum(len(found) for found in phrases.values())
    print(f"top phrases read as prices: {distinct} distinct, {len(phrases)} shapes (N: a number)")
    ranked = sorted(phrases.items(), key=lambda item: -sum(item[1].values()))
    for shape, found in ranked[:10]:
        seen = ", ".join(f"{p!r}" + (f" x{n}" if n > 1 else "") for p, n in found.most_common(5))
        print(f"  {sum(found.values()):>3} {shape!r:<18} {seen}")
        print(f"      e.g. {examples[shape]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--home", type=Path, default=None, help="Reuse the store there.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="WebShop folder.")
    parser.add_argument("--misses", type=int, default=10, help="Wrong readings to list.")
    parser.add_argument("--no-model", action="store_true", help="Code only, no fallback.")
    args = parser.parse_args()
    with demo_catalog(args.home) as catalog:
        vocabulary = load_vocabulary(catalog)
    read_bounds("warm up under $100", vocabulary)
    model = None if args.no_model else local_chat_model(AssistantSettings())
    path = args.data / "instructions.jsonl" if args.data.is_dir() else args.data
    if not path.exists():
        print(f"\nno WebShop instructions at {path}: (a) and (b) skipped (pass --data PATH)")
    else:
        texts = webshop_texts(load_webshop(path))
        cases = labelled_cases(texts)
        priced = {c.text for c in cases if c.min_price is not None or c.max_price is not None}
        started = time.perf_counter()
        false_positives(texts, priced, vocabulary)
        seconds = time.perf_counter() - started
        print(f"(planned {len(texts)} texts in {seconds:.1f} s)")
        labelled = {c.text for c in cases}
        unlabelled = [k for k, t in texts.items() if PRICE_WORDS.search(t) and t not in labelled]
        title = f"(b) WebShop texts with price words ({len(cases)} distinct, hand-labelled)"
        score(cases, vocabulary, model, title, args.misses)
        if unlabelled:
            print(f"  note: {len(unlabelled)} price-like texts are not labelled: {unlabelled[:5]}")
    title = "(c) shopper phrasings (bench/data/price_phrases.jsonl)"
    score(phrase_cases(), vocabulary, model, title, args.misses)


if __name__ == "__main__":
    main()
