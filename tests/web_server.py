"""A stand-in for the HTTP API behind the web page, and a uvicorn runner for any ASGI app.

The real server is ``api.app.create_app``. This stand-in serves the same ``api/static``
files and answers the requests the page makes with canned turns built from the real
models (``graph.events``, ``graph.components``, ``store.views``, ``tools.reviews``), so the
browser test needs no model and no catalog. The message's words choose the turn:

- ``compare``: a comparison table and a price-history chart;
- ``cart`` / ``alert``: an action proposal, then an ``interrupt`` (answer: ``/resume``);
- ``checkout``: an ``interrupt`` alone, its value a question;
- ``fail``: an ``error`` event; ``reject``: a 422 with a ``detail``, as the real API;
- ``markup``: server text that looks like HTML (it must show as text);
- with ``product_id``: what reviewers say about the product's noise;
- anything else: three headphones, with a model fallback noted in ``metadata``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Cookie, FastAPI, HTTPException
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from sse_starlette import EventSourceResponse, ServerSentEvent

from api.streaming import to_sse
from graph.components import (
    ActionProposal,
    ChartPoint,
    ComparedAttribute,
    Comparison,
    Component,
    DealCard,
    PriceHistoryChart,
    ProductCard,
    ProductLink,
    ReviewAspect,
    ReviewSummary,
)
from graph.events import (
    ComponentEvent,
    EndEvent,
    ErrorEvent,
    Event,
    InterruptEvent,
    MetadataEvent,
    PlanEvent,
    SuggestionsEvent,
    TokenEvent,
)
from graph.plan import Intent, Plan
from graph.routing import Attempt, Route
from store.views import Offer, PriceHistory, PricePoint, Product
from tools.reviews import AspectReport, ReviewSnippet

STATIC = Path(__file__).resolve().parents[1] / "api" / "static"
SESSION_COOKIE = "shopgraph_session"  # api.deps.SESSION_COOKIE
NOW = dt.datetime(2026, 11, 22, 12, 0)

THREAD_ID = "thread-1"
"""The thread every new conversation gets (one browser per test)."""


class ChatBody(BaseModel):
    """``POST /v1/chat`` as the real API takes it (``api.schemas.ChatRequest``)."""

    model_config = ConfigDict(extra="forbid")

    message: str = Field(min_length=1)
    thread_id: str | None = Field(default=None, max_length=128)
    product_id: str | None = Field(default=None, max_length=128)
    model: str | None = Field(default=None, max_length=128)


class ResumeBody(BaseModel):
    """``POST /v1/threads/{id}/resume`` (``api.schemas.ResumeRequest``)."""

    model_config = ConfigDict(extra="forbid")

    decision: Literal["confirm", "cancel"]


def _card(id: str, title: str, price: float, list_price: float | None, **more: Any) -> ProductCard:
    fields: dict[str, Any] = {
        "brand": title.split()[0],
        "category": "Electronics > Headphones",
        "currency": "USD",
        "in_stock": True,
        "stock": 12,
        "rating": 4.4,
        "rating_count": 1287,
        "deal_label": None,
        "url": f"https://shop.example/p/{id}",
        **more,
    }
    return ProductCard(id=id, title=title, price=price, list_price=list_price, **fields)


CARDS = {
    "p-aurora": _card("p-aurora", "Aurora ANC Headphones", 149.99, 199.99),
    "p-cirrus": _card(
        "p-cirrus",
        "Cirrus Over-Ear",
        229.0,
        None,
        in_stock=False,
        stock=0,
        rating=4.1,
        rating_count=342,
    ),
    "p-basso": _card(
        "p-basso",
        "Basso Wireless Earbuds",
        59.0,
        79.0,
        stock=3,
        rating=3.9,
        rating_count=88,
        deal_label="Black Friday",
    ),
}
HISTORY = [
    (dt.datetime(2026, 9, 1), 199.99),
    (dt.datetime(2026, 10, 1), 179.99),
    (dt.datetime(2026, 11, 1), 139.99),
    (dt.datetime(2026, 11, 20), 149.99),
]


def _words(*pieces: str) -> list[Event]:
    return [TokenEvent(text=piece) for piece in pieces]


def _component(component: Component) -> ComponentEvent:
    return ComponentEvent(component=component)


def _search() -> list[Event]:
    route = Route(chain=["nova", "local"], reason="a search turn", needs=[], budget="medium")
    fallbacks = [Attempt(model="nova", failure="timeout")]
    basso = CARDS["p-basso"]
    deal = DealCard(
        card=basso,
        label="Black Friday",
        ends_at=NOW + dt.timedelta(days=3),
        regular_price=79.0,
        saving=20.0,
    )
    return [
        MetadataEvent(model="local", route=route, fallbacks=fallbacks),
        *_words("Here are ", "three headphones ", "for a quiet commute:"),
        _component(CARDS["p-aurora"]),
        _component(CARDS["p-cirrus"]),
        _component(deal),
        *_words("\nThe Aurora is the best value today."),
        SuggestionsEvent(questions=["Compare the first two", "Is the Basso comfortable?"]),
    ]


def _compare() -> list[Event]:
    first, second = CARDS["p-aurora"], CARDS["p-cirrus"]
    rows = [
        ComparedAttribute(name="noise_cancelling", values=["yes", "no"]),
        ComparedAttribute(name="battery_life", values=["30", "45"], unit="h"),
        ComparedAttribute(name="weight", values=["0.25", None], unit="kg"),
    ]
    chart = PriceHistoryChart(
        product_id=first.id,
        title=first.title,
        currency="USD",
        days=90,
        points=[ChartPoint(at=at, price=price) for at, price in HISTORY],
        current=149.99,
        lowest=139.99,
        highest=199.99,
        average=167.49,
    )
    return [
        *_words("Side by side:"),
        _component(Comparison(products=[first, second], attributes=rows)),
        *_words("The Aurora's price over the last 90 days:"),
        _component(chart),
        SuggestionsEvent(questions=["Add the Aurora to my cart"]),
    ]


def _reviews(product_id: str) -> list[Event]:
    card = CARDS[product_id]
    aspects = [
        ReviewAspect(
            aspect="noise",
            mentions=40,
            positive=31,
            negative=9,
            quotes=["Blocks out the train completely.", "A faint hiss in quiet rooms."],
        ),
        ReviewAspect(aspect="comfort", mentions=12, positive=3, negative=9, quotes=["Tight."]),
    ]
    summary = ReviewSummary(
        product_id=card.id, title=card.title, aspect="noise", review_count=52, aspects=aspects
    )
    link = ProductLink(product_id=card.id, label="Manual (PDF)", url="https://shop.example/m.pdf")
    return [*_words("Most reviewers find it quiet."), _component(summary), _component(link)]


def _action(do: Literal["add_to_cart", "set_alert"]) -> list[Event]:
    card = CARDS["p-aurora"] if do == "add_to_cart" else CARDS["p-cirrus"]
    action = ActionProposal(
        do=do,
        product_id=card.id,
        title=card.title,
        price=card.price,
        currency=card.currency,
        quantity=1 if do == "add_to_cart" else None,
        target_price=200.0 if do == "set_alert" else None,
    )
    return [
        *_words("Please confirm:"),
        _component(action),
        InterruptEvent(value={"confirm": do, "product_id": card.id}),
    ]


def _markup() -> list[Event]:
    evil = "<img src=x onerror=\"window.__xss='token'\">"
    card = CARDS["p-aurora"].model_copy(
        update={"title": "<script>window.__xss='card'</script><b>Bold</b>", "url": "javascript:1"}
    )
    link = ProductLink(product_id=card.id, label="<i>manual</i>", url="javascript:alert(1)")
    return [*_words(evil), _component(card), _component(link)]


def _intent(body: ChatBody) -> Intent:
    text = body.message.lower()
    if "compare" in text:
        return "compare"
    if "cart" in text:
        return "cart_action"
    if "alert" in text:
        return "price_alert"
    return "review_summary" if body.product_id else "search"


def _answer(body: ChatBody, intent: Intent) -> list[Event]:
    text = body.message.lower()
    if "fail" in text:
        message = "The assistant could not answer just now. Please try again."
        return [ErrorEvent(code="model_failed", message=message)]
    if "markup" in text:
        return _markup()
    if "checkout" in text:
        question = {"confirm": "checkout", "message": "Place your order for $149.99?"}
        return [*_words("Ready to order."), InterruptEvent(value=question)]
    if intent == "compare":
        return _compare()
    if intent in ("cart_action", "price_alert"):
        return _action("add_to_cart" if intent == "cart_action" else "set_alert")
    if body.product_id:
        return _reviews(body.product_id)
    return _search()


class StandIn:
    """The stand-in's state: the threads it started and the action each waits on."""

    def __init__(self) -> None:
        self.waiting: dict[str, str | None] = {}

    def turn(self, body: ChatBody) -> list[Event]:
        """A whole turn's events, ``metadata`` first and ``end`` last."""
        if "reject" in body.message.lower():
            raise HTTPException(422, detail="the message is too long (at most 4000 characters)")
        if body.thread_id is not None and body.thread_id not in self.waiting:
            raise HTTPException(404, detail=f"no conversation with id {body.thread_id!r}")
        if body.product_id is not None and body.product_id not in CARDS:
            raise HTTPException(404, detail=f"unknown product {body.product_id!r}")
        thread_id = body.thread_id or THREAD_ID
        intent = _intent(body)
        plan = Plan(intent=intent, confidence=0.9, decided_by="rules", query=body.message)
        answer = _answer(body, intent)
        waits = next((e for e in answer if isinstance(e, InterruptEvent)), None)
        self.waiting[thread_id] = str(waits.value["confirm"]) if waits else None
        first = MetadataEvent(thread_id=thread_id, run_id=f"run-{len(self.waiting)}")
        end = EndEvent(model=None if waits else "local")
        return [first, PlanEvent(plan=plan), *answer, end]

    def resume(self, thread_id: str, body: ResumeBody) -> list[Event]:
        """The rest of the run once the shopper has answered the interrupt."""
        if thread_id not in self.waiting:
            raise HTTPException(404, detail=f"no conversation with id {thread_id!r}")
        action = self.waiting[thread_id]
        if action is None:
            raise HTTPException(409, detail="this conversation is not waiting for an answer")
        self.waiting[thread_id] = None
        done = {
            ("add_to_cart", "confirm"): "Added 1 × Aurora ANC Headphones to your cart.",
            ("add_to_cart", "cancel"): "OK, nothing was added to your cart.",
            ("set_alert", "confirm"): "Done: I will tell you when the Cirrus drops.",
            ("set_alert", "cancel"): "OK, no alert was set.",
            ("checkout", "confirm"): "Order placed.",
            ("checkout", "cancel"): "OK, no order was placed.",
        }[(action, body.decision)]
        return [MetadataEvent(thread_id=thread_id, run_id="run-resume"), *_words(done), EndEvent()]


