"""Putting a proposal to the shopper (``interrupt()``) and carrying it out only on "confirm".

The proposal was written to the state by ``act`` before this node runs, so what the shopper
confirms is exactly what was shown; the order's dedupe key is the proposal's id, so a
confirmation resumed twice still places one order. An alert is made here too (its dedupe
key is the proposal's id as well), and the shopper's "confirm" of an auto-buy alert is the
go-ahead its auto-buy waits for.
"""

from __future__ import annotations

import asyncio
from typing import Any

from langgraph.config import get_config
from langgraph.runtime import Runtime
from langgraph.types import interrupt

from graph import alert_talk
from graph.alert_request import AlertRequest, from_pending
from graph.cart_talk import cart_summary, order_placed
from graph.context import Context
from graph.events import TokenEvent
from graph.services import Services
from graph.state import State
from graph.thread_log import record_outcome
from store.alert_views import Alert, AlertError
from store.alerts import AlertBook
from store.cart import CartError

CART_CANCELLED = "Cancelled: nothing changed, and your cart is as it was."


async def confirm(state: State, runtime: Runtime[Context], *, services: Services) -> dict[str, Any]:
    """Wait for the shopper's decision on ``pending``; act on "confirm" only."""
    pending = state.get("pending") or {}
    answer = interrupt(pending)
    decision = answer.get("decision") if isinstance(answer, dict) else answer
    account = runtime.context.account_id
    alert = pending.get("action") == "set_alert"
    if decision != "confirm" or account is None:
        text = alert_talk.CANCELLED if alert else CART_CANCELLED
    elif alert:
        text = await _set_alert(pending, account, services)
    else:
        text = await _carry_out(pending, account, services)
    runtime.stream_writer(TokenEvent(text=text).model_dump(mode="json"))
    return {"pending": None}


async def _set_alert(pending: dict[str, Any], account: str, services: Services) -> str:
    """Make the alert the shopper confirmed (from this thread); say what was set.

    A resume can run twice for one proposal (the process died after the alert was made but
    before the checkpoint was saved): keyed by the proposal's id, the second gets the same
    alert back instead of making another.
    """
    request = from_pending(pending)
    dedupe_key = f"alert:{pending['proposal_id']}"
    book = await services.alerts()
    thread_id = str(get_config()["configurable"]["thread_id"])
    try:
        alert = await asyncio.to_thread(make_alert, book, account, request, thread_id, dedupe_key)
    except AlertError as exc:
        return alert_talk.not_set(str(exc))
    return alert_talk.alert_set(alert, request)


def make_alert(
    book: AlertBook,
    account: str,
    request: AlertRequest,
    thread_id: str,
    dedupe_key: str | None = None,
) -> Alert:
    """Create the alert with its auto-buy confirmed: the shopper's "confirm" covered both.

    One transaction (``confirmed``), so a crash can't leave an auto-buy made but unconfirmed.
    """
    spec = request.spec
    return book.create(
        account,
        condition=spec.condition,
        product_id=spec.product_id,
        category=spec.category,
        target=spec.target,
        drop_percent=spec.drop_percent,
        auto_buy=spec.auto_buy,
        source_thread_id=thread_id,
        dedupe_key=dedupe_key,
        confirmed=True,
    )


async def _carry_out(pending: dict[str, Any], account: str, services: Services) -> str:
    """Do what the shopper confirmed; say what happened."""
    cart = await services.cart()
    try:
        if pending.get("action") == "add_to_cart":
            view = await asyncio.to_thread(
                cart.add, account, pending["product_id"], int(pending["quantity"])
            )
            await record_outcome(services, account, pending)
            return "Added to your cart.\n" + cart_summary(view)
        order = await asyncio.to_thread(
            cart.checkout,
            account,
            expected_total_cents=int(pending["total_cents"]),
            dedupe_key=f"checkout:{pending['proposal_id']}",
        )
        await record_outcome(services, account, pending, order)
        return order_placed(order)
    except CartError as exc:
        return f"Nothing changed: {exc}"
