"""Slots: what the message states, chosen for the intent.

What applies depends on the intent: "under 80" bounds a search but is an alert's target,
"add 2" is a quantity only for the cart, "last 3 months" a window only for price history.
"""

from __future__ import annotations

import re

from graph.plan import Intent, Slots
from graph.planner.alert_asks import read_alert_ask
from graph.planner.filler import FEATURE_PHRASES, FILLER
from graph.planner.numbers import ORDINALS, WORDS
from graph.planner.quantities import find_quantity, find_window_days
from graph.planner.reading import Reading
from graph.planner.text import covered, words
from store.aspects import aspect_for_query

_FEATURE_KEYS = {tuple(words(phrase)): phrase for phrase in FEATURE_PHRASES}
_NOT_FEATURES = FILLER | ORDINALS.keys() | WORDS.keys() | {"last", "rated", "reviewed"}
_FOR_DEVICE = re.compile(r"\b(?:for|with|fits?|fit|into|in)\s+(?:my|a|an|the|your)?\s*$", re.I)
_FEATURES_FOR: frozenset[Intent] = frozenset({"search", "compare", "deals"})
_ASPECT_FOR: frozenset[Intent] = frozenset(
    {"review_summary", "product_question", "compare", "search"}
)


def category_of(reading: Reading) -> str | None:
    """The category asked for; one named as what it must fit ("for my laptop") comes last."""
    phrases = [*reading.prices.spans, *reading.ranking_spans]
    named = [
        m
        for m in reading.terms
        if m.term.kind == "category" and not any(s <= m.span[0] < e for s, e in phrases)
    ]
    own = [m for m in named if not _FOR_DEVICE.search(reading.message[: m.span[0]])]
    chosen = (own or named)[:1]
    return chosen[0].term.name if chosen else None


def features_of(reading: Reading) -> list[str]:
    """Wanted qualities: words left after filler, prices, names, order and count."""
    spans = [*reading.prices.spans, *reading.ranking_spans, *reading.variant_spans]
    spans += [*reading.filter_spans, *(m.span for m in reading.terms)]
    taken = covered(reading.tokens, spans)
    texts = [t.text for t in reading.tokens]
    found, position = [], 0
    while position < len(texts):
        phrase = next(
            (
                (key, name)
                for key, name in _FEATURE_KEYS.items()
                if tuple(texts[position : position + len(key)]) == key
            ),
            None,
        )
        if phrase is not None:
            found.append(phrase[1])
            position += len(phrase[0])
            continue
        word = texts[position]
        if not taken[position] and word not in _NOT_FEATURES and word.isalpha() and len(word) > 2:
            found.append(word)
        position += 1
    return list(dict.fromkeys(found))


def _aspect(reading: Reading) -> str | None:
    """The review aspect asked about, read with prices and variants blanked out.

    "price lower than 40" is not a question about value, nor "size 10" about size.
    """
    text = reading.message
    for start, end in [*reading.prices.spans, *reading.variant_spans]:
        text = text[:start] + " " * (end - start) + text[end:]
    return aspect_for_query(text)


def slots_for(reading: Reading, intent: Intent) -> Slots:
    """The slots that apply to ``intent``."""
    prices = reading.prices
    low, high, target = prices.min_price, prices.max_price, prices.target
    if intent == "price_alert":
        low, high, target = None, None, target or high or low
    elif intent in ("search", "deals", "compare") and high is None:
        high, target = target, None
    else:
        target = None
    brand = next((m.term.name for m in reading.terms if m.term.kind == "brand"), None)
    message = reading.message
    slots = Slots(
        min_price=low,
        max_price=high,
        brand=brand,
        category=category_of(reading),
        features=features_of(reading) if intent in _FEATURES_FOR else [],
        quantity=find_quantity(message) if intent == "cart_action" else None,
        variant=reading.variant,
        aspect=_aspect(reading) if intent in _ASPECT_FOR else None,
        window_days=find_window_days(message) if intent == "price_history" else None,
        target_price=target,
        sort=reading.sort,
        count=reading.count,
    )
    return _with_alert(slots, reading) if intent == "price_alert" else slots


def _with_alert(slots: Slots, reading: Reading) -> Slots:
    """An alert's condition, figures and auto-buy terms (``graph.planner.alert_asks``).

    The target is a ``price_at_most`` alert's only, read without the spend cap: "spend at
    most $170, buy 2 below $80" waits for 80, and "below $0" stays 0 for the checks to refuse.
    """
    ask = read_alert_ask(reading.message, reading.prices)
    return slots.model_copy(
        update={
            "alert_condition": ask.condition,
            "target_price": ask.target,
            "drop_percent": ask.drop_percent,
            "auto_buy_quantity": ask.quantity,
            "spend_cap": ask.spend_cap,
        }
    )
