"""Which products a message is about, resolved against what the shopper has in view.

"It", "this" and "that one" mean the product the last turn was about, else the product page
the shopper is on, else the only (or first) product shown. Ordinals, groups and rankings
("the cheaper one") read the last answer's products in display order. Words that point at
nothing in view are reported as ``unresolved`` rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.plan import Conversation, Intent, ProductRef, Slots
from graph.planner.implicit import about_what_is_shown, comparison_fill, implicit_refs, in_view
from graph.planner.mentions import Found, find_groups, find_ordinals, find_superlatives
from graph.planner.naming import find_brands, find_ids, find_kinds, find_title_words
from graph.planner.reading import Reading

ABOUT_PRODUCTS: frozenset[Intent] = frozenset(
    {
        "product_question",
        "review_summary",
        "price_history",
        "price_alert",
        "cart_action",
        "compare",
        "store_policy",
        "deals",
    }
)
"""Intents whose words may point at products in view."""
_PRONOUN = re.compile(
    r"\b(?:(?P<p>it|its|this(?! (?:week|month|year|weekend|morning|time|season))|that one"
    r"|that product|that item)|(?:is|does|about|add|buy|get|take|want|like|of|on|for|with) "
    r"(?P<q>that))\b"
)
"""Pronouns; a bare "that" only after a verb or preposition ("a blender that is quiet")."""
_LIKE_THIS = re.compile(
    r"\b(?:like|similar to|alternatives? to|instead of|than) (?:this|it|that)\b"
)


@dataclass(frozen=True)
class Resolution:
    """The products a message refers to, and a reference that pointed at nothing."""

    products: list[ProductRef]
    unresolved: str | None = None


def _found(reading: Reading, intent: Intent, conversation: Conversation) -> list[Found]:
    text = reading.message.lower().replace("\u2019", "'")
    shown, page = conversation.shown, conversation.page_product
    found = find_ids(text, [*shown, *([page] if page else [])])
    if intent not in ABOUT_PRODUCTS and not _LIKE_THIS.search(text):
        return found
    if about_what_is_shown(reading, conversation):
        found += find_superlatives(text, shown)
    found += find_ordinals(text, shown)
    found += find_brands(text, reading.terms, shown, page)
    focus = [p for p in [*shown, page] if p and p.id == conversation.focus]
    found += find_kinds(text, reading.terms, [*focus, *([page] if page else []), *shown])
    found += find_title_words(reading.message, reading.terms, shown)
    if about_what_is_shown(reading, conversation):
        found += find_groups(text, shown)
    return found


def _pronouns(text: str, conversation: Conversation) -> list[Found]:
    target = in_view(conversation)
    return [
        Found(
            match.span("p" if match["p"] else "q"),
            (target[0],) if target else (),
            target[1] if target else "pronoun",
        )
        for match in _PRONOUN.finditer(text)
    ]


def _without_overlaps(found: list[Found]) -> list[Found]:
    """Earlier finders win where mentions overlap; the rest is put in message order."""
    kept: list[Found] = []
    for item in found:
        if not any(item.span[0] < k.span[1] and k.span[0] < item.span[1] for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda item: item.span)


def resolve_references(
    reading: Reading, intent: Intent, slots: Slots, conversation: Conversation
) -> Resolution:
    """The products ``reading`` refers to, in mention order, without repeats."""
    text = reading.message.lower().replace("\u2019", "'")
    found = _without_overlaps(_found(reading, intent, conversation))
    about = intent in ABOUT_PRODUCTS or _LIKE_THIS.search(text)
    # A stray "it" next to a named product ("is the Sony worth it") adds nothing.
    if about and (intent == "compare" or not any(item.products for item in found)):
        found = _without_overlaps(found + _pronouns(text, conversation))
    message = reading.message
    # "the Hushmix blender" with nothing in view names a catalog brand: search for it.
    # With products in view, the shopper means one of those, and we ask which.
    in_view_now = conversation.shown or conversation.page_product
    brands = [] if in_view_now else [m.span for m in reading.terms if m.term.kind == "brand"]
    unresolved = next(
        (
            message[f.span[0] : f.span[1]]
            for f in found
            if not f.products and not any(f.span[0] < b[1] and b[0] < f.span[1] for b in brands)
        ),
        None,
    )
    refs = [
        ProductRef(mention=message[f.span[0] : f.span[1]], product_id=pid, kind=f.kind)
        for f in found
        for pid in f.products
    ]
    if not refs and unresolved is None:
        refs = implicit_refs(reading, intent, conversation)
    if intent == "compare" and unresolved is None:
        refs += comparison_fill(refs, slots, reading, conversation)
    unique = {ref.product_id: ref for ref in reversed(refs)}
    return Resolution([ref for ref in refs if unique[ref.product_id] is ref], unresolved)
