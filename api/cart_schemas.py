"""The cart and order API's bodies: what a shopper sends, and the receipt of an order."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, field_validator

from store.cart import MAX_LINE_QUANTITY
from store.orders import Order
from store.variants import variant_labels

Label = Annotated[str, StringConstraints(min_length=1, max_length=100)]
Variant = Annotated[
    dict[Label, Label],
    Field(max_length=10, description="The variant's labels.", examples=[{"color": "blue"}]),
]


class AddItemRequest(BaseModel):
    """Units of a product (and variant) to add to the cart."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"product_id": "P1", "quantity": 1}]}
    )

    product_id: str = Field(min_length=1, max_length=128)
    quantity: int = Field(default=1, ge=1, le=MAX_LINE_QUANTITY)
    variant: Variant | None = None


class SetQuantityRequest(BaseModel):
    """A line's new quantity; 0 removes the line."""

    model_config = ConfigDict(extra="forbid")

    quantity: int = Field(ge=0, le=MAX_LINE_QUANTITY)
    variant: Variant | None = Field(
        default=None, description="Which line, when the cart holds several variants."
    )


class CheckoutRequest(BaseModel):
    """The shopper's explicit confirmation of the cart at the total they saw."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"expected_total": 129.99, "confirm": True}]},
    )

    expected_total: float = Field(
        ge=0, le=10_000_000, description="The cart's `total` as shown to the shopper."
    )
    confirm: StrictBool = Field(
        description="Must be `true`: the shopper confirmed.", json_schema_extra={"const": True}
    )

    @field_validator("expected_total")
    @classmethod
    def _whole_cents(cls, total: float) -> float:
        if abs(total * 100 - round(total * 100)) > 1e-6:
            raise ValueError("give the total in whole cents, e.g. 129.99")
        return total

    @field_validator("confirm")
    @classmethod
    def _confirmed(cls, confirm: bool) -> bool:
        if not confirm:
            raise ValueError("checkout needs the shopper's confirmation: send true")
        return confirm

    @property
    def expected_total_cents(self) -> int:
        """The expected total in cents, as the store compares it."""
        return round(self.expected_total * 100)


class ReceiptLine(BaseModel):
    """One line of an order."""

    product_id: str
    variant: dict[str, str] = Field(description="{} when the product has no variants.")
    quantity: int
    unit_price: float = Field(description="What the shopper paid per unit.")
    line_total: float


class OrderReceipt(BaseModel):
    """A placed order."""

    id: str = Field(examples=["ord_0123456789abcdef"])
    status: Literal["placed"]
    source: Literal["checkout", "auto_buy"] = Field(
        description="'auto_buy' for orders a price alert placed."
    )
    total: float
    currency: str
    created_at: dt.datetime = Field(description="Naive UTC.")
    lines: list[ReceiptLine]

    @classmethod
    def of(cls, order: Order) -> OrderReceipt:
        """The receipt of a stored order."""
        lines = [
            ReceiptLine(
                product_id=line.product_id,
                variant=variant_labels(line.variant),
                quantity=line.quantity,
                unit_price=line.unit_price_cents / 100,
                line_total=line.unit_price_cents * line.quantity / 100,
            )
            for line in order.lines
        ]
        fields: dict[str, Any] = order.model_dump(include={"id", "status", "source", "currency"})
        return cls(
            **fields, total=order.total_cents / 100, created_at=order.created_at, lines=lines
        )
