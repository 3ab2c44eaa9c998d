"""How the shopper wants results ordered ("best rated", "cheapest") and how many ("top 3")."""

from __future__ import annotations

import re

from graph.plan import Sort
from graph.planner.numbers import NUMBER, number

_SORT_PATTERNS: tuple[tuple[Sort, str], ...] = (
    (
        "rating",
        r"\b(?:best|top|highest|higher|better)[- ]?(?:rated|reviewed|ratings?)\b"
        r"|\bmost stars\b|\bhighest stars\b|(?<=\bthe )best ones?\b"
        rf"|\b(?:{NUMBER}) best(?:[- ]?(?:rated|reviewed))?\b",
    ),
    (
        "price_low",
        r"\bcheapest\b|\blowest[- ]price[ds]?\b|\bleast expensive\b|\bmost affordable\b"
        r"|\blow to high\b|\bcheaper (?:ones|options|alternatives?|models)\b|\blowest cost\b"
        r"|\bcheap\b|\baffordable\b|\binexpensive\b"
        r"|\bbudget(?:[ -]friendly)?\b(?!\s*(?:of|is|:|\$|\d))",
    ),
    (
        "price_high",
        r"\bmost expensive\b|\bpriciest\b|\bpremium\b|\bhigh[- ]end\b|\bhighest[- ]price[d]?\b"
        r"|\btop of the line\b|\bluxury\b|\bhigh to low\b|\bflagship\b",
    ),
    (
        "reviews",
        r"\bmost[- ]reviewed\b|\bmost popular\b|\bpopular\b|\bbest[- ]?sell(?:ing|ers?)\b"
        r"|\bmost reviews\b|\btrending\b|\bmost bought\b",
    ),
)
_SORTS = tuple((sort, re.compile(pattern, re.IGNORECASE)) for sort, pattern in _SORT_PATTERNS)
_COUNTED = (
    r"best|top|cheapest|cheaper|highest|most|least|lowest|quietest|options|ones|picks|choices|"
    r"products|items|models|suggestions|recommendations|alternatives|of (?:them|these|those|the)"
)
_COUNT = re.compile(
    rf"\btop\s+(?P<a>{NUMBER})\b"
    rf"|\b(?P<b>{NUMBER})\s+(?:of\s+)?(?:{_COUNTED})\b"
    rf"|\b(?:these|those|the|all|compare|show me|give me|list|find me|recommend|suggest|first|last)"
    rf"\s+(?P<c>{NUMBER})\b(?!\s*(?:%|\$|dollars?|bucks|inch|stars?|months?|weeks?|days?))",
    re.IGNORECASE,
)


def find_sort(message: str) -> tuple[Sort, list[tuple[int, int]]]:
    """The order asked for (the earliest phrase wins) and the spans of all order phrases."""
    found = [(m.span(), sort) for sort, p in _SORTS for m in p.finditer(message)]
    if not found:
        return "relevance", []
    return min(found)[1], sorted(span for span, _ in found)


def find_count(message: str) -> tuple[int | None, tuple[int, int] | None]:
    """How many products are asked for ("the two best", "top 3"), with the span."""
    for match in _COUNT.finditer(message):
        word = match["a"] or match["b"] or match["c"]
        if match["c"] and word.lower() in ("one", "single"):  # "the last one" is no count
            continue
        value = number(word)
        if value is not None and 1 <= value <= 20:
            return value, match.span()
    return None, None
