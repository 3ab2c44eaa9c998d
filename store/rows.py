"""Translating validated records into table rows (pure functions)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from store.records import (
    OfferFields,
    ProductRecord,
    QuestionRecord,
    ReviewRecord,
)


def cents(amount: Decimal | None) -> int | None:
    """Decimal money to integer cents."""
    return None if amount is None else int((amount * 100).to_integral_value())


def utc_naive(moment: dt.datetime) -> dt.datetime:
    """A timestamp as naive UTC (naive input is taken to be UTC already)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def content_hash(row: dict[str, Any]) -> str:
    """A stable digest of a row's content, to tell a real change from a re-load."""
    blob = json.dumps(row, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


def product_row(record: ProductRecord) -> dict[str, Any]:
    """The ``products`` row of a product record (without bookkeeping columns)."""
    path = [part.strip() for part in record.category]
    return {
        "id": record.id,
        "title": record.title,
        "brand": record.brand,
        "category": " > ".join(path),
        "category_key": "|" + "|".join(part.lower() for part in path) + "|",
        "description": record.description,
        "features": list(record.features),
        "attributes": {k: v.model_dump() for k, v in record.attributes.items()},
        "variants": [v.model_dump(mode="json") for v in record.variants],
        "compatibility": list(record.compatibility),
        "links": [link.model_dump() for link in record.links],
        "return_window_days": record.policies.return_window_days,
        "warranty_months": record.policies.warranty_months,
        "declared_rating": record.rating,
        "declared_rating_count": record.rating_count,
    }


def attribute_rows(product_id: str, attributes: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The ``product_attributes`` rows of a product's normalized attributes."""
    rows = []
    for name, attribute in attributes.items():
        value = attribute["value"]
        number = None if isinstance(value, bool | str) else float(value)
        text = str(value).lower() if isinstance(value, bool | str) else None
        rows.append(
            {
                "product_id": product_id,
                "name": name,
                "number": number,
                "text": text,
                "unit": attribute.get("unit"),
            }
        )
    return rows


def offer_row(product_id: str, offer: OfferFields) -> dict[str, Any]:
    """The ``offers`` row of an offer (without bookkeeping columns)."""
    deal = offer.deal
    return {
        "product_id": product_id,
        "price_cents": cents(offer.price),
        "list_price_cents": cents(offer.list_price),
        "currency": offer.currency,
        "stock": offer.stock,
        "shipping_days": offer.shipping_days,
        "deal_price_cents": cents(deal.price) if deal else None,
        "deal_label": deal.label if deal else None,
        "deal_starts_at": utc_naive(deal.starts_at) if deal else None,
        "deal_ends_at": utc_naive(deal.ends_at) if deal else None,
    }


def deal_running(row: Mapping[str, Any], at: dt.datetime) -> bool:
    """Whether the ``offers`` row's deal runs at ``at``."""
    starts, ends = row.get("deal_starts_at"), row.get("deal_ends_at")
    return (
        row.get("deal_price_cents") is not None
        and starts is not None
        and ends is not None
        and (starts <= at < ends)
    )


def effective_price_cents(row: Mapping[str, Any], at: dt.datetime) -> int:
    """What the shopper pays at ``at``: the deal price while a deal runs, else the price."""
    return int(row["deal_price_cents"] if deal_running(row, at) else row["price_cents"])


def review_row(record: ReviewRecord) -> dict[str, Any]:
    """The ``reviews`` row of a review record."""
    return {
        "id": record.id,
        "product_id": record.product_id,
        "rating": record.rating,
        "title": record.title,
        "text": record.text,
        "date": record.date,
        "verified": record.verified,
        "helpful_votes": record.helpful_votes,
    }


def question_row(record: QuestionRecord) -> dict[str, Any]:
    """The ``questions`` row of a question record; answers best-voted first."""
    answers = sorted(record.answers, key=lambda a: -a.votes)
    return {
        "id": record.id,
        "product_id": record.product_id,
        "question": record.question,
        "answers": [a.model_dump() for a in answers],
        "votes": record.votes,
        "date": record.date,
    }
