"""The query planner node: the gate before any retrieval or generation.

Planning runs in code (rules and a small classifier, a few milliseconds); only a message
the code cannot place with confidence is shown to a model, and the model may only pick
an intent name.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Literal

from langgraph.config import get_config
from langgraph.runtime import Runtime
from langgraph.types import Command

from graph.context import Context
from graph.events import PlanEvent
from graph.memory_turn import MemoryTurn, read_memory_turn
from graph.personalize import personalize_plan, without_avoided_brand
from graph.plan import Conversation, Plan
from graph.planner import MODEL_FALLBACK_BELOW, Vocabulary, intent_from_model, plan_message
from graph.routing import planning_model
from graph.services import Services
from graph.state import State

log = logging.getLogger(__name__)


async def plan_turn(
    state: State, runtime: Runtime[Context], *, services: Services
) -> Command[Literal["retrieve", "route"]]:
    """Plan the turn, stream the plan, and skip retrieval when the plan needs none."""
    conversation = Conversation.model_validate(state["conversation"])
    vocabulary = await services.vocabulary()
    plan = plan_message(state["message"], conversation, vocabulary)
    if plan.confidence < MODEL_FALLBACK_BELOW:
        plan = await _ask_model(plan, state["message"], conversation, runtime, services)
    memory = _read_memory(state, runtime, vocabulary, plan.intent == "account_memory")
    if memory.ask is not None and plan.intent != "account_memory":  # "what do you know of me"
        plan = plan.model_copy(update={"intent": "account_memory", "sources": []})
    plan = personalize_plan(without_avoided_brand(plan, memory.stated), memory.active)
    runtime.stream_writer(PlanEvent(plan=plan).model_dump(mode="json"))
    return Command(
        update={"plan": plan.model_dump(mode="json"), "memory": memory.model_dump(mode="json")},
        goto="retrieve" if plan.sources else "route",
    )


def _read_memory(
    state: State, runtime: Runtime[Context], vocabulary: Vocabulary, asking_memory: bool
) -> MemoryTurn:
    """The memory loaded for this turn, with what the shopper's message adds or forgets."""

    def brand_of(phrase: str) -> str | None:
        term = vocabulary.lookup(phrase)
        return term.name if term is not None and term.kind == "brand" else None

    loaded = MemoryTurn.model_validate(state.get("memory") or {})
    thread_id = get_config().get("configurable", {}).get("thread_id")
    return read_memory_turn(
        state["message"],
        loaded,
        brand_of,
        asking_memory=asking_memory,
        thread_id=thread_id,
        run_id=runtime.context.run_id,
        at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )


async def _ask_model(
    plan: Plan,
    message: str,
    conversation: Conversation,
    runtime: Runtime[Context],
    services: Services,
) -> Plan:
    """Let a model pick the intent; keep the code's plan if it answers nothing usable."""
    name = planning_model(
        services.models.specs(),
        default=services.settings.default_model,
        requested=runtime.context.model,
        available=services.breakers.allows,
    )
    try:
        model = await services.models.get(name)
        intent = await intent_from_model(model, message)
    except Exception:  # the fallback is best effort: the code's plan still stands
        log.warning("planner fallback model %r failed", name, exc_info=True)
        return plan
    if intent is None or intent == plan.intent:
        return plan
    vocabulary = await services.vocabulary()
    replanned = plan_message(message, conversation, vocabulary, intent=intent)
    return replanned.model_copy(update={"decided_by": "model"})
