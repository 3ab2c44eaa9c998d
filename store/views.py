"""What the store answers with: read models, shared by tools, the CLI and (later) the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field


class Offer(BaseModel):
    """The live offer: what the shopper pays now, stock and delivery."""

    price: float = Field(
        description="Price the shopper pays now (the deal price while a deal runs)."
    )
    regular_price: float = Field(description="The offer's price without the deal.")
    list_price: float | None = Field(default=None, description="Reference ('was') price, if any.")
    currency: str
    in_stock: bool
    stock: int | None = Field(default=None, description="Units in stock; None when not tracked.")
    shipping_days: int | None = None
    deal_label: str | None = Field(default=None, description="Set while a deal runs.")
    deal_ends_at: dt.datetime | None = None


class ProductSummary(BaseModel):
    """A product as a search result or card."""

    id: str
    title: str
    brand: str | None
    category: str = Field(description="Category path joined with ' > '.")
    price: float | None = Field(description="Live price, None when the store has no offer.")
    currency: str | None
    rating: float | None
    rating_count: int
    in_stock: bool
    deal_label: str | None = None
    score: float = Field(default=0.0, description="Relevance (fused rank score); 0 for lookups.")


class Product(BaseModel):
    """Everything the store knows about one product."""

    id: str
    title: str
    brand: str | None
    category: str
    description: str
    features: list[str]
    attributes: dict[str, Any]
    variants: list[dict[str, Any]]
    compatibility: list[str]
    links: list[dict[str, str]]
    return_window_days: int | None
    warranty_months: int | None
    rating: float | None
    rating_count: int
    offer: Offer | None


class PricePoint(BaseModel):
    """One point of a price history."""

    at: dt.datetime
    price: float


class PriceHistory(BaseModel):
    """A product's price over a window, with the figures a shopper asks about."""

    product_id: str
    currency: str | None
    points: list[PricePoint]
    current: float | None
    lowest: float | None
    highest: float | None
    average: float | None


class Review(BaseModel):
    """One customer review."""

    id: str
    product_id: str
    rating: int | None
    title: str
    text: str
    date: dt.date | None
    verified: bool
    helpful_votes: int


class Question(BaseModel):
    """A community question with its answers, best first."""

    id: str
    product_id: str
    question: str
    answers: list[dict[str, Any]]
    votes: int
    score: float = 0.0
