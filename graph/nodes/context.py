"""Context: what this turn starts from (the conversation so far, the page the shopper is on)."""

from __future__ import annotations

import asyncio
from typing import Any

from langgraph.runtime import Runtime

from graph.context import Context
from graph.plan import Conversation, Intent, ShownProduct
from graph.services import Services
from graph.state import State
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
        focus=state.get("focus"),
        last_intent=last_intent,
    )
    return {
        "conversation": conversation.model_dump(mode="json"),
        "plan": {},
        "evidence": {},
        "answer": "",
        "components": [],
        "suggestions": [],
        "dropped": 0,
    }
