"""A conversation through the compiled graph, captured as the shopper saw it.

Each turn runs through ``graph.turns.stream_turn`` like a client's. Kept from it: the
text, components, interrupts and suggestions the shopper saw; what retrieval returned
(the final state's ``evidence``, via ``app.aget_state``); and the store's own figures for
every product shown. The catalog's clock is frozen for the turn and the read that
follows, so the prices the renderer hydrated and the ones the checks compare them with
are read at the same instant (a deal that ends between the two is not a violation).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from evals.grounding_checks import CapturedTurn, component_ids, interrupt_ids
from graph.evidence import Evidence
from graph.graph import AssistantApp
from graph.price_guard import mentioned_amounts
from graph.services import Services
from graph.turns import TurnRequest, stream_turn
from store.catalog import Catalog


class TurnFailedError(RuntimeError):
    """A turn ended with an ``error`` event: the run is an error, not a clean turn."""


@dataclass(frozen=True)
class ShopperTurn:
    """One message of a conversation, and the product page it was sent from."""

    message: str
    product_id: str | None = None


def conversation_of(inputs: dict[str, Any]) -> list[ShopperTurn]:
    """The turns an example describes.

    Either ``messages`` (a list of texts, all sent from ``product_id``'s page if given) or
    ``turns`` (a list of ``{"message", "product_id"}``, each with its own page).
    """
    if "turns" in inputs:
        return [ShopperTurn(t["message"], t.get("product_id")) for t in inputs["turns"]]
    page = inputs.get("product_id")
    return [ShopperTurn(message, page) for message in inputs["messages"]]


@contextmanager
def frozen_clock(catalog: Catalog) -> Iterator[None]:
    """Stop the catalog's clock at now until the block ends (examples run one at a time)."""
    running = catalog.clock
    now = running()
    catalog.clock = lambda: now
    try:
        yield
    finally:
        catalog.clock = running


async def capture_conversation(
    app: AssistantApp,
    services: Services,
    turns: Sequence[ShopperTurn],
    account_id: str | None = None,
) -> list[CapturedTurn]:
    """Every turn of one conversation (one thread), captured."""
    captured: list[CapturedTurn] = []
    thread: str | None = None
    said: list[str] = []
    for turn in turns:
        said.append(turn.message)
        request = TurnRequest(message=turn.message, thread_id=thread, product_id=turn.product_id)
        record, thread = await capture_turn(app, services, request, said, account_id)
        captured.append(record)
    return captured


async def capture_turn(
    app: AssistantApp,
    services: Services,
    request: TurnRequest,
    said: Sequence[str],
    account_id: str | None,
) -> tuple[CapturedTurn, str]:
    """One turn, captured; and its thread. ``TurnFailedError`` if the turn failed."""
    catalog = await services.catalog()
    with frozen_clock(catalog):
        events = [
            event.model_dump(mode="json")
            async for event in stream_turn(app, services, request, account_id=account_id)
        ]
        thread = str(events[0]["thread_id"])
        for event in events:
            if event["type"] == "error":
                raise TurnFailedError(f"{event['code']}: {event['message']}")
        state = await app.aget_state({"configurable": {"thread_id": thread}})
        evidence = Evidence.model_validate(state.values.get("evidence") or {})
        components = [e["component"] for e in events if e["type"] == "component"]
        interrupts = [e["value"] for e in events if e["type"] == "interrupt"]
        offers, histories = await asyncio.to_thread(store_figures, catalog, components, interrupts)
        cart = await cart_figures(services, account_id)
    suggestions = [q for e in events if e["type"] == "suggestions" for q in e["questions"]]
    plans = [e["plan"] for e in events if e["type"] == "plan"]
    record = CapturedTurn(
        message=request.message,
        intent=plans[-1]["intent"] if plans else None,
        shopper_amounts=sorted({a for text in said for a in mentioned_amounts(text)}),
        text="".join(e["text"] for e in events if e["type"] == "token"),
        components=components,
        interrupts=interrupts,
        suggestions=suggestions,
        retrieved_ids=sorted(evidence.retrieved_ids()),
        evidence=evidence.model_dump(mode="json"),
        offers=offers,
        histories=histories,
        cart=cart,
        dropped=sum(int(e.get("dropped", 0)) for e in events if e["type"] == "end"),
    )
    return record, thread


def store_figures(
    catalog: Catalog, components: Sequence[dict[str, Any]], interrupts: Sequence[dict[str, Any]]
) -> tuple[dict[str, dict[str, Any] | None], dict[str, dict[str, Any]]]:
    """The store's live offer of every product shown, and the history of every chart."""
    ids = {pid for c in components for pid in component_ids(c)}
    ids |= {pid for value in interrupts for pid in interrupt_ids(value)}
    offers: dict[str, dict[str, Any] | None] = {}
    for pid in sorted(ids):
        offer = catalog.offer(pid)
        offers[pid] = None if offer is None else offer.model_dump(mode="json")
    histories = {}
    for chart in (c for c in components if c.get("kind") == "price_history"):
        history = catalog.price_history(chart["product_id"], chart["days"])
        histories[f"{chart['product_id']}/{chart['days']}"] = history.model_dump(
            mode="json", include={"current", "lowest", "highest", "average"}
        )
    return offers, histories


async def cart_figures(services: Services, account_id: str | None) -> list[float]:
    """The amounts of the account's cart (line totals and total), as the store says them."""
    if account_id is None:
        return []
    cart = await services.cart()
    view = await asyncio.to_thread(cart.view, account_id)
    lines = [line.line_total for line in view.lines if line.line_total is not None]
    return [*lines, view.total]
