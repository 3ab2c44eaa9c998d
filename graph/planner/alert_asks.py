"""What a price alert asks for, in the shopper's words: the condition, its figures, auto-buy.

"Below $80" is a target (``price_at_most``), "drops 20%" a drop (``drop_by_percent``),
"back in stock" and "on sale" wait for stock and deals; an alert that names none of these
("keep an eye on it", "tell me when it drops") waits for any drop. Auto-buy is read only
when the shopper tells us to buy ("buy 2 when...", "auto-buy", "just buy it for me"), with
the spend cap they name ("spend at most $170", "cap of $170", "up to $170 total"). Money is
read by patterns (``graph.planner.prices``), never by a model; figures are read as written,
so a refusal ("buy 1000000") can name the shopper's own number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.planner.amounts import MONEY, amount
from graph.planner.numbers import NUMBER, number
from graph.planner.prices import Prices, find_prices
from graph.planner.quantities import find_quantity
from store.alert_views import Condition

_M = rf"(?<![\w.])({MONEY})"
_PERCENT = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per ?cent\b|pct\b)", re.I)
_AMOUNT_DROP = re.compile(
    rf"\b(?:drops?|dips?|falls?|goes down|comes down|reduced|cut)\s+(?:by\s+)?{_M}(?!\s*or\b)"
    rf"|{_M}\s+(?:off|cheaper|less)\b",
    re.I,
)
"""A drop by an amount ("drops by $20", "$20 off"): the store watches prices and percents."""
_DROPS_TO = re.compile(
    rf"\b(?:drops?|dips?|falls?|goes|gets|comes?(?: down)?|is|reach(?:es)?)\s+(?:down\s+)?"
    rf"to\s+{_M}",
    re.I,
)
"""A target the price patterns leave to a currency sign: "when it drops to 80"."""
_STOCK = re.compile(
    r"\b(?:back in stock|in stock(?: again)?|(?:available|in) again|back (?:on sale|available)"
    r"|restock\w*|becomes? available|(?:is|are|gets?) available)\b",
    re.I,
)
_DEAL = re.compile(
    r"\b(?:deals?|on sale|goes on sale|sales?|discount\w*|promo\w*|marked down|clearance"
    r"|special offer)\b",
    re.I,
)
_BUY = r"(?:buy|order|purchase|grab|get)"
_AUTO_BUY = re.compile(
    r"\bauto[- ]?(?:buy|purchase|order)\w*"
    rf"|\bautomatically {_BUY}\b|\b{_BUY} (?:\S+ ){{0,3}}?automatically\b"
    rf"|\b{_BUY} (?:it|this|that|them|one|these|those)(?: \w+)? for me\b"
    rf"|(?:^|[,.;:!?]|\b(?:and|then|just|please|pls|so|simply))\s*{_BUY}\s+"
    rf"(?:it|this|that|them|these|those|one|a|an|\d[\d,]*|{NUMBER})\b",
    re.I,
)
"""The shopper telling us to buy: at a clause's start ("buy 2 when..."), "just buy it for
me", "auto-buy". "So I can buy it" and "tell me when to buy" are no such order."""
_HOW_MANY = re.compile(
    rf"\b{_BUY}\s+(?:(?P<digits>\d[\d,]*)(?![\d.])|(?P<scaled>a|one) (?P<scale>hundred|thousand"
    rf"|million)|(?P<word>{NUMBER}|a pair|a couple)\b)",
    re.I,
)
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_TOTAL = r"(?:total|in total|overall|altogether|all in|all together)"
_CAP = re.compile(
    r"\b(?:spend(?:ing)?|pay(?:ing)?)\s+(?:(?:at most|no more than|not more than|up to"
    rf"|a max(?:imum)? of|max(?:imum)?|under|less than|below)\s+)?{_M}"
    r"|\b(?:cap|limit|ceiling)(?:\s+(?:it|that|of|at|is|to|on|the|order)|\s*[=:])*\s*"
    rf"{_M}"
    rf"|\b(?:up to|at most|no more than|not more than|max(?:imum)?(?: of)?)\s+{_M}\s+{_TOTAL}\b"
    rf"|{_M}\s+(?:{_TOTAL}|cap|limit|spend(?:ing)? (?:cap|limit))\b",
    re.I,
)
"""A spend cap: the most one order may cost. Read only when the shopper asks to buy."""


@dataclass(frozen=True)
class AlertAsk:
    """What one alert message asks for."""

    condition: Condition | None
    """None when the message asks for something the store cannot watch ("$20 off")."""
    target: float | None = None
    """``price_at_most``: the price to wait for (0 and below stay, to be refused)."""
    drop_percent: float | None = None
    """``drop_by_percent``: the drop asked for; None with that condition is any drop."""
    quantity: int | None = None
    """Units to buy when the shopper asked to buy (1 unless they said); None: no auto-buy."""
    spend_cap: float | None = None
    """The most one auto-buy order may cost, as the shopper said; None: not said."""


def read_alert_ask(message: str, prices: Prices | None = None) -> AlertAsk:
    """Read ``message`` (a price alert) for its condition, figures and auto-buy terms.

    Args:
        message: The shopper's message.
        prices: ``find_prices(message)``, when the caller has read it already.
    """
    buying = _AUTO_BUY.search(message) is not None
    cap_match = _CAP.search(message) if buying else None
    if cap_match is not None:  # the cap is no target: read prices without it
        start, end = cap_match.span()
        prices = find_prices(message[:start] + " " * (end - start) + message[end:])
    prices = prices or find_prices(message)
    quantity = _quantity(message) if buying else None
    cap = _first_amount(cap_match) if cap_match else None
    percent = _PERCENT.search(message)
    target = _target(message, prices)
    if percent is not None:
        ask = AlertAsk("drop_by_percent", drop_percent=float(percent[1]))
    elif _AMOUNT_DROP.search(message):
        ask = AlertAsk(None)
    elif target is not None:
        ask = AlertAsk("price_at_most", target=target)
    elif _STOCK.search(message):
        ask = AlertAsk("back_in_stock")
    elif _DEAL.search(message):
        ask = AlertAsk("deal_starts")
    else:
        ask = AlertAsk("drop_by_percent")
    return AlertAsk(ask.condition, ask.target, ask.drop_percent, quantity, cap)


def _target(message: str, prices: Prices) -> float | None:
    """The price to wait for: the message's target, else its one bound ("below $80")."""
    for value in (prices.target, prices.max_price, prices.min_price):
        if value is not None:
            return value
    drops_to = _DROPS_TO.search(message)
    return amount(drops_to[1]) if drops_to else None


def _quantity(message: str) -> int:
    """Units to buy, as written ("buy 2", "order three", "buy 1000000"); 1 when unsaid."""
    match = _HOW_MANY.search(message)
    if match is None:
        return find_quantity(message) or 1
    if match["digits"]:
        return int(match["digits"].replace(",", ""))
    if match["scale"]:
        return _SCALES[match["scale"].lower()]
    word = match["word"].lower()
    return 2 if word in ("a pair", "a couple") else (number(word) or 1)


def _first_amount(match: re.Match[str]) -> float | None:
    found = next((group for group in match.groups() if group), None)
    return amount(found) if found else None
