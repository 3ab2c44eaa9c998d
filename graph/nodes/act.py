"""Acting after the answer: on the account's cart (view, remove, propose an order) or alerts.

Only the shopper's own message (the plan) leads here, never retrieved text. Nothing that
spends money or sets an alert happens in this node: a checkout or an alert becomes a
proposal (``pending``) that the ``confirm`` node puts to the shopper with ``interrupt()``.
An alert the store would refuse is refused here, before the shopper is asked.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Literal

from langgraph.runtime import Runtime

from graph import alert_talk
from graph.alert_request import AlertProblem, alert_request, as_pending
from graph.cart_talk import cart_summary
from graph.context import Context
from graph.events import TokenEvent
from graph.evidence import Evidence
from graph.plan import Plan
from graph.services import Services
from graph.state import State
from store.alert_rules import check_alert
from store.alert_views import AlertError
from store.cart import Cart, CartError


def after_remember(state: State) -> Literal["act", "__end__"]:
    """Cart and alert turns go on to ``act``."""
    plan = Plan.model_validate(state["plan"])
    acting = plan.slots.cart_op is not None or plan.intent == "price_alert"
    return "act" if acting else "__end__"


def after_act(state: State) -> Literal["confirm", "__end__"]:
    """A proposal waits for the shopper's answer in ``confirm``."""
    return "confirm" if state.get("pending") else "__end__"


async def act(state: State, runtime: Runtime[Context], *, services: Services) -> dict[str, Any]:
    """View, remove, or turn the cart into an order proposal; or propose an alert."""
    plan = Plan.model_validate(state["plan"])
    account = runtime.context.account_id

    def say(text: str) -> None:
        runtime.stream_writer(TokenEvent(text="\n\n" + text).model_dump(mode="json"))

    if plan.intent == "price_alert":
        return {"pending": await _alert_proposal(state, plan, account, services, say)}
    if plan.slots.cart_op == "add":  # the answer showed a proposal: put it to the shopper
        return {"pending": _add_proposal(state) if account is not None else None}
    if account is None:
        say("Sign in to use a cart: the cart belongs to your account.")
        return {"pending": None}
    cart = await services.cart()
    if plan.slots.cart_op == "remove":
        evidence = Evidence.model_validate(state.get("evidence") or {})
        say(await _remove(cart, account, plan, evidence))
        return {"pending": None}
    view = await asyncio.to_thread(cart.view, account)
    say(cart_summary(view))
    if plan.slots.cart_op != "checkout" or not view.lines:
        return {"pending": None}
    if not view.can_check_out:
        say("Some items can't be bought right now; change them before checking out.")
        return {"pending": None}
    proposal = {
        "action": "checkout",
        "proposal_id": uuid.uuid4().hex,
        "total": view.total,
        "total_cents": view.total_cents,
        "currency": view.currency,
        "item_count": view.item_count,
        "question": f"Place the order for {view.total:,.2f} {view.currency}?",
    }
    return {"pending": proposal}


def _add_proposal(state: State) -> dict[str, Any] | None:
    """The answer's add-to-cart proposal, as the shopper saw it, to confirm."""
    for component in state.get("components", []):
        if component.get("kind") == "action" and component.get("do") == "add_to_cart":
            quantity = component.get("quantity") or 1
            return {
                "action": "add_to_cart",
                "proposal_id": uuid.uuid4().hex,
                "product_id": component["product_id"],
                "quantity": quantity,
                "question": f"Add {quantity} × {component['title']} to your cart?",
            }
    return None


async def _alert_proposal(
    state: State,
    plan: Plan,
    account: str | None,
    services: Services,
    say: Callable[[str], None],
) -> dict[str, Any] | None:
    """The alert the shopper asked for, checked by the store, to confirm; else say why not.

    A problem the answer already stated (the composer's) is not said twice.
    """
    evidence = Evidence.model_validate(state.get("evidence") or {})
    request = alert_request(plan, evidence)
    if isinstance(request, AlertProblem):
        text = alert_talk.problem(request)
        if text and text not in state.get("answer", ""):
            say(text)
        return None
    if account is None:
        say(alert_talk.SIGN_IN)
        return None
    book = await services.alerts()
    try:
        fields = await asyncio.to_thread(check_alert, book.engine, request.spec, book.clock())
    except AlertError as exc:
        say(alert_talk.refused(str(exc)))
        return None
    if fields["baseline_cents"] is not None:  # today's price, as the store will take it
        request = replace(request, price=fields["baseline_cents"] / 100)
    return as_pending(request, alert_talk.question(request))


async def _remove(cart: Cart, account: str, plan: Plan, evidence: Evidence) -> str:
    """Remove the product the shopper named, if it is in the cart."""
    view = await asyncio.to_thread(cart.view, account)
    in_cart = [line.product_id for line in view.lines]
    named = plan.product_ids or [p.id for p in evidence.products]
    target = next((pid for pid in named if pid in in_cart), None)
    if target is None and len(in_cart) == 1 and not plan.product_ids:
        target = in_cart[0]
    if target is None:
        return "That isn't in your cart. " + cart_summary(view)
    try:
        view = await asyncio.to_thread(cart.remove, account, target)
    except CartError as exc:
        return str(exc)
    return "Removed it. " + cart_summary(view)
