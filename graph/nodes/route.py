"""The router: which model writes this answer.

Its policy is small for now (the shopper's choice, else the default); the model policy
by intent, latency and quality, and fallback between models, come with Bedrock and Neuron.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from graph.context import Context
from graph.services import Services
from graph.state import State


def choose_model(requested: str | None, services: Services) -> str:
    """The model for this run: the run's choice beats the configured default."""
    name = requested or services.settings.default_model
    services.models.spec(name)  # raises UnknownModelError for a name nobody registered
    return name


async def route_model(
    state: State, runtime: Runtime[Context], *, services: Services
) -> dict[str, Any]:
    """Record the model that will write the answer."""
    return {"model": choose_model(runtime.context.model, services)}
