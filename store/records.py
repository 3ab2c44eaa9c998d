"""Feed records: the validated shape of everything a retailer can load.

One pydantic model per record ``type``. Feeds (JSONL or CSV), the demo generator and the
external-data mappers all produce these; the writer only ever sees validated records.
See ``docs/feeds.md`` for the documented schema.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from store.currencies import ISO_4217
from store.units import Attribute, normalize_attribute

RecordId = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$"),
]
"""Retailer identifiers (SKU, ASIN...): letters, digits and ``._:/-``, at most 128."""

Money = Annotated[Decimal, Field(gt=0, max_digits=12, decimal_places=2)]
"""A positive amount with at most two decimals."""

NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def check_currency(code: str) -> str:
    """Return ``code`` upper-cased, or raise if it is not an ISO 4217 code."""
    upper = code.strip().upper()
    if upper not in ISO_4217:
        raise ValueError(f"unknown currency {code!r} (expected an ISO 4217 code)")
    return upper


CurrencyCode = Annotated[str, AfterValidator(check_currency)]
"""An ISO 4217 code, upper-cased."""


class Deal(_Record):
    """A time-limited promotion; while it runs the shopper pays ``price``."""

    price: Money
    label: str = "Deal"
    starts_at: dt.datetime
    ends_at: dt.datetime

    @model_validator(mode="after")
    def _window(self) -> Deal:
        if self.ends_at <= self.starts_at:
            raise ValueError("deal ends_at must be after starts_at")
        return self


class Policies(_Record):
    """Machine-readable store policies for one product."""

    return_window_days: int | None = Field(default=None, ge=0, le=3650)
    warranty_months: int | None = Field(default=None, ge=0, le=1200)


class Variant(_Record):
    """A purchasable variant (colour, size...) of a product."""

    sku: RecordId
    attributes: dict[str, str] = Field(default_factory=dict)
    """Plain labels, e.g. ``{"color": "blue", "size": "M"}``."""
    price_delta: Decimal = Decimal(0)
    """Added to the product's price for this variant."""
    in_stock: bool = True


class Link(_Record):
    """A link for the product (product page, manual, image)."""

    rel: NonEmptyText
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]


class OfferFields(_Record):
    """What a store offers now: shared by offer records and a product's inline offer."""

    price: Money
    list_price: Money | None = None
    """The reference ("was") price, when the retailer shows one."""
    currency: CurrencyCode = "USD"
    stock: int | None = Field(default=None, ge=0)
    """Units in stock; ``None`` when the feed does not track stock (treated as available)."""
    shipping_days: int | None = Field(default=None, ge=0, le=365)
    deal: Deal | None = None


class ProductRecord(_Record):
    """A catalog product: ``{"type": "product", ...}``."""

    type: Literal["product"] = "product"
    id: RecordId
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    brand: str | None = None
    category: list[NonEmptyText] = Field(min_length=1)
    """Category path from the root, e.g. ``["Kitchen", "Blenders"]``."""
    description: str = ""
    features: list[NonEmptyText] = Field(default_factory=list)
    """Bullet features as the retailer writes them."""
    attributes: dict[str, Attribute] = Field(default_factory=dict)
    """Normalized attributes: ``{"noise": {"value": 62, "unit": "dB"}}``."""
    variants: list[Variant] = Field(default_factory=list)
    compatibility: list[NonEmptyText] = Field(default_factory=list)
    """Models or products this one works with."""
    links: list[Link] = Field(default_factory=list)
    policies: Policies = Field(default_factory=Policies)
    rating: float | None = Field(default=None, ge=1, le=5)
    """Average rating when the feed knows it but carries no reviews."""
    rating_count: int | None = Field(default=None, ge=0)
    offer: OfferFields | None = None
    """An inline offer, as in merchant feeds that put price and stock on the product."""

    @field_validator("attributes", mode="before")
    @classmethod
    def _normalize(cls, value: object) -> object:
        if not isinstance(value, dict):
            return value
        return {str(name): normalize_attribute(str(name), raw) for name, raw in value.items()}

    @model_validator(mode="after")
    def _unique_variants(self) -> ProductRecord:
        skus = [v.sku for v in self.variants]
        if len(skus) != len(set(skus)):
            raise ValueError("variants: duplicate sku")
        return self


class OfferRecord(OfferFields):
    """A live offer update: ``{"type": "offer", "product_id": ..., "price": ...}``."""

    type: Literal["offer"] = "offer"
    product_id: RecordId
    as_of: dt.datetime | None = None
    """When the offer was observed; the price-history point is stamped with it."""


class PricePointRecord(_Record):
    """One historical price: ``{"type": "price_point", ...}``."""

    type: Literal["price_point"] = "price_point"
    product_id: RecordId
    at: dt.datetime
    price: Money
    currency: CurrencyCode = "USD"


class ReviewRecord(_Record):
    """A customer review: ``{"type": "review", ...}``."""

    type: Literal["review"] = "review"
    id: RecordId
    product_id: RecordId
    rating: int | None = Field(default=None, ge=1, le=5)
    """Stars; ``None`` for imported review snippets that carry no rating."""
    title: str = ""
    text: NonEmptyText
    date: dt.date | None = None
    verified: bool = False
    helpful_votes: int = Field(default=0, ge=0)


class Answer(_Record):
    """One answer to a community question."""

    text: NonEmptyText
    votes: int = Field(default=0, ge=0)
    by_seller: bool = False


class QuestionRecord(_Record):
    """A community question with its answers: ``{"type": "question", ...}``."""

    type: Literal["question"] = "question"
    id: RecordId
    product_id: RecordId
    question: NonEmptyText
    answers: list[Answer] = Field(default_factory=list)
    votes: int = Field(default=0, ge=0)
    date: dt.date | None = None


Record = Annotated[
    ProductRecord | OfferRecord | PricePointRecord | ReviewRecord | QuestionRecord,
    Field(discriminator="type"),
]
"""Any feed record, told apart by its ``type`` field."""

RECORD_TYPES: dict[str, type[BaseModel]] = {
    "product": ProductRecord,
    "offer": OfferRecord,
    "price_point": PricePointRecord,
    "review": ReviewRecord,
    "question": QuestionRecord,
}
