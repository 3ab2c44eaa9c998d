"""Search latency at the demo size and at 50,000 generated products.

For each size, times shopper queries through lexical-only ranking (the baseline, measured
in the same run), dense-only, hybrid, and hybrid with structured filters, and prints
p50/p95 in milliseconds with each one's ratio to the baseline's p50.

    python -m bench.search_latency [--sizes 2400 50000] [--repeat 5] [--home DIR]

The 50,000-product store holds products and offers only (no reviews or history, which
search does not read); building it embeds every product once (minutes on two cores).
Pass ``--home DIR`` to keep the built stores for the next run.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.common import build_store, percentile
from store.catalog import Catalog
from store.search import AttributeFilter, Ranking, SearchFilters, search_catalog

QUERIES = [
    "quiet blender",
    "noise cancelling headphones for long flights",
    "cordless stick vacuum",
    "robot vacuum for pet hair",
    "espresso machine",
    "air fryer for a family",
    "lightweight running shoes",
    "waterproof jacket",
    "laptop for students",
    "4k tv",
    "bluetooth speaker waterproof",
    "fitness tracker with long battery",
    "office chair",
    "electric toothbrush",
    "insulated water bottle",
    "carry-on suitcase",
    "usb-c charger",
    "lego set for kids",
    "chef knife",
    "tablet for reading",
]
FILTERED = SearchFilters(max_price=150, in_stock=True)
ATTRIBUTE = SearchFilters(max_price=150, attributes={"noise": AttributeFilter(max=70)})


def time_queries(
    catalog: Catalog, ranking: Ranking, filters: SearchFilters | None, repeat: int
) -> list[float]:
    timings = []
    for _ in range(repeat):
        for query in QUERIES:
            started = time.perf_counter()
            search_catalog(catalog, query, filters, limit=10, ranking=ranking)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def bench_size(home: Path, size: int, repeat: int) -> None:
    started = time.perf_counter()
    catalog = build_store(home / str(size), size, products_only=size > 5000)
    print(f"\n{size} products (store ready in {time.perf_counter() - started:.0f} s)")
    started = time.perf_counter()
    for query in QUERIES[:3]:  # warm up: the model, the indexes, the in-memory vectors
        search_catalog(catalog, query)
        search_catalog(catalog, query, FILTERED)
    print(f"warm-up (loads the model and the vectors once): {time.perf_counter() - started:.1f} s")
    runs: list[tuple[str, Ranking, SearchFilters | None]] = [
        ("lexical (baseline)", "lexical", None),
        ("dense", "dense", None),
        ("hybrid", "hybrid", None),
        ("hybrid + filters", "hybrid", FILTERED),
        ("hybrid + attribute", "hybrid", ATTRIBUTE),
    ]
    baseline = 0.0
    print(f"{'ranking':<20} {'p50 ms':>8} {'p95 ms':>8} {'p50 vs baseline':>16}")
    for name, ranking, filters in runs:
        timings = time_queries(catalog, ranking, filters, repeat)
        p50, p95 = percentile(timings, 50), percentile(timings, 95)
        baseline = baseline or p50
        print(f"{name:<20} {p50:>8.1f} {p95:>8.1f} {p50 / baseline:>15.1f}x")
    catalog.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[2400, 50_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--home", type=Path, default=None)
    args = parser.parse_args()
    print(f"search latency: {len(QUERIES)} queries x {args.repeat} repeats per ranking")
    if args.home:
        for size in args.sizes:
            bench_size(args.home, size, args.repeat)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            bench_size(Path(tmp), size, args.repeat)


if __name__ == "__main__":
    main()
