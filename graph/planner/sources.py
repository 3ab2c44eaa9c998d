"""Where retrieval looks for an intent, with which filters, and with what search text."""

from __future__ import annotations

import re

from graph.plan import Intent, PolicyTopic, ProductRef, Slots, Source
from graph.planner.filler import FEATURE_PHRASES, FILLER
from graph.planner.reading import Reading
from graph.planner.text import covered, words
from store.search import SearchFilters

_DEAL_WORDS = re.compile(r"\b(?:on sale|deals?|discount\w*|clearance|coupons?|promo\w*)\b", re.I)
_TOPIC_PATTERNS: tuple[tuple[PolicyTopic, str], ...] = (
    ("returns", r"\breturn|\brefund|\bexchange|\bsend (?:\w+ )?back\b|\bswap\b|\bmoney back"),
    ("shipping", r"\bship|\bdeliver|\barriv|\bpick ?up\b|\bpostage\b|\bnext day\b"),
    ("warranty", r"\bwarrant|\bguarantee|\bbreaks?\b|\bbroke|\brepair|\bdefect"),
    (
        "payment",
        r"\bpay|\bpaypal|\bklarna|\bafterpay|\bvenmo|\bcredit\b|\bdebit\b|\bcard\b"
        r"|\bfinanc|\binstal?lments?\b|\bcash\b|\baccept\b",
    ),
)
_TOPICS = tuple((topic, re.compile(p, re.IGNORECASE)) for topic, p in _TOPIC_PATTERNS)
_FEATURE_KEYS = [tuple(words(phrase)) for phrase in FEATURE_PHRASES]
_SOURCES: dict[Intent, tuple[Source, ...]] = {
    "search": ("catalog",),
    "compare": ("catalog", "product"),
    "product_question": ("product", "questions", "reviews"),
    "review_summary": ("reviews",),
    "price_history": ("price_history", "offers"),
    "deals": ("deals",),
    "price_alert": ("offers",),
    "cart_action": ("offers",),
}
_FIND_PRODUCT_FIRST: frozenset[Intent] = frozenset(
    {"product_question", "price_history", "price_alert", "cart_action"}
)
"""Intents about one product: with none resolved but one named, the catalog finds it."""


def sources_for(
    intent: Intent, products: list[ProductRef], slots: Slots, message: str
) -> list[Source]:
    """The stores of facts that can answer ``intent``."""
    sources = list(_SOURCES.get(intent, ()))
    named = slots.category is not None or slots.brand is not None
    if intent == "search" and _DEAL_WORDS.search(message):
        sources.append("deals")
    elif intent in ("compare", "store_policy") and products:
        sources = ["product"]
    elif not products and (intent == "review_summary" or (intent in _FIND_PRODUCT_FIRST and named)):
        sources.append("catalog")
    return sources


def filters_for(slots: Slots, sources: list[Source], reading: Reading) -> SearchFilters:
    """Structured conditions for catalog and deal searches (none for other sources)."""
    if "catalog" not in sources and "deals" not in sources:
        return SearchFilters()
    return SearchFilters(
        min_price=slots.min_price,
        max_price=slots.max_price,
        brand=slots.brand,
        category=slots.category,
        min_rating=reading.min_rating,
        in_stock=reading.in_stock,
    )


def policy_topic(message: str) -> PolicyTopic | None:
    """Which policy a store-policy question is about; the earliest cue wins."""
    hits = [(m.start(), topic) for topic, p in _TOPICS for m in [p.search(message)] if m]
    return min(hits)[1] if hits else None


def search_query(reading: Reading, products: list[ProductRef]) -> str:
    """The message without price, order and count phrases, product mentions and filler.

    Catalog names and multi-word qualities stay whole ("over-ear", "easy to clean").
    """
    message, tokens = reading.message, reading.tokens
    spans = [*reading.prices.spans, *reading.ranking_spans, *reading.filter_spans]
    spans += [
        (message.find(ref.mention), message.find(ref.mention) + len(ref.mention))
        for ref in products
        if ref.mention and ref.mention in message
    ]
    dropped = covered(tokens, spans)
    kept = covered(tokens, [m.span for m in reading.terms])
    texts = [t.text for t in tokens]
    for index in range(len(tokens)):
        for key in _FEATURE_KEYS:
            if tuple(texts[index : index + len(key)]) == key:
                kept[index : index + len(key)] = [True] * len(key)
    return " ".join(
        message[token.start : token.end]
        for token, drop, keep in zip(tokens, dropped, kept, strict=True)
        if not drop and (keep or token.text not in FILLER)
    )
