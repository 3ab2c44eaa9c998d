"""The HTTP API's request and response bodies (the wire contract, in OpenAPI)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.state import TurnRecord
from store.views import PriceHistory, Product, ProductSummary
from tools.reviews import AspectReport

MESSAGE_CAP = 100_000
"""The most any deployment accepts (``SHOPGRAPH_MAX_MESSAGE_CHARS`` is at most this)."""


class ChatRequest(BaseModel):
    """One shopper message."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"message": "a quiet blender under $150"}]},
    )

    message: str = Field(
        min_length=1,
        max_length=MESSAGE_CAP,
        pattern=r"\S",
        description="The shopper's message; `SHOPGRAPH_MAX_MESSAGE_CHARS` (4000) is the limit.",
    )
    thread_id: str | None = Field(
        default=None, max_length=128, description="Continue this thread (yours)."
    )
    product_id: str | None = Field(
        default=None, max_length=128, description="The product page the shopper is on."
    )
    model: str | None = Field(
        default=None, max_length=128, description="A model the account may use."
    )


class ResumeRequest(BaseModel):
    """The shopper's answer to an ``interrupt`` (a proposed action)."""

    model_config = ConfigDict(extra="forbid")

    decision: Literal["confirm", "cancel"]


class ThreadSummary(BaseModel):
    """One of the account's threads."""

    thread_id: str
    title: str
    created_at: str
    updated_at: str


class ThreadView(BaseModel):
    """A thread's history, as the shopper saw it."""

    thread_id: str
    turns: list[TurnRecord] = Field(description="Finished turns, oldest first.")
    pending: dict[str, Any] | None = Field(
        default=None, description="The interrupt waiting for the shopper, if any."
    )


class ProductPage(BaseModel):
    """Search results."""

    products: list[ProductSummary]


class ProductDetail(Product):
    """One product with its live offer, price history and what reviews say."""

    price_history: PriceHistory
    aspects: list[AspectReport]


class FeedbackRequest(BaseModel):
    """A thumbs up or down on one answer."""

    model_config = ConfigDict(extra="forbid")

    thread_id: str = Field(min_length=1, max_length=128)
    run_id: str = Field(min_length=1, max_length=128)
    rating: Literal["up", "down"]
    comment: str | None = Field(default=None, max_length=2000)


class Problem(BaseModel):
    """Why a request was refused."""

    detail: str = Field(examples=["no conversation with id 'x'"])
