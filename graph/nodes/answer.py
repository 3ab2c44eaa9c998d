"""Generation and the streaming renderer: the answer, token by token, components hydrated.

A model trusted with layout writes text and directives itself; for the others the
composer lays the answer out in code and the model writes only the opening line. Either
way the model's tokens pass through the renderer, which removes markup it may not show,
unknown ids and typed prices.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from contextlib import aclosing
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from langgraph.runtime import Runtime

from graph.answer_stream import AnswerStream
from graph.composer import Composition, compose
from graph.context import Context
from graph.evidence import Evidence
from graph.generation import ModelOutputError, looks_like_text, stream_text
from graph.opening import OpeningGate, words
from graph.plan import Plan
from graph.price_guard import mentioned_amounts
from graph.prompting import directive_messages, opening_messages
from graph.renderer import StreamRenderer
from graph.services import Services
from graph.state import State

log = logging.getLogger(__name__)
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
    # Hydrate the components while the model writes, so they follow its line at once.
    prepared = [asyncio.ensure_future(out.prepare(d)) for d in composition.directives]
    try:
        if composition.opening:
            await _opening(composition, message, out, services, name)
        if composition.text:
            out.paragraph()
            out.write(composition.text)
        for component in prepared:
            out.present(await component)
    finally:
        for task in prepared:
            task.cancel()


async def _opening(
    composition: Composition, message: str, out: AnswerStream, services: Services, name: str
) -> None:
    """Stream the model's opening line through the gate, the price guard, into ``out``."""
    settings = services.settings
    model = await services.models.get(name)
    gate = OpeningGate(composition.facts, composition.lead)
    # The opening may not place components (the composer has chosen them) nor prices.
    renderer = StreamRenderer((), allowed_amounts=mentioned_amounts(message))
    raw: list[str] = []
    chunks = stream_text(
        model,
        opening_messages(composition, message),
        first_token_s=settings.first_token_timeout_s,
        total_s=settings.answer_timeout_s,
    )
    async with aclosing(chunks):  # stops the model when the line is done
        async for chunk in chunks:
            raw.append(chunk)
            await out.render(renderer.feed(gate.feed(chunk)))
            if gate.finished or gate.stopped:
                break
    if not gate.open:  # the answer stands without the model's line: use the lead
        log.warning("local model's opening replaced: %r", "".join(raw)[:120])
    for piece in words(gate.close()):
        await out.render(renderer.feed(piece))
    await out.render(renderer.close())


async def _generate(
    model: BaseChatModel,
    messages: Sequence[BaseMessage],
    renderer: StreamRenderer,
    out: AnswerStream,
    services: Services,
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
    ):
        raw.append(chunk)
        await out.render(renderer.feed(chunk))
    await out.render(renderer.close())
    if not looks_like_text("".join(raw)) and len(out.components) == shown_before:
        raise ModelOutputError("the model's answer was empty or unreadable")
