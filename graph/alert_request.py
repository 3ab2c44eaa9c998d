"""The alert a shopper asked for: read from the plan (their words) and the evidence.

Only the shopper's message makes an alert: the condition and every figure are the plan's
slots, read by patterns from the message (``graph.planner.alert_asks``), and the product is
the one their words point at or that retrieval found for their words. Reviews, Q&A and the
model's text never reach here. The composer shows the request, ``act`` checks it against the
store and puts it to the shopper (``pending``), and ``confirm`` makes exactly that alert.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Literal

from graph.evidence import Evidence
from graph.plan import Plan
from store.alert_rules import DROP_RANGE, AlertSpec, check_terms
from store.alert_views import AlertError, AutoBuy

ANY_DROP = DROP_RANGE[0]
"""The drop "tell me when it drops" waits for, in percent: the smallest the store keeps."""


@dataclass(frozen=True)
class AlertRequest:
    """An alert the store would accept (as far as can be told without it), with its names."""

    spec: AlertSpec
    title: str
    """The product's title, or the category's name."""
    currency: str | None = None
    price: float | None = None
    """The product's live price when asked (None: a category, or no offer)."""


@dataclass(frozen=True)
class AlertProblem:
    """Why there is no alert to propose."""

    kind: Literal["which_product", "no_condition", "refused"]
    """No product (or an unresolved one); nothing the store can watch; refused figures."""
    reason: str = ""
    """What the store's checks said (``refused``)."""


def alert_request(plan: Plan, evidence: Evidence) -> AlertRequest | AlertProblem:
    """The alert the plan's message asks for, or why there is none."""
    slots = plan.slots
    if plan.unresolved:
        return AlertProblem("which_product")
    condition = slots.alert_condition
    if condition is None and slots.target_price is not None:
        condition = "price_at_most"  # a plan made without the alert reading: its price
    if condition is None:
        return AlertProblem("no_condition")
    category = _category(plan, condition)
    product_id = None if category else _product_id(plan, evidence)
    if category is None and product_id is None:
        return AlertProblem("which_product")
    percent = slots.drop_percent if slots.drop_percent is not None else ANY_DROP
    buying = slots.auto_buy_quantity
    spec = AlertSpec(
        condition=condition,
        product_id=product_id,
        category=category,
        target=slots.target_price if condition == "price_at_most" else None,
        drop_percent=percent if condition == "drop_by_percent" else None,
        auto_buy=AutoBuy(buying, slots.spend_cap) if buying is not None else None,
    )
    try:
        check_terms(spec)
    except AlertError as exc:
        return AlertProblem("refused", str(exc))
    summary = evidence.summary(product_id) if product_id else None
    if summary is None:
        return AlertRequest(spec, category or product_id or "")
    return AlertRequest(spec, summary.title, summary.currency, summary.price)


def _category(plan: Plan, condition: str) -> str | None:
    """The category of a deal alert on no product: named, with no brand and no product named.

    "Tell me when coffee makers go on sale" watches the category even on a product's page;
    "when this blender goes on sale" and "when Hushmix blenders..." watch a product.
    """
    named_product = any(ref.mention for ref in plan.products)
    if condition != "deal_starts" or plan.slots.brand or named_product:
        return None
    return plan.slots.category


def _product_id(plan: Plan, evidence: Evidence) -> str | None:
    """The product the words point at, else the first that retrieval found for them."""
    if plan.product_ids:
        return plan.product_ids[0]
    return evidence.products[0].id if evidence.products else None


def as_pending(request: AlertRequest, question: str) -> dict[str, Any]:
    """The proposal ``confirm`` puts to the shopper (JSON, for the checkpoint and clients)."""
    spec = request.spec
    watched = {"category": spec.category} if spec.category else {"product_id": spec.product_id}
    auto_buy = None
    if spec.auto_buy is not None:
        auto_buy = {"quantity": spec.auto_buy.quantity, "spend_cap": spec.auto_buy.cap}
    return {
        "action": "set_alert",
        "proposal_id": uuid.uuid4().hex,
        "condition": spec.condition,
        **watched,
        "title": request.title,
        "price": request.price,
        "currency": request.currency,
        "target": spec.target,
        "drop_percent": spec.drop_percent,
        "auto_buy": auto_buy,
        "question": question,
    }


def from_pending(pending: dict[str, Any]) -> AlertRequest:
    """The request a ``set_alert`` proposal holds (``as_pending``'s inverse)."""
    auto_buy = pending.get("auto_buy")
    spec = AlertSpec(
        condition=pending["condition"],
        product_id=pending.get("product_id"),
        category=pending.get("category"),
        target=pending.get("target"),
        drop_percent=pending.get("drop_percent"),
        auto_buy=AutoBuy(auto_buy["quantity"], auto_buy["spend_cap"]) if auto_buy else None,
    )
    return AlertRequest(spec, pending["title"], pending.get("currency"), pending.get("price"))
