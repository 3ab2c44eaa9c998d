"""The two ways a model writes an answer, both through the streaming renderer.

- ``write_with_directives``: a model trusted with layout writes text and directives.
  Its first characters are held until they read as words (or a directive completes),
  so an empty or garbled answer fails before the shopper sees any of it and the next
  model can take over.
- ``ComposedAnswer``: the composer lays the answer out in code; the model writes only
  the opening line, through the opening gate.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from contextlib import aclosing

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from graph.answer_stream import AnswerStream, DropReason
from graph.components import Component
from graph.composer import Composition
from graph.generation import ModelOutputError, looks_like_text, stream_text
from graph.opening import OpeningGate, words
from graph.price_guard import mentioned_amounts
from graph.prompting import opening_messages
from graph.renderer import Found, RenderOutput, StreamRenderer
from graph.settings import AssistantSettings

log = logging.getLogger(__name__)

HOLD_CHARS = 24
"""Characters of a directive-writing model's output held back until they read as words."""


async def write_with_directives(
    model: BaseChatModel,
    messages: Sequence[BaseMessage],
    renderer: StreamRenderer,
    out: AnswerStream,
    settings: AssistantSettings,
) -> None:
    """Stream the model through the renderer into ``out``; refuse an unusable answer."""
    raw: list[str] = []
    held: list[RenderOutput] | None = []  # None once the answer has proved readable
    async for chunk in stream_text(
        model,
        messages,
        first_token_s=settings.first_token_timeout_s,
        total_s=settings.answer_timeout_s,
    ):
        raw.append(chunk)
        outputs = renderer.feed(chunk)
        if held is not None:
            held.extend(outputs)
            if sum(map(len, raw)) < HOLD_CHARS and not _placed(held):
                continue
            _check_readable(raw, held)
            outputs, held = held, None
        await out.render(outputs)
    tail = renderer.close()
    if held is not None:
        _check_readable(raw, held + tail)
        tail = held + tail
    await out.render(tail)


def _placed(outputs: Sequence[RenderOutput]) -> bool:
    return any(isinstance(o, Found) for o in outputs)


def _check_readable(raw: Sequence[str], outputs: Sequence[RenderOutput]) -> None:
    if not _placed(outputs) and not looks_like_text("".join(raw)):
        raise ModelOutputError("the model's answer was empty or unreadable")


class ComposedAnswer:
    """An answer laid out by the composer; components hydrate while the model writes.

    Hydration starts with ``start`` and survives a model that fails: the next model's
    opening reuses it. ``close`` cancels what is left.
    """

    def __init__(self, composition: Composition, out: AnswerStream) -> None:
        self.composition = composition
        self._out = out
        self._prepared: list[asyncio.Future[Component | DropReason]] | None = None

    def start(self) -> None:
        """Begin hydrating the components (once)."""
        if self._prepared is None:
            self._prepared = [
                asyncio.ensure_future(self._out.prepare(d)) for d in self.composition.directives
            ]

    def close(self) -> None:
        """Cancel hydration not yet used."""
        for task in self._prepared or ():
            task.cancel()

    async def write(self, model: BaseChatModel, message: str, settings: AssistantSettings) -> None:
        """The model's opening, then the composer's text and components."""
        self.start()
        if self.composition.opening:
            await self._opening(model, message, settings)
        if self.composition.text:
            self._out.paragraph()
            self._out.write(self.composition.text)
        for component in self._prepared or ():
            self._out.present(await component)

    async def _opening(
        self, model: BaseChatModel, message: str, settings: AssistantSettings
    ) -> None:
        """Stream the model's opening line through the gate and the price guard."""
        out = self._out
        gate = OpeningGate(self.composition.facts, self.composition.lead)
        # The opening may not place components (the composer has chosen them) nor prices.
        renderer = StreamRenderer((), allowed_amounts=mentioned_amounts(message))
        raw: list[str] = []
        chunks = stream_text(
            model,
            opening_messages(self.composition, message),
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
            log.warning("the model's opening was replaced: %r", "".join(raw)[:120])
        for piece in words(gate.close()):
            await out.render(renderer.feed(piece))
        await out.render(renderer.close())
