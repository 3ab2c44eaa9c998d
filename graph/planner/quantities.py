"""Numbers that are not prices: units to add, a history window, a star rating, stock."""

from __future__ import annotations

import re

from graph.planner.numbers import NUMBER, number

_QUANTITY = re.compile(
    rf"\b(?:add|buy|order|get|put|make it|quantity(?: of| to)?|qty:?|(?:change|set|update)"
    rf" (?:it|that|the quantity|quantity) to)\s+(?P<a>{NUMBER})\b(?!\s*(?:%|\$|inch|gb|tb|stars?))"
    rf"|\b(?P<b>{NUMBER})\s*(?:x\b|units?\b|pieces\b|pcs\b|pairs\b|of (?:them|these|those|it|the|"
    rf"this|that)\b|more\b)"
    rf"|\bx\s?(?P<c>\d{{1,2}})\b",
    re.IGNORECASE,
)
_DAYS = {"day": 1, "week": 7, "month": 30, "quarter": 91, "year": 365}
_WINDOW = re.compile(
    rf"\b(?:(?:last|past|previous|recent|over|in|for|during)\s+)(?:the\s+)?(?:(?P<n>{NUMBER}|a|an|"
    rf"couple of|few)\s+)?(?P<unit>day|week|month|quarter|year)s?\b"
    rf"|\b(?P<m>{NUMBER}|a)\s+(?P<unit2>day|week|month|quarter|year)s?\b"
    r"|\b(?P<this>this|since last) (?P<unit3>week|month|year)\b",
    re.IGNORECASE,
)
_RATING = re.compile(
    r"(?:\b(?:at least|over|above|more than|minimum|min|rated)\s+)?\b(?P<stars>[1-5](?:\.\d)?)"
    r"\s*(?P<plus>\+)?\s*(?:stars?|star rating)?"
    r"\s*(?P<up>and up|or more|or higher|or better|plus)?",
    re.IGNORECASE,
)
_IN_STOCK = re.compile(
    r"\b(?:in stock|available now|ships? (?:today|now|immediately)|ready to ship)\b", re.IGNORECASE
)


def find_quantity(message: str) -> int | None:
    """Units of a cart action ("add 2", "three of them", "x2")."""
    for match in _QUANTITY.finditer(message):
        value = number(match["a"] or match["b"] or match["c"])
        if value is not None and 1 <= value <= 99:
            return value
    return None


def find_window_days(message: str) -> int | None:
    """A price-history window in days ("last 3 months" -> 90, "past year" -> 365)."""
    match = _WINDOW.search(message)
    if match is None:
        return None
    unit = (match["unit"] or match["unit2"] or match["unit3"]).lower()
    spelled = (match["n"] or match["m"] or "1").lower()
    count = {"a": 1, "an": 1, "couple of": 2, "few": 3}.get(spelled) or number(spelled) or 1
    return count * _DAYS[unit]


def find_min_rating(message: str) -> tuple[float | None, tuple[int, int] | None]:
    """A minimum star rating when the words make it one ("4 stars and up"), with its span."""
    for match in _RATING.finditer(message):
        text = match.group().lower()
        bounded = bool(match["plus"] or match["up"])
        if ("star" in text and (bounded or not text[0].isdigit())) or (bounded and "rated" in text):
            return float(match["stars"]), match.span()
    return None, None


def find_in_stock(message: str) -> tuple[int, int] | None:
    """The span of words asking only for products that can ship now ("in stock"), if any."""
    match = _IN_STOCK.search(message)
    return match.span() if match else None
