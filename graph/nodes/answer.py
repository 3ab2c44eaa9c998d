"""Generation and the streaming renderer: the answer, token by token, components hydrated.

A model trusted with layout writes text and directives itself; for the others the
composer lays the answer out in code and the model writes only the opening line. Either
way the model's tokens pass through the renderer, which removes markup it may not show,
unknown ids and typed prices.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from langgraph.runtime import Runtime

from graph.answer_stream import AnswerStream
from graph.composer import Composition, compose
from graph.context import Context
from graph.evidence import Evidence
from graph.generation import ModelOutputError, looks_like_text, stream_text
from graph.plan import Plan
from graph.price_guard import mentioned_amounts
from graph.prompting import directive_messages, opening_messages
from graph.renderer import StreamRenderer
from graph.services import Services
from graph.state import State

ACTION_INTENTS = frozenset({"cart_action", "price_alert"})


async def answer(state: State, runtime: Runtime[Context], *, services: Services) -> dict[str, Any]:
    """Write the answer and stream it."""
    plan = Plan.model_validate(state["plan"])
    evidence = Evidence.model_validate(state.get("evidence") or {})
    message = state["message"]
    spec = services.models.spec(state["model"])
    catalog = await services.catalog()
    out = AnswerStream(
        runtime.stream_writer, catalog, actions_allowed=plan.intent in ACTION_INTENTS
    )
    if spec.writes_directives:
        messages = directive_messages(plan, evidence, state.get("messages", []), message)
        renderer = StreamRenderer(
            evidence.retrieved_ids(), allowed_amounts=mentioned_amounts(message)
        )
        await _generate(await services.models.get(spec.name), messages, renderer, out, services)
    else:
        await _compose(compose(plan, evidence), message, out, services, spec.name)
    return {"answer": out.text, "components": out.components, "dropped": out.dropped.total()}


async def _compose(
    composition: Composition, message: str, out: AnswerStream, services: Services, name: str
) -> None:
    if composition.opening:
        model = await services.models.get(name)
        # The opening may not place components: the composer has chosen them.
        renderer = StreamRenderer((), allowed_amounts=mentioned_amounts(message))
        messages = opening_messages(composition, message)
        await _generate(model, messages, renderer, out, services, stop=["\n"])
    if composition.text:
        out.paragraph()
        out.write(composition.text)
    for directive in composition.directives:
        await out.show(directive)


async def _generate(
    model: BaseChatModel,
    messages: Sequence[BaseMessage],
    renderer: StreamRenderer,
    out: AnswerStream,
    services: Services,
    *,
    stop: list[str] | None = None,
) -> None:
    """Stream the model through the renderer into ``out``; refuse an unusable answer."""
    settings = services.settings
    raw: list[str] = []
    shown_before = len(out.components)
    async for chunk in stream_text(
        model,
        messages,
        first_token_s=settings.first_token_timeout_s,
        total_s=settings.answer_timeout_s,
        stop=stop,
    ):
        raw.append(chunk)
        await out.render(renderer.feed(chunk))
    await out.render(renderer.close())
    if not looks_like_text("".join(raw)) and len(out.components) == shown_before:
        raise ModelOutputError("the model's answer was empty or unreadable")