def product_detail(product_id: str) -> dict[str, Any]:
    """What ``GET /v1/products/{id}`` returns (``api.schemas.ProductDetail``)."""
    card = CARDS[product_id]
    offer = Offer(
        price=card.price or 0,
        regular_price=card.list_price or card.price or 0,
        list_price=card.list_price,
        currency="USD",
        in_stock=card.in_stock,
        stock=card.stock,
        shipping_days=2,
        deal_label=card.deal_label,
    )
    product = Product(
        id=card.id,
        title=card.title,
        brand=card.brand,
        category=card.category,
        description="Closed-back headphones with adaptive noise cancelling.",
        features=["Adaptive noise cancelling", "30 h battery"],
        attributes={"battery_life": {"value": 30.0, "unit": "h"}, "foldable": {"value": True}},
        variants=[],
        compatibility=[],
        links=[{"rel": "manual", "url": "https://shop.example/m"}],
        return_window_days=30,
        warranty_months=24,
        rating=card.rating,
        rating_count=card.rating_count,
        offer=offer,
    )
    history = PriceHistory(
        product_id=card.id,
        currency="USD",
        points=[PricePoint(at=at, price=price) for at, price in HISTORY],
        current=149.99,
        lowest=139.99,
        highest=199.99,
        average=167.49,
    )
    quote = ReviewSnippet(
        review_id="r1",
        rating=5,
        sentence="Silent on the train.",
        polarity="positive",
        helpful_votes=4,
    )
    aspects = [AspectReport(aspect="noise", mentions=40, positive=31, negative=9, quotes=[quote])]
    return {
        **product.model_dump(mode="json"),
        "price_history": history.model_dump(mode="json"),
        "aspects": [a.model_dump(mode="json") for a in aspects],
    }


