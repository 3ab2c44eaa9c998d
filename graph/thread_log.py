"""Recording what happens in a thread for ``shopgraph kpis``, without ever failing a turn.

The nodes call these after their real work: a question once its turn is written, an
add-to-cart or an order once the store has done it. A failure to record is logged and
swallowed, since a shopper's turn matters more than a measure of it. Times come from the
catalog's clock, as every other time the graph writes.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from langgraph.config import get_config

from graph.services import Services
from memory.thread_events import EventKind
from store.orders import Order

log = logging.getLogger(__name__)


def current_thread_id() -> str | None:
    """The running graph's thread id; ``None`` outside a run or for a run without one."""
    try:
        thread_id = get_config().get("configurable", {}).get("thread_id")
    except RuntimeError:  # not inside a runnable
        return None
    return str(thread_id) if thread_id is not None else None


async def record_event(
    services: Services,
    account_id: str | None,
    kind: EventKind,
    product_id: str | None = None,
    quantity: int | None = None,
) -> None:
    """Append one event to the running thread's log; logs (never raises) on failure."""
    thread_id = current_thread_id()
    if thread_id is None:
        return
    try:
        events = await services.thread_events()
        at = (await services.catalog()).clock()
        await asyncio.to_thread(
            events.record, thread_id, account_id, kind, at, product_id, quantity
        )
    except Exception:  # a measure must never break the shopper's turn
        log.warning("could not record %r on thread %s", kind, thread_id, exc_info=True)


async def record_outcome(
    services: Services, account_id: str, pending: dict[str, Any], order: Order | None = None
) -> None:
    """Record what a confirmed proposal did: the cart add, or ``order`` when one was placed."""
    if order is not None:
        quantity = sum(line.quantity for line in order.lines)
        await record_event(services, account_id, "order", quantity=quantity)
        return
    if pending.get("action") != "add_to_cart":
        return
    try:
        product_id, quantity = str(pending["product_id"]), int(pending["quantity"])
    except (KeyError, TypeError, ValueError):
        log.warning("could not record an add-to-cart from proposal %r", pending, exc_info=True)
        return
    await record_event(services, account_id, "add_to_cart", product_id, quantity)
