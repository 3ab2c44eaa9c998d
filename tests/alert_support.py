"""What the alert tests share: a hand-moved clock, offers feeds, a webhook stand-in."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from store.catalog import Catalog
from store.database import open_engine
from store.ingest import ingest_paths
from tests.conftest import NOW

FEED_HEADER = (
    "type,product_id,price,currency,stock,as_of,deal.price,deal.label,deal.starts_at,deal.ends_at"
)
_loads = itertools.count(1)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now


def load_offers(catalog: Catalog, tmp_path: Path, *offers: dict[str, Any]) -> None:
    """Load an offers feed (CSV): each offer is product_id, price and optional fields.

    Each load is observed a minute after the last, so the store never sees it as stale.
    """
    number = next(_loads)
    as_of = (NOW + dt.timedelta(minutes=number)).isoformat() + "Z"
    lines = [FEED_HEADER]
    for offer in offers:
        deal = offer.get("deal") or ("", "", "", "")
        cells = [
            "offer",
            offer["product_id"],
            str(offer["price"]),
            "USD",
            "" if offer.get("stock") is None else str(offer["stock"]),
            as_of,
            *(str(cell) for cell in deal),
        ]
        lines.append(",".join(cells))
    path = tmp_path / f"offers-{number}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ingest_paths(catalog, [path])


def offer(
    product_id: str, price: float, stock: int | None = 10, deal: tuple[Any, ...] | None = None
) -> dict[str, Any]:
    """An offers-feed line."""
    return {"product_id": product_id, "price": price, "stock": stock, "deal": deal}


def deal(
    price: float, starts: dt.datetime, ends: dt.datetime, label: str = "Deal"
) -> tuple[Any, ...]:
    """The deal cells of an offers-feed line."""
    return (price, label, starts.isoformat() + "Z", ends.isoformat() + "Z")


def race(catalog: Catalog, work: Any) -> list[Any]:
    """Run ``work(engine)`` in two threads at the same moment, each on its own engine."""
    barrier = threading.Barrier(2)
    results: list[Any] = [None, None]
    errors: list[BaseException] = []

    def run(slot: int) -> None:
        engine = open_engine(catalog.settings)
        try:
            barrier.wait()
            results[slot] = work(engine)
        except BaseException as exc:
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=run, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def rows(engine: Engine, table: Any, **where: Any) -> list[dict[str, Any]]:
    """Every row of ``table`` (whose columns equal ``where``)."""
    query = select(table).where(*(table.c[k] == v for k, v in where.items()))
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


@dataclass
class Receiver:
    """The webhook stand-in's script (status codes to answer, in turn) and what it got."""

    statuses: list[int] = field(default_factory=lambda: [200])
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""

    def next_status(self) -> int:
        return self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]

    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(body) for _headers, body in self.received]


@contextmanager
def webhook_receiver(*statuses: int) -> Iterator[Receiver]:
    """A webhook endpoint on 127.0.0.1 answering ``statuses`` in turn (the last repeats)."""
    receiver = Receiver(statuses=list(statuses or (200,)))
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with lock:
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                status = receiver.next_status()
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/shopgraph"
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
