"""One shopper question asked on a product's page, through the compiled graph.

The turn runs as a client's would (``graph.turns.stream_turn``, a new thread each time);
the answer is the text the shopper read: the tokens, joined. Components (cards) carry no
text and are left out. A turn that ends in an ``error`` event raises, so the runner
records an error run rather than scoring an empty answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.events import EndEvent, ErrorEvent, PlanEvent, TokenEvent
from graph.graph import AssistantApp
from graph.services import Services
from graph.turns import TurnRequest, stream_turn


class PageTurnError(RuntimeError):
    """The turn ended with an error event; the message has its code."""


@dataclass(frozen=True)
class PageAnswer:
    """What the shopper saw: the answer's text, and what the turn decided."""

    text: str
    intent: str | None
    model: str | None


async def ask_on_page(
    app: AssistantApp, services: Services, question: str, product_id: str
) -> PageAnswer:
    """Ask ``question`` on ``product_id``'s page; ``PageTurnError`` if the turn failed."""
    request = TurnRequest(message=question, product_id=product_id)
    text: list[str] = []
    intent = model = None
    async for event in stream_turn(app, services, request):
        if isinstance(event, TokenEvent):
            text.append(event.text)
        elif isinstance(event, PlanEvent):
            intent = event.plan.intent
        elif isinstance(event, EndEvent):
            model = event.model
        elif isinstance(event, ErrorEvent):
            raise PageTurnError(f"{event.code}: {event.message}")
    return PageAnswer("".join(text).strip(), intent, model)
