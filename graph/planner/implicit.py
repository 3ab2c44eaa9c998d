"""Products a message is about without naming them: the one in view, and ones to compare.

"Is it loud?" and "how long does the battery last?" are about the product in view: the
focus of the last turn, else the product page, else the first product shown. "Compare" with
nothing named compares the first products shown (best first when an order is asked for).
"""

from __future__ import annotations

import re

from graph.plan import Conversation, Intent, ProductRef, RefKind, Slots
from graph.planner.reading import Reading

_IMPLICIT: frozenset[Intent] = frozenset(
    {"product_question", "review_summary", "price_history", "price_alert"}
)
"""Intents that are about the product in view even when no word points at it."""
_ADDS = re.compile(r"\b(?:add|buy|order|take|get|want|put)\b")


def in_view(conversation: Conversation) -> tuple[str, RefKind] | None:
    """What "it" means: the focus, else the page product, else the only or first shown."""
    if conversation.focus:
        return conversation.focus, "pronoun"
    if conversation.page_product:
        return conversation.page_product.id, "page"
    return (conversation.shown[0].id, "pronoun") if conversation.shown else None


def _open_product(conversation: Conversation) -> tuple[str, RefKind] | None:
    """The product the shopper has open: the last turn's focus, else the page."""
    if conversation.focus:
        return conversation.focus, "pronoun"
    if conversation.page_product:
        return conversation.page_product.id, "page"
    return None


def about_what_is_shown(reading: Reading, conversation: Conversation) -> bool:
    """False when the message asks the catalog instead ("the two best robot vacuums under 400")."""
    if reading.prices.min_price is not None or reading.prices.max_price is not None:
        return False
    named = {m.term.name.lower() for m in reading.terms if m.term.kind == "category"}
    shown = {level.strip() for p in conversation.shown for level in p.category.lower().split(">")}
    return not named or bool(named & shown)


def implicit_refs(reading: Reading, intent: Intent, conversation: Conversation) -> list[ProductRef]:
    """The product in view, for a question about it that names nothing ("is it loud?")."""
    text = reading.message.lower()
    wanted = intent in _IMPLICIT or (intent == "cart_action" and _ADDS.search(text))
    target = in_view(conversation)
    if intent == "store_policy":  # "the return policy" on a product's page is that product's
        wanted, target = _open_product(conversation) is not None, _open_product(conversation)
    if not wanted or target is None or any(m.term.kind == "brand" for m in reading.terms):
        return []
    if reading.variant and reading.variant_spans:
        start, end = reading.variant_spans[0]
        return [
            ProductRef(mention=reading.message[start:end], product_id=target[0], kind="variant")
        ]
    return [ProductRef(mention="", product_id=target[0], kind=target[1])]


def comparison_fill(
    refs: list[ProductRef], slots: Slots, reading: Reading, conversation: Conversation
) -> list[ProductRef]:
    """Products on screen to compare when the message names fewer than two."""
    wanted = max(slots.count or 2, 2)
    if len(refs) >= wanted or not about_what_is_shown(reading, conversation):
        return []
    taken = {ref.product_id for ref in refs}
    pool = [p for p in conversation.shown if p.id not in taken]
    if slots.sort == "rating":
        pool.sort(key=lambda p: -(p.rating or 0))
    elif slots.sort in ("price_low", "price_high"):
        sign = 1 if slots.sort == "price_low" else -1
        pool.sort(key=lambda p: sign * (p.price or 0))
    kind: RefKind = "ordinal" if slots.sort == "relevance" else "superlative"
    return [ProductRef(mention="", product_id=p.id, kind=kind) for p in pool[: wanted - len(refs)]]
