"""Prices in a shopper's words: bounds ("under $150", "between 50 and 100") and targets.

Small models cannot be trusted with numbers, so prices are read by patterns
(``graph.planner.price_patterns``). Each pattern claims its span; a later pattern never
reads inside an earlier one's span, which is how "no more than 90" stays a ceiling and
"from 20 to 40 bucks" stays one range. A number followed by a unit ("under 10 lbs", "over
4 stars") is not a price, nor a loose one that counts a thing ("about 36 appetizers", "up
to 42 diameter") or names a model ("iphone 12 max"), unless a currency is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.planner.amounts import amount, has_money_marker
from graph.planner.price_patterns import PATTERNS

__all__ = ["Prices", "amount", "find_prices"]

_LOOSE = re.compile(
    r"(?:around|about|approx\w*|roughly|close to|at least|up to)\b|~|.*\bmax(?:imum)?$", re.I
)
"""Loose phrases, whose number may count something else: "about 36", "at least 16"."""
_NEXT_WORD = re.compile(r"[\s-]*([^\W\d_][\w'’]*)")
_AFTER_A_PRICE = frozenset(
    "a an and or but for to on in at of with without from by is are was be please pls plz max"
    " maximum tops total each apiece per range mark ish so that thats that's which who if then"
    " than i i'm im we you me my it its it's this these those the any some would will should"
    " could can do does budget price now today though only just including plus not no"
    " nothing ok okay thanks thank before after".split()
)
"""Words that may follow a price ("about 200 for a kettle"); any other counts a thing."""
_MODEL = re.compile(
    r"\b(?:iphone|ipad|galaxy|pixel|note|series|model|gen|generation|version|edition|mark|mk)"
    r"\s*$",
    re.I,
)
"""A name before a number that makes it a model ("iphone 12 max" is no ceiling of 12)."""


@dataclass(frozen=True)
class Prices:
    """The prices a message states."""

    min_price: float | None = None
    max_price: float | None = None
    target: float | None = None
    """A single price that is neither floor nor ceiling ("at $70", "for $80")."""
    spans: tuple[tuple[int, int], ...] = ()
    """Character spans of the price phrases, for removal from the search text."""


def _counts_a_thing(match: re.Match[str], message: str) -> bool:
    """Whether a loose phrase's number counts a thing or names a model, not money."""
    if has_money_marker(match.group()):
        return False
    if match.group()[:1].isdigit() and _MODEL.search(message, 0, match.start()):
        return True
    following = _NEXT_WORD.match(message, match.end())
    counted = following is not None and following[1].lower() not in _AFTER_A_PRICE
    return counted and bool(_LOOSE.match(match.group()))


def _is_price(kind: str, match: re.Match[str], message: str, values: list[float]) -> bool:
    """Whether a loosely worded match really is about money."""
    if kind == "lone":  # "4k tv" is a resolution, "$80" a price
        return has_money_marker(match.group(), thousands=False)
    if kind == "plus":  # "spf 50+", "size 16 plus", "iphone 7 plus": not prices
        return has_money_marker(match.group())
    if any(1900 <= v <= 2100 and v.is_integer() for v in values):  # "from 2023": a year
        return has_money_marker(match.group())
    if kind == "dash":
        before = message[max(0, match.start() - 25) : match.start()].lower()
        return has_money_marker(match.group()) or bool(re.search(r"budget|price|pay", before))
    if kind == "target":
        return has_money_marker(match.group()) or bool(re.match(r"(?i)hits?|reach", match[0]))
    return not _counts_a_thing(match, message)


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
    elif kind in ("max", "min", "plus"):
        found.setdefault("min" if kind == "plus" else kind, values[0])
    else:
        found.setdefault("target", values[0])
