"""Putting a proposal to the shopper (``interrupt()``) and carrying it out only on "confirm".

The proposal was written to the state by ``act`` before this node runs, so what the shopper
confirms is exactly what was shown; the order's dedupe key is the proposal's id, so a
confirmation resumed twice still places one order.
"""

from __future__ import annotations

import asyncio
from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import interrupt

from graph.cart_talk import cart_summary, order_placed
from graph.context import Context
from graph.events import TokenEvent
from graph.services import Services
from graph.state import State
from store.cart import CartError


async def confirm(state: State, runtime: Runtime[Context], *, services: Services) -> dict[str, Any]:
    """Wait for the shopper's decision on ``pending``; act on "confirm" only."""
    pending = state.get("pending") or {}
    answer = interrupt(pending)
    decision = answer.get("decision") if isinstance(answer, dict) else answer
    account = runtime.context.account_id
    if decision != "confirm" or account is None:
        text = "Cancelled: nothing changed, and your cart is as it was."
    else:
        text = await _carry_out(pending, account, services)
    runtime.stream_writer(TokenEvent(text=text).model_dump(mode="json"))
    return {"pending": None}


async def _carry_out(pending: dict[str, Any], account: str, services: Services) -> str:
    """Do what the shopper confirmed; say what happened."""
    cart = await services.cart()
    try:
        if pending.get("action") == "add_to_cart":
            view = await asyncio.to_thread(
                cart.add, account, pending["product_id"], int(pending["quantity"])
            )
            return "Added to your cart.\n" + cart_summary(view)
        order = await asyncio.to_thread(
            cart.checkout,
            account,
            expected_total_cents=int(pending["total_cents"]),
            dedupe_key=f"checkout:{pending['proposal_id']}",
        )
        return order_placed(order)
    except CartError as exc:
        return f"Nothing changed: {exc}"
