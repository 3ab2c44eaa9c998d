"""What the assistant says about an alert (pure: figures come from the request or the store)."""

from __future__ import annotations

from graph.alert_request import AlertProblem, AlertRequest
from graph.cart_talk import money
from store.alert_views import Alert

SIGN_IN = "Sign in to set an alert: an alert belongs to your account."
CANCELLED = "Cancelled: no alert was set."
NO_CONDITION = (
    "I can watch for a price (“below $80”), a drop in percent (“20% off”), a product "
    "coming back in stock, or a deal. Which should it be?"
)
_MET_NOW = "That's already so right now: I'll tell you the next time it happens."
_MET_NOW_BUYING = (
    "It's at that price already, so nothing is bought now: I'll buy the next time the "
    "price drops to it."
)


def watching(request: AlertRequest) -> str:
    """What the alert waits for: "Hushmix 600 drops to 80.00 USD or less"."""
    spec, title, currency = request.spec, request.title, request.currency
    if spec.condition == "price_at_most" and spec.target is not None:
        return f"{title} drops to {money(spec.target, currency)} or less"
    if spec.condition == "drop_by_percent" and spec.drop_percent is not None:
        today = f" from today's {money(request.price, currency)}" if request.price else ""
        return f"{title} drops by {spec.drop_percent:g}% or more{today}"
    if spec.condition == "back_in_stock":
        return f"{title} is back in stock"
    if spec.category is not None:
        return f"a deal starts on anything in {title}"
    return f"a deal starts on {title}"


def _buying(request: AlertRequest) -> str:
    """The auto-buy terms: "buy 2 (at most 170.00 USD for the order)"; '' without auto-buy."""
    if request.spec.auto_buy is None:
        return ""
    quantity, cap = request.spec.auto_buy
    limit = f" (at most {money(cap, request.currency)} for the order)" if cap is not None else ""
    return f"buy {quantity}{limit}"


def proposal(request: AlertRequest) -> str:
    """The answer's proposal, before the shopper confirms it."""
    buying = _buying(request)
    if buying:
        return f"When {watching(request)}, I can {buying} for you and tell you."
    return f"I can tell you when {watching(request)}."


def question(request: AlertRequest) -> str:
    """The question put to the shopper with ``interrupt()``."""
    buying = _buying(request)
    if buying:
        return f"When {watching(request)}, {buying} and tell you?"
    return f"Tell you when {watching(request)}?"


def alert_set(alert: Alert, request: AlertRequest) -> str:
    """The confirmation that the alert is set, and whether its condition holds already."""
    buying = _buying(request)
    if alert.auto_buy is not None and buying:
        text = f"Done: when {watching(request)}, I'll {buying} and tell you."
    else:
        text = f"Done: I'll tell you when {watching(request)}."
    if alert.met_now:
        text += " " + (_MET_NOW_BUYING if alert.auto_buy is not None else _MET_NOW)
    return text


def problem(found: AlertProblem) -> str:
    """Why no alert is proposed ('' when the answer already asks which product)."""
    if found.kind == "no_condition":
        return NO_CONDITION
    if found.kind == "refused":
        return refused(found.reason)
    return ""


def refused(reason: str) -> str:
    """An alert the store's checks refuse, before the shopper was asked."""
    return f"I can't set that alert: {reason}."


def not_set(reason: str) -> str:
    """An alert the store refused when the shopper confirmed it."""
    return f"Nothing changed: {reason}."
