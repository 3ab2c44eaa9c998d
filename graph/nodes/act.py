"""Acting on the account's cart after the answer: view it, remove from it, or propose an order.

Only the shopper's own message (the plan) leads here, never retrieved text. Nothing that
spends money happens in this node: a checkout becomes a proposal (``pending``) that the
``confirm`` node puts to the shopper with ``interrupt()``.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any, Literal

from langgraph.runtime import Runtime

from graph.cart_talk import cart_summary
from graph.context import Context
from graph.events import TokenEvent
from graph.evidence import Evidence
from graph.plan import Plan
from graph.services import Services
from graph.state import State
from store.cart import Cart, CartError


def after_remember(state: State) -> Literal["act", "__end__"]:
    """Cart turns go on to ``act``."""
    plan = Plan.model_validate(state["plan"])
    return "act" if plan.slots.cart_op is not None else "__end__"


def after_act(state: State) -> Literal["confirm", "__end__"]:
    """A proposal waits for the shopper's answer in ``confirm``."""
    return "confirm" if state.get("pending") else "__end__"


async def act(state: State, runtime: Runtime[Context], *, services: Services) -> dict[str, Any]:
    """View, remove, or turn the cart into an order proposal."""
    plan = Plan.model_validate(state["plan"])
    account = runtime.context.account_id

    def say(text: str) -> None:
        runtime.stream_writer(TokenEvent(text="\n\n" + text).model_dump(mode="json"))

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
