"""Generation and the streaming renderer: the answer, token by token, components hydrated.

A model trusted with layout writes text and directives itself; for the others the
composer lays the answer out in code and the model writes only the opening line
(``graph.writers``). Either way the model's tokens pass through the renderer, which
removes markup it may not show, unknown ids and typed prices. The models are tried down
the router's chain (``graph.fallback``).
"""

from __future__ import annotations

from typing import Any

from langchain_core.language_models import BaseChatModel
from langgraph.runtime import Runtime

from graph.answer_stream import AnswerStream
from graph.composer import compose
from graph.composer.memory import and_list, compose_memory, listing
from graph.context import Context
from graph.events import MetadataEvent
from graph.evidence import Evidence
from graph.fallback import ModelUnavailableError, answer_with_fallbacks
from graph.memory_turn import MemoryTurn
from graph.models import UnknownModelError
from graph.plan import Plan
from graph.price_guard import mentioned_amounts
from graph.prompting import directive_messages
from graph.renderer import StreamRenderer
from graph.routing import Attempt, Route
from graph.services import Services
from graph.state import State
from graph.writers import ComposedAnswer, write_with_directives
from prompts import render_prompt

ACTION_INTENTS = frozenset({"cart_action", "price_alert"})


async def answer(state: State, runtime: Runtime[Context], *, services: Services) -> dict[str, Any]:
    """Write the answer and stream it, falling back down the router's chain."""
    plan = Plan.model_validate(state["plan"])
    evidence = Evidence.model_validate(state.get("evidence") or {})
    route = Route.model_validate(state["route"])
    message = state["message"]
    catalog = await services.catalog()
    out = AnswerStream(
        runtime.stream_writer, catalog, actions_allowed=plan.intent in ACTION_INTENTS
    )
    memory = MemoryTurn.model_validate(state.get("memory") or {})
    about_memory = plan.intent == "account_memory"
    composition = compose_memory(memory) if about_memory else compose(plan, evidence)
    composed = ComposedAnswer(composition, out)

    async def write(name: str) -> None:
        model = await _load(services, name)
        # What memory holds is said in code, exactly, whichever model is answering.
        if services.models.spec(name).writes_directives and not about_memory:
            messages = directive_messages(plan, evidence, state.get("messages", []), message)
            renderer = StreamRenderer(
                evidence.retrieved_ids(), allowed_amounts=mentioned_amounts(message)
            )
            await write_with_directives(model, messages, renderer, out, services.settings)
        else:
            await composed.write(model, message, services.settings)

    def announce(name: str, failed: list[Attempt]) -> None:
        out.note(MetadataEvent(model=name, fallbacks=failed).model_dump(mode="json"))

    try:
        model, failed = await answer_with_fallbacks(
            route.chain,
            write,
            breakers=services.breakers,
            started=lambda: bool(out.text or out.components),
            announce=announce,
        )
    finally:
        composed.close()
    if not about_memory:
        _say_what_memory_did(out, plan, evidence, memory)
    return {
        "answer": out.text,
        "components": out.components,
        "dropped": out.dropped.total(),
        "model": model,
        "fallbacks": [a.model_dump() for a in failed],
    }


def _say_what_memory_did(
    out: AnswerStream, plan: Plan, evidence: Evidence, memory: MemoryTurn
) -> None:
    """Say how remembered preferences shaped the result, and what this turn added to them."""
    reasons = list(dict.fromkeys([*plan.personalized, *evidence.personal]))
    if reasons and (evidence.products or evidence.deals):
        out.paragraph()
        out.write(render_prompt("because_you_prefer", reasons=and_list(reasons)).strip())
    if memory.enabled and memory.stated:
        out.paragraph()
        out.write(render_prompt("memory_noted", facts=listing(memory.stated)).strip())


async def _load(services: Services, name: str) -> BaseChatModel:
    """The chat model ``name``; a model that can't be built is unavailable, not a crash."""
    try:
        return await services.models.get(name)
    except UnknownModelError:
        raise
    except Exception as exc:  # a missing file, a missing package, bad settings...
        raise ModelUnavailableError(f"model {name!r} could not be loaded") from exc
