"""Everything read from one message before its intent is known.

Prices, catalog names, order and count, variant words, rating and stock conditions: read
once, then chosen per intent (``graph.planner.slots``), resolved against the conversation
(``graph.planner.references``) and removed from the search text (``graph.planner.sources``).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.plan import Sort
from graph.planner.prices import Prices, find_prices
from graph.planner.quantities import find_in_stock, find_min_rating
from graph.planner.ranking import find_count, find_sort
from graph.planner.text import Token, tokenize
from graph.planner.variants import find_variant
from graph.planner.vocabulary import TermMatch, Vocabulary


@dataclass(frozen=True)
class Reading:
    """Everything read from one message, before the intent is known."""

    message: str
    tokens: tuple[Token, ...]
    terms: tuple[TermMatch, ...]
    prices: Prices
    sort: Sort
    count: int | None
    variant: str | None
    ranking_spans: tuple[tuple[int, int], ...]
    """Spans of the order and count phrases ("the two best rated")."""
    variant_spans: tuple[tuple[int, int], ...]
    min_rating: float | None
    in_stock: bool
    filter_spans: tuple[tuple[int, int], ...]
    """Spans of the rating and stock phrases ("4 stars and up", "in stock")."""


def read_message(message: str, vocabulary: Vocabulary) -> Reading:
    """Read prices, catalog names, order, count and variant words from ``message``."""
    tokens = tokenize(message)
    sort, sort_spans = find_sort(message)
    count, count_span = find_count(message)
    variant, variant_spans = find_variant(message)
    min_rating, rating_span = find_min_rating(message)
    stock_span = find_in_stock(message)
    return Reading(
        message=message,
        tokens=tuple(tokens),
        terms=tuple(vocabulary.find(tokens)),
        prices=find_prices(message),
        sort=sort,
        count=count,
        variant=variant,
        ranking_spans=(*sort_spans, *([count_span] if count_span else [])),
        variant_spans=tuple(variant_spans),
        min_rating=min_rating,
        in_stock=stock_span is not None,
        filter_spans=tuple(span for span in (rating_span, stock_span) if span),
    )
