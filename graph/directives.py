"""The directive language: self-closing tags the model writes to place UI components.

``<product id="P1"/>``, ``<compare ids="P1,P2" attrs="noise,capacity"/>``,
``<reviews id="P1" aspect="battery"/>``, ``<price-history id="P1" days="90"/>``,
``<deal id="P1"/>``, ``<action do="add_to_cart" id="P1" quantity="1"/>``,
``<action do="set_alert" id="P1" price="80"/>`` (or ``condition="back_in_stock"``,
``condition="drop_by_percent" percent="20"``...) and ``<link id="P1" label="manual"/>``.
Values are double-quoted (single quotes are accepted) and may not contain ``<``, ``>`` or
their own quote; the closing slash may be left out. See ``docs/directives.md``.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from store.alert_views import Condition as AlertCondition

ProductId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._:/-]{1,128}$")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[^,<>\"']+$")]


class _Tag(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ProductTag(_Tag):
    """A product card."""

    tag: Literal["product"] = "product"
    id: ProductId


class CompareTag(_Tag):
    """A side-by-side comparison of 2 to 6 products."""

    tag: Literal["compare"] = "compare"
    ids: Annotated[list[ProductId], Field(min_length=2, max_length=6)]
    attrs: Annotated[list[Name], Field(max_length=10)] = []
    """Attributes to compare; empty: the ones the products share."""


class ReviewsTag(_Tag):
    """What reviewers say, about one aspect or all of them."""

    tag: Literal["reviews"] = "reviews"
    id: ProductId
    aspect: Name | None = None


class PriceHistoryTag(_Tag):
    """A price-history chart."""

    tag: Literal["price-history"] = "price-history"
    id: ProductId
    days: Annotated[int, Field(ge=7, le=730)] = 90


class DealTag(_Tag):
    """The product's running deal."""

    tag: Literal["deal"] = "deal"
    id: ProductId


class ActionTag(_Tag):
    """A proposed action the shopper confirms: add to cart, or an alert on the product."""

    tag: Literal["action"] = "action"
    do: Literal["add_to_cart", "set_alert"]
    id: ProductId
    quantity: Annotated[int, Field(ge=1, le=99)] | None = None
    """Units to add (add_to_cart only; default 1)."""
    price: Annotated[float, Field(gt=0, le=10_000_000)] | None = None
    """Alert when the price falls to this (set_alert only; None: any drop)."""
    condition: AlertCondition | None = None
    """What the alert waits for (set_alert only); None: ``price``, or any drop without one."""
    percent: Annotated[float, Field(ge=1, le=90)] | None = None
    """The drop to wait for, in percent (``condition="drop_by_percent"`` only)."""

    @model_validator(mode="before")
    @classmethod
    def _default_quantity(cls, data: object) -> object:
        if isinstance(data, dict) and data.get("do") == "add_to_cart":
            return {"quantity": 1, **data}
        return data

    @model_validator(mode="after")
    def _fits_action(self) -> ActionTag:
        if self.do == "add_to_cart" and self.price is not None:
            raise ValueError("add_to_cart takes no price")
        if self.do == "set_alert" and self.quantity is not None:
            raise ValueError("set_alert takes no quantity")
        if self.do == "add_to_cart" and (self.condition is not None or self.percent is not None):
            raise ValueError("add_to_cart takes no condition")
        if self.price is not None and self.condition not in (None, "price_at_most"):
            raise ValueError("a price is for price_at_most alerts only")
        if self.condition == "price_at_most" and self.price is None:
            raise ValueError("a price_at_most alert needs a price")
        if self.percent is not None and self.condition != "drop_by_percent":
            raise ValueError("a percent is for drop_by_percent alerts only")
        return self


class LinkTag(_Tag):
    """A link to the product's page, or to one of its links by kind (manual, image...)."""

    tag: Literal["link"] = "link"
    id: ProductId
    label: Name = "product page"


Directive = Annotated[
    ProductTag | CompareTag | ReviewsTag | PriceHistoryTag | DealTag | ActionTag | LinkTag,
    Field(discriminator="tag"),
]
TAG_NAMES = frozenset({"product", "compare", "reviews", "price-history", "deal", "action", "link"})
"""The directive tag names (the renderer strips every other tag)."""

_TAG = re.compile(r"<([A-Za-z][\w-]*)((?:\s+[\w-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'))*)\s*/?>")
_ATTR = re.compile(r"([\w-]+)\s*=\s*(?:\"([^\"<>]*)\"|'([^'<>]*)')")
_INT = re.compile(r"\d{1,4}")
_AMOUNT = re.compile(r"\d{1,8}(?:\.\d{1,2})?")
_LISTS = frozenset({"ids", "attrs"})
_ADAPTER: TypeAdapter[Directive] = TypeAdapter(Directive)


def _value(name: str, raw: str) -> object:
    text = raw.strip()
    if name in _LISTS:
        return list(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    if name in ("days", "quantity"):
        return int(text) if _INT.fullmatch(text) else None
    if name in ("price", "percent"):
        return float(text) if _AMOUNT.fullmatch(text) else None
    return text


def parse_directive(tag_text: str) -> Directive | None:
    """Parse one tag (``<product id="P1"/>``); None when it is not a well-formed directive.

    Unknown tag names, unknown, repeated, missing or invalid attributes and bad numbers
    all give None. Tag and attribute names are case-insensitive.
    """
    match = _TAG.fullmatch(tag_text.strip())
    if match is None or (name := match.group(1).lower()) not in TAG_NAMES:
        return None
    fields: dict[str, object] = {"tag": name}
    for attr in _ATTR.finditer(match.group(2)):
        key = attr.group(1).lower()
        value = _value(key, attr.group(2) if attr.group(2) is not None else attr.group(3))
        if key in fields or value is None:
            return None
        fields[key] = value
    try:
        return _ADAPTER.validate_python(fields)
    except ValidationError:
        return None


def _amount(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def format_directive(d: Directive) -> str:
    """The tag text of a directive; ``parse_directive`` reads it back unchanged."""
    attrs: dict[str, str | None] = {}
    if isinstance(d, CompareTag):
        attrs = {"ids": ",".join(d.ids), "attrs": ",".join(d.attrs) or None}
    elif isinstance(d, ActionTag):
        attrs = {"do": d.do, "id": d.id}
        attrs["quantity"] = str(d.quantity) if d.quantity is not None else None
        attrs["price"] = _amount(d.price) if d.price is not None else None
        attrs["condition"] = d.condition
        attrs["percent"] = _amount(d.percent) if d.percent is not None else None
    else:
        attrs = {k: str(v) for k, v in d.model_dump(exclude={"tag"}, exclude_none=True).items()}
    text = " ".join(f'{k}="{v}"' for k, v in attrs.items() if v is not None)
    return f"<{d.tag} {text}/>"


def directive_ids(d: Directive) -> list[str]:
    """The product ids a directive refers to."""
    return list(d.ids) if isinstance(d, CompareTag) else [d.id]
