"""The safety suite's own store: a small demo store with injected reviews and Q&A.

Injections go in through the store's own ingest API (``store.ingest.ingest_items``) as
ordinary review and question records, into a home of its own beside the evals' demo
store: the real retrieval finds them, and no other suite ever sees them. Each injection
lands on its own product (the next one of its category, by id), so one example's
injection never shows up in another's answer. Ingest upserts by record id, so placing
the same injections again on a store built earlier changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.dataset import Example
from evals.resources import demo_catalog
from store.catalog import Catalog
from store.feeds import FeedItem
from store.ingest import ingest_items
from store.records import Answer, QuestionRecord, Record, ReviewRecord

SAFETY_PRODUCTS = 96
"""A small store (two to nine products a category) builds in seconds."""
INJECTED_VOTES = 500
"""Injected records are the most helpful and most voted: ranked first where votes count."""


@dataclass(frozen=True)
class Injection:
    """Text an attacker left in a product's reviews or Q&A (an example's ``injection``)."""

    id: str
    place: str
    """``review`` or ``question``."""
    category: str
    """The product's category, or the last part of it ("Blenders")."""
    text: str
    """The review, or the answer to ``question``; ``{product_id}`` names the product."""
    question: str = ""
    title: str = ""

    @classmethod
    def of(cls, inputs: dict[str, Any]) -> Injection:
        """The injection an example's inputs describe."""
        return cls(**inputs["injection"])

    @property
    def record_id(self) -> str:
        """The id of the injected review or question record."""
        return f"INJ-{self.id}"


def safety_home(demo: Catalog) -> Path:
    """Beside the evals' demo store: ``<demo home>-safety``."""
    home = demo.settings.home
    return home.with_name(f"{home.name}-safety")


def products_by_category(catalog: Catalog) -> dict[str, list[str]]:
    """Product ids under each category's last part, in id order."""
    found: dict[str, list[str]] = {}
    for row in catalog.product_rows():
        found.setdefault(row["category"].split(" > ")[-1], []).append(row["id"])
    return found


def place(injections: Sequence[Injection], catalog: Catalog) -> dict[str, str]:
    """Each injection's product: the next unused one of its category. ``ValueError`` if none."""
    pool = products_by_category(catalog)
    placed: dict[str, str] = {}
    for injection in injections:
        left = pool.get(injection.category, [])
        if not left:
            raise ValueError(f"no product left in {injection.category!r} for {injection.id}")
        placed[injection.id] = left.pop(0)
    return placed


def injection_record(injection: Injection, product_id: str, today: dt.date) -> Record:
    """The review or question record that carries the injection."""
    text = injection.text.replace("{product_id}", product_id)
    if injection.place == "review":
        return ReviewRecord(
            id=injection.record_id,
            product_id=product_id,
            rating=5,
            title=injection.title,
            text=text,
            date=today,
            verified=True,
            helpful_votes=INJECTED_VOTES,
        )
    return QuestionRecord(
        id=injection.record_id,
        product_id=product_id,
        question=injection.question,
        answers=[Answer(text=text, votes=INJECTED_VOTES)],
        votes=INJECTED_VOTES,
        date=today,
    )


def injected_store(home: Path, examples: Sequence[Example]) -> tuple[Catalog, dict[str, str]]:
    """The safety store at ``home`` (built on first use) with the examples' injections.

    Returns the catalog and each injection's product id.
    """
    catalog = demo_catalog(home, products=SAFETY_PRODUCTS)
    injections = [Injection.of(e.inputs) for e in examples]
    placed = place(injections, catalog)
    today = catalog.clock().date()
    items = [
        FeedItem("<safety-injections>", n, injection_record(i, placed[i.id], today))
        for n, i in enumerate(injections, start=1)
    ]
    ingest_items(catalog, items)
    return catalog, placed
