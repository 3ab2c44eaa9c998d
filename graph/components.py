"""The UI components a shopper sees, hydrated from the store (``graph.hydrate``).

Every figure in a component (price, stock, rating, saving) comes from the store when the
component is built, never from the model's text. Components are discriminated by ``kind``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from store.alert_views import Condition as AlertCondition


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


UtcTime = Annotated[dt.datetime, AfterValidator(_utc)]
"""A time in UTC; the store's naive UTC times get their zone, so clients read "...Z"."""


class _Component(BaseModel):
    model_config = ConfigDict(frozen=True)


class ProductCard(_Component):
    """One product with its live offer."""

    kind: Literal["product_card"] = "product_card"
    id: str
    title: str
    brand: str | None
    category: str = Field(description="Category path joined with ' > '.")
    price: float | None = Field(description="What the shopper pays now; None: no offer.")
    currency: str | None
    list_price: float | None = Field(description="Reference ('was') price, if any.")
    in_stock: bool
    stock: int | None = Field(description="Units in stock; None when not tracked.")
    rating: float | None
    rating_count: int
    deal_label: str | None = Field(description="Set while a deal runs.")
    url: str


class ComparedAttribute(BaseModel):
    """One row of a comparison: an attribute's value for each product, in order."""

    name: str
    values: list[str | None] = Field(description="Per product, in the comparison's order.")
    unit: str | None = Field(default=None, description="Set when every value is in this unit.")


class Comparison(_Component):
    """Products side by side."""

    kind: Literal["comparison"] = "comparison"
    products: list[ProductCard]
    attributes: list[ComparedAttribute]


class ReviewAspect(BaseModel):
    """What reviewers say about one aspect; counts are numbers of reviews."""

    aspect: str
    mentions: int
    positive: int
    negative: int
    quotes: list[str]


class ReviewSummary(_Component):
    """Pros and cons from a product's reviews, per aspect."""

    kind: Literal["review_summary"] = "review_summary"
    product_id: str
    title: str
    aspect: str | None = Field(description="The aspect asked about; None: all of them.")
    review_count: int
    aspects: list[ReviewAspect]


class ChartPoint(BaseModel):
    """One point of a price chart."""

    at: UtcTime
    price: float


class PriceHistoryChart(_Component):
    """A product's price over a window, with its current, lowest, highest and average."""

    kind: Literal["price_history"] = "price_history"
    product_id: str
    title: str
    currency: str | None
    days: int
    points: list[ChartPoint]
    current: float | None
    lowest: float | None
    highest: float | None
    average: float | None


class DealCard(_Component):
    """A running deal: the product's card, the deal's name, end and saving."""

    kind: Literal["deal"] = "deal"
    card: ProductCard
    label: str
    ends_at: UtcTime | None
    regular_price: float
    saving: float = Field(description="Regular price minus the deal price.")


class ActionProposal(_Component):
    """An action the assistant proposes; nothing happens until the shopper confirms it."""

    kind: Literal["action"] = "action"
    do: Literal["add_to_cart", "set_alert"]
    product_id: str
    title: str
    price: float | None = Field(description="The live price now.")
    currency: str | None
    quantity: int | None = Field(description="Units to add (add_to_cart).")
    target_price: float | None = Field(
        description="Alert at or below this price (set_alert); None: on any drop."
    )
    condition: AlertCondition | None = Field(
        default=None,
        description="What the alert waits for (set_alert); None: target_price, else any drop.",
    )
    drop_percent: float | None = Field(
        default=None, description="The drop to wait for, in percent (drop_by_percent)."
    )
    requires_confirmation: Literal[True] = True


class ProductLink(_Component):
    """A link to a product's page or one of its documents."""

    kind: Literal["link"] = "link"
    product_id: str
    label: str
    url: str


Component = Annotated[
    ProductCard
    | Comparison
    | ReviewSummary
    | PriceHistoryChart
    | DealCard
    | ActionProposal
    | ProductLink,
    Field(discriminator="kind"),
]
"""Any component, as streamed to the client."""
