"""Retrieval: the plan's sources, fetched in parallel."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from graph.context import Context
from graph.plan import Plan
from graph.retrieval import retrieve
from graph.services import Services
from graph.state import State


async def retrieve_evidence(
    state: State, runtime: Runtime[Context], *, services: Services
) -> dict[str, Any]:
    """Fetch what the plan needs from the store."""
    plan = Plan.model_validate(state["plan"])
    catalog = await services.catalog()
    evidence = await retrieve(plan, catalog, limit=runtime.context.result_count)
    return {"evidence": evidence.model_dump(mode="json")}
