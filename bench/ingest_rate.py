"""Ingest rate: the demo store through validation, the database and the vector index.

Prints records/s for each phase and, as the baseline measured in the same run, the cost
of only decoding the same records from JSONL (the least any ingest must do).

    python -m bench.ingest_rate [--products 2400] [--database-url URL]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from bench.common import demo_items
from store.catalog import Catalog
from store.config import StoreSettings
from store.feeds import read_feed
from store.ingest import ingest_paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=2400)
    parser.add_argument("--database-url", default=None, help="Default: SQLite in a temp home.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "demo.jsonl"
        started = time.perf_counter()
        items = demo_items(args.products)
        generated = time.perf_counter() - started
        with feed.open("w") as out:
            for item in items:
                out.write(item.record.model_dump_json(exclude_none=True) + "\n")
        n = len(items)
        print(f"demo feed: {args.products} products, {n} records, generated in {generated:.1f} s")
        started = time.perf_counter()
        for line in feed.read_text().splitlines():
            json.loads(line)
        decode = time.perf_counter() - started
        started = time.perf_counter()
        parsed = read_feed(feed)
        validate = time.perf_counter() - started
        assert not parsed.errors, parsed.errors[:3]
        catalog = Catalog(StoreSettings(home=Path(tmp) / "home", database_url=args.database_url))
        print(f"database: {catalog.engine.url.render_as_string(hide_password=True)}")
        started = time.perf_counter()
        ingest_paths(catalog, [feed])
        first = time.perf_counter() - started
        started = time.perf_counter()
        ingest_paths(catalog, [feed])
        again = time.perf_counter() - started
        catalog.close()
    rows = [
        ("decode JSONL (baseline)", decode),
        ("read + validate feed", validate),
        ("ingest into empty store", first),
        ("ingest again (no change)", again),
    ]
    print(f"{'phase':<26} {'seconds':>8} {'records/s':>10} {'x baseline':>11}")
    for name, seconds in rows:
        print(f"{name:<26} {seconds:>8.2f} {n / seconds:>10.0f} {seconds / decode:>10.1f}x")
    print(f"products/s through the whole first ingest: {args.products / first:.0f}")


if __name__ == "__main__":
    main()
