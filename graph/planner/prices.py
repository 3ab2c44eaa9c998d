"""Prices in a shopper's words: bounds ("under $150", "between 50 and 100") and targets.

Small models cannot be trusted with numbers, so prices are read by patterns. Each pattern
claims its span; a later pattern never reads inside an earlier one's span, which is how
"no more than 90" stays a ceiling and "from 20 to 40 bucks" stays one range. A number
followed by a unit ("under 10 lbs", "over 4 stars") is not a price.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.planner.amounts import MONEY, amount, has_money_marker

_M = rf"({MONEY})"
_MAX_BEFORE = (
    r"under|below|beneath|less than|lower than|cheaper than|no more than|not more than|"
    r"no higher than|not over|nothing (?:over|above|more than)|at most|up to|max(?:imum)?\.?|"
    r"within|budget(?: is| of|:)?|"
    r"(?:spend|pay)(?:ing)?(?: more than| over| above| up to)?|<=?|≤"
)
_MAX_AFTER = r"or less|or under|or below|or cheaper|max(?:imum)?|tops|at most|and under|budget"
_MIN_BEFORE = (
    r"over|above|more than|at least|min(?:imum)?\.?|starting at|from|greater than|"
    r"higher than|upwards of|>=?|≥"
)
_MIN_AFTER = r"or more|and up|and above|or higher|plus|\+"
_TARGET = r"(?:at|for|to|reach(?:es)?|hits?|hit)"
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("range", rf"\b(?:between|from)\s+(?:about\s+)?{_M}\s*(?:and|to|-|–)\s*{_M}"),
        ("dash", rf"{_M}\s*(?:-|–|to)\s*{_M}"),
        ("around", rf"(?:\b(?:around|about|approximately|approx\.?|roughly|close to)\s+|~\s?){_M}"),
        ("around", rf"{_M}(?:\s?-?ish\b|\s+or so\b)"),
        ("max", rf"(?:(?<![\w-])(?:{_MAX_BEFORE}))\s*(?:of\s+|than\s+)?{_M}"),
        ("max", rf"{_M}\s*(?:{_MAX_AFTER})\b"),
        ("min", rf"(?:(?<![\w-])(?:{_MIN_BEFORE}))\s*{_M}"),
        ("min", rf"{_M}\s*(?:{_MIN_AFTER})(?:\s|$|\b)"),
        ("target", rf"\b{_TARGET}\s+{_M}"),
        ("lone", rf"(?<![\w.])({MONEY})"),
    )
)


@dataclass(frozen=True)
class Prices:
    """The prices a message states."""

    min_price: float | None = None
    max_price: float | None = None
    target: float | None = None
    """A single price that is neither floor nor ceiling ("at $70", "for $80")."""
    spans: tuple[tuple[int, int], ...] = ()
    """Character spans of the price phrases, for removal from the search text."""


def _is_price(kind: str, match: re.Match[str], message: str, values: list[float]) -> bool:
    """Whether a loosely worded match really is about money."""
    if kind == "lone":  # "4k tv" is a resolution, "$80" a price
        return has_money_marker(match.group(), thousands=False)
    if any(1900 <= v <= 2100 and v.is_integer() for v in values):  # "from 2023": a year
        return has_money_marker(match.group())
    if kind == "dash":
        before = message[max(0, match.start() - 25) : match.start()].lower()
        return has_money_marker(match.group()) or bool(re.search(r"budget|price|pay", before))
    if kind == "target":
        return has_money_marker(match.group()) or bool(re.match(r"(?i)hits?|reach", match[0]))
    return True


def find_prices(message: str) -> Prices:
    """Read price bounds and targets from ``message``; the first phrase of a kind wins."""
    found: dict[str, float] = {}
    spans: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(message):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in spans):
                continue
            values = [v for v in (amount(g) for g in match.groups() if g) if v is not None]
            if len(values) != len(match.groups()) or not _is_price(kind, match, message, values):
                continue
            spans.append(span)
            _record(found, kind, values)
    low, high = found.get("min"), found.get("max")
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Prices(low, high, found.get("target"), tuple(sorted(spans)))


def _record(found: dict[str, float], kind: str, values: list[float]) -> None:
    if kind in ("range", "dash"):
        found.setdefault("min", min(values))
        found.setdefault("max", max(values))
    elif kind == "around":
        found.setdefault("min", round(values[0] * 0.85, 2))
        found.setdefault("max", round(values[0] * 1.15, 2))
    elif kind in ("max", "min"):
        found.setdefault(kind, values[0])
    else:
        found.setdefault("target", values[0])