async def _frames(events: list[Event]) -> AsyncIterator[ServerSentEvent]:
    """The events as SSE frames, with pauses long enough for keep-alive pings in between."""
    for event in events:
        await asyncio.sleep(0.12 if isinstance(event, ComponentEvent) else 0.01)
        yield to_sse(event)


def _signed_in(session: str | None) -> None:
    if session != "demo-session":
        raise HTTPException(401, detail="sign in: open the web page for a demo session")


SessionCookie = Annotated[str | None, Cookie(alias=SESSION_COOKIE)]


def stand_in_app() -> FastAPI:
    """The stand-in API: the web page at ``/``, its static files, and canned turns."""
    app = FastAPI(title="shopgraph stand-in")
    state = StandIn()

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        response = FileResponse(STATIC / "index.html", media_type="text/html")
        response.set_cookie(SESSION_COOKIE, "demo-session", httponly=True, samesite="strict")
        return response

    @app.post("/v1/chat")
    async def chat(body: ChatBody, session: SessionCookie = None) -> EventSourceResponse:
        _signed_in(session)
        return EventSourceResponse(_frames(state.turn(body)), ping=0.05)

    @app.post("/v1/threads/{thread_id}/resume")
    async def resume(
        thread_id: str, body: ResumeBody, session: SessionCookie = None
    ) -> EventSourceResponse:
        _signed_in(session)
        return EventSourceResponse(_frames(state.resume(thread_id, body)), ping=0.05)

    @app.get("/v1/products/{product_id}")
    async def product(product_id: str, session: SessionCookie = None) -> dict[str, Any]:
        _signed_in(session)
        if product_id not in CARDS:
            raise HTTPException(404, detail=f"unknown product {product_id!r}")
        return product_detail(product_id)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
