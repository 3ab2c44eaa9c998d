"""The router: which models may write this answer, in which order (``graph.routing``)."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from graph.context import Context
from graph.events import MetadataEvent
from graph.plan import Plan
from graph.routing import Route, choose_route
from graph.services import Services
from graph.state import State


def route_for(plan: Plan, context: Context, services: Services) -> Route:
    """The fallback chain for ``plan`` under the run's choices and the settings."""
    settings = services.settings
    if context.model is not None:
        services.models.spec(context.model)  # UnknownModelError for an unknown or disabled name
    return choose_route(
        plan.intent,
        services.models.specs(),
        default=settings.default_model,
        requested=context.model,
        allowed=context.allowed_models,
        budget=settings.latency_budget,
        available=services.breakers.allows,
        max_attempts=settings.max_model_attempts,
    )


async def route_model(
    state: State, runtime: Runtime[Context], *, services: Services
) -> dict[str, Any]:
    """Choose the chain, tell the client, and record it."""
    route = route_for(Plan.model_validate(state["plan"]), runtime.context, services)
    event = MetadataEvent(model=route.chain[0], route=route)
    runtime.stream_writer(event.model_dump(mode="json"))
    return {"route": route.model_dump(mode="json"), "model": route.chain[0], "fallbacks": []}
