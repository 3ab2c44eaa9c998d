"""Context: what this turn starts from (the conversation so far, the page the shopper is on)."""

from __future__ import annotations

import asyncio
from typing import Any

from langgraph.runtime import Runtime

from graph.context import Context
from graph.memory_turn import MemoryTurn
from graph.plan import Conversation, Intent, ShownProduct
from graph.services import Services
from graph.state import State
from memory.account_memory import AccountMemory
from store.views import ProductSummary
from tools.catalog import UnknownProductError


def shown_product(summary: ProductSummary) -> ShownProduct:
    """The planner's view of a product the shopper has seen."""
    return ShownProduct(
        id=summary.id,
        title=summary.title,
        brand=summary.brand,
        category=summary.category,
        price=summary.price,
        rating=summary.rating,
    )


async def load_context(
    state: State, runtime: Runtime[Context], *, services: Services
) -> dict[str, Any]:
    """Gather the conversation for the planner and clear the last turn's results."""
    await services.warm_up()
    page = None
    if runtime.context.product_id:
        catalog = await services.catalog()
        found = await asyncio.to_thread(catalog.summaries, [runtime.context.product_id])
        if not found:
            raise UnknownProductError(runtime.context.product_id)
        page = shown_product(found[0])
    last_intent: Intent | None = state.get("last_intent")  # type: ignore[assignment]
    conversation = Conversation(
        page_product=page,
        shown=[ShownProduct.model_validate(p) for p in state.get("shown", [])],
        focus=_focus(state, page),
        last_intent=last_intent,
    )
    memory = await _remembered(runtime)
    return {
        "conversation": conversation.model_dump(mode="json"),
        "memory": memory.model_dump(mode="json"),
        "plan": {},
        "evidence": {},
        "answer": "",
        "components": [],
        "suggestions": [],
        "dropped": 0,
    }


def _focus(state: State, page: ShownProduct | None) -> str | None:
    """The product "it" means: the last turn's, unless the shopper has moved to a new page.

    A shopper who opens another product's page and asks "add it to my cart" means that
    page's product, not the one the conversation was about before.
    """
    if page is not None and page.id != state.get("page"):
        return page.id
    return state.get("focus")


async def _remembered(runtime: Runtime[Context]) -> MemoryTurn:
    """The signed-in account's memory; none for an anonymous shopper or without a store."""
    account = runtime.context.account_id
    if account is None or runtime.store is None:
        return MemoryTurn(enabled=False)
    remembered = await AccountMemory(runtime.store).recall(account)
    return MemoryTurn(enabled=True, remembered=remembered)
