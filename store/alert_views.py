"""What the alert book answers with, and the errors it raises."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema

Condition = Literal["price_at_most", "drop_by_percent", "back_in_stock", "deal_starts"]
"""When an alert holds: the live price is at most the target; it is ``drop_percent`` below
the price when the alert was made; the product is in stock; a deal runs (on the product, or
on any product of the category)."""
CONDITIONS: tuple[Condition, ...] = (
    "price_at_most",
    "drop_by_percent",
    "back_in_stock",
    "deal_starts",
)


def utc_json(moment: dt.datetime) -> str:
    """A naive UTC time as RFC 3339 with ``Z``."""
    return moment.replace(tzinfo=dt.UTC).isoformat().replace("+00:00", "Z")


UtcTime = Annotated[
    dt.datetime,
    PlainSerializer(utc_json, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
"""Naive UTC in Python, as the tables keep it; RFC 3339 with ``Z`` in JSON."""

Kind = Literal["alert", "order_placed", "order_skipped"]
"""A notification says an alert's condition was met; with auto-buy, that an order was
placed, or that it was not (out of stock, over the spend cap) and why."""


class AlertError(ValueError):
    """A request the alert book refuses; the message names the problem."""


class AlertInputError(AlertError):
    """The fields do not describe an alert (unknown condition, a missing or extra field)."""


class TargetPriceError(AlertInputError):
    """The target price is not a positive amount of money."""


class DropPercentError(AlertInputError):
    """The drop percent is outside 1–90."""


class UnknownProductError(AlertError):
    """The alert names a product the catalog does not hold."""


class UnknownCategoryError(AlertError):
    """The alert names a category no product of the catalog is in."""


class AutoBuyError(AlertError):
    """The auto-buy settings are refused (no cap, quantity outside 1–10, cap too low...)."""


class WebhookError(AlertError):
    """The webhook is refused: not an absolute http(s) URL, or a secret of under 16 chars."""


class UnknownAlertError(AlertError):
    """No such alert of this account (another account's alert is unknown too)."""


class UnknownNotificationError(AlertError):
    """No such notification of this account."""


class AutoBuy(NamedTuple):
    """Auto-buy settings of a new alert: units per order and the most one order may cost."""

    quantity: int
    cap: float | None


class AutoBuyView(BaseModel):
    """An alert's auto-buy settings."""

    model_config = ConfigDict(frozen=True)

    quantity: int
    spend_cap: float = Field(description="The most one order may cost (in the offer's currency).")
    confirmed_at: UtcTime | None = Field(
        description="Unset: the shopper has not confirmed, and the alert only notifies."
    )


class Alert(BaseModel):
    """A shopper's alert, as they see it."""

    model_config = ConfigDict(frozen=True)

    id: str
    product_id: str | None
    category: str | None
    condition: Condition
    target_price: float | None = Field(description="price_at_most: at or below this.")
    drop_percent: float | None
    baseline_price: float | None = Field(description="The live price when the alert was made.")
    armed: bool = Field(description="Fires on the next crossing into its condition.")
    met_now: bool = Field(
        description="The condition holds right now. A new alert whose condition already holds "
        "is made unarmed: it fires the next time the condition starts to hold, not at once."
    )
    fired_count: int
    last_fired_at: UtcTime | None
    auto_buy: AutoBuyView | None
    source_thread_id: str | None
    created_at: UtcTime

    @classmethod
    def from_row(cls, row: Mapping[Any, Any], *, met_now: bool) -> Alert:
        """The view of an ``alerts`` row."""
        auto_buy = None
        if row["auto_buy"]:
            auto_buy = AutoBuyView(
                quantity=row["quantity"],
                spend_cap=row["cap_cents"] / 100,
                confirmed_at=row["confirmed_at"],
            )
        return cls(
            **{k: row[k] for k in cls.model_fields if k in row and k != "auto_buy"},
            target_price=_money(row["target_cents"]),
            baseline_price=_money(row["baseline_cents"]),
            met_now=met_now,
            auto_buy=auto_buy,
        )


class Notification(BaseModel):
    """One entry of a shopper's inbox."""

    model_config = ConfigDict(frozen=True)

    id: str
    alert_id: str
    kind: Kind
    payload: dict[str, Any] = Field(
        description="product_id (or category), title, price, currency, condition; "
        "with auto-buy, the order or why none was placed."
    )
    created_at: UtcTime
    read_at: UtcTime | None

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> Notification:
        """The view of a ``notifications`` row."""
        return cls.model_validate({name: row[name] for name in cls.model_fields})


def _money(cents: int | None) -> float | None:
    return None if cents is None else cents / 100
