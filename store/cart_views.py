"""What the cart answers with: its lines priced live, and the total a checkout would charge."""

from __future__ import annotations

from pydantic import BaseModel, Field


class CartLineView(BaseModel):
    """One line of the cart, with the figures the store gives now."""

    product_id: str
    variant: dict[str, str] = Field(description="The chosen variant's labels; {} when none.")
    title: str | None = Field(description="None when the product left the catalog.")
    quantity: int
    unit_price: float | None = Field(
        description="Live price per unit (the deal price while a deal runs, plus the "
        "variant's surcharge); None when the line can't be priced."
    )
    line_total: float | None = Field(description="unit_price × quantity.")
    currency: str | None
    in_stock: bool = Field(
        description="Whether the store has this line's units now, counting the cart's other "
        "lines of the same product."
    )
    problem: str | None = Field(
        default=None, description="Why the line can't be checked out now; None when it can."
    )


class CartView(BaseModel):
    """The account's cart."""

    lines: list[CartLineView] = Field(description="In the order they were first added.")
    item_count: int = Field(description="Units over all lines.")
    total: float = Field(description="The sum of the priced lines' totals.")
    total_cents: int = Field(description="The same total in cents: what checkout compares.")
    currency: str | None = Field(description="The cart's currency; None while it is empty.")
    can_check_out: bool = Field(description="Not empty, and no line has a problem.")
