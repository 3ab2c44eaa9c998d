"""The ``toys_uk`` dataset: 863 Amazon UK toys (PromptCloud scrape, CC BY-SA 4.0).

Each line of ``toys_uk/catalog.jsonl`` becomes a product (with an inline GBP offer when the
line has a price) followed by its reviews.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from store.external.errors import ExternalFormatError, build_record
from store.external.literals import LiteralFormatError, clean_text, parse_literal, parse_number
from store.external.source import read_json_objects, resolve_source
from store.external.toys_uk_details import attributes_from_details
from store.external.toys_uk_reviews import review_records
from store.records import ProductRecord, Record

logger = logging.getLogger(__name__)

SOURCE_FILE = "toys_uk/catalog.jsonl"
"""The dataset's file inside the shared data folder."""

FALLBACK_CATEGORY = ["Toys & Games"]
"""Used when a line has no category path: every product in the dataset is ranked there."""

TITLE_LIMIT = 500
"""``ProductRecord.title`` allows at most this many characters."""

_BULLET = re.compile(r"\s*(?:•|>>)\s*|(?:^|(?<=[^\d\s])\s)\*\s+")
"""Bullet marks: ``•``, ``>>`` and a ``*`` that is not a multiplication (``1 * Trailer``)."""


def read_toys_uk(path: Path) -> Iterator[tuple[int, Record]]:
    """Yield ``(line_number, record)`` for the toys_uk catalog.

    A later line repeating an ASIN already seen (the scrape holds two such pairs) is
    skipped with a warning: the first line wins.

    Args:
        path: ``catalog.jsonl``, its ``toys_uk`` folder, or the shared data folder.

    Raises:
        ExternalFormatError: For a line that cannot be mapped.
        FileNotFoundError: If the catalog is not at ``path``.
    """
    source = resolve_source(path, SOURCE_FILE)
    first_lines: dict[str, int] = {}
    for line, row in read_json_objects(source):
        product = product_record(row, source, line)
        if product.id in first_lines:
            first = first_lines[product.id]
            logger.warning(
                "%s:%d: duplicate id %s (first on line %d); skipped",
                source,
                line,
                product.id,
                first,
            )
            continue
        first_lines[product.id] = line
        yield line, product
        for review in review_records(row.get("reviews"), product.id, source, line):
            yield line, review


def product_record(row: dict[str, Any], path: Path, line: int) -> ProductRecord:
    """Map one catalog line to a product record.

    Raises:
        ExternalFormatError: If the line has no usable id or title, or does not validate.
    """
    product_id = clean_text(row.get("asin")) or clean_text(row.get("product_id"))
    if not product_id:
        raise ExternalFormatError(path, line, "no asin or product_id")
    description = clean_text(row.get("description")).removeprefix("Product Description ")
    price = parse_number(row.get("price_gbp"))
    data = {
        "id": product_id,
        "title": shorten_title(clean_text(row.get("title"))),
        "brand": clean_text(row.get("brand")) or None,
        "category": _category_path(row.get("category_path"), path, line),
        "description": description,
        "features": features_from_description(description),
        "attributes": attributes_from_details(clean_text(row.get("product_information"))),
        "links": [{"rel": "product_page", "url": f"https://www.amazon.co.uk/dp/{product_id}"}]
        if clean_text(row.get("asin"))
        else [],
        "rating": _rating(row.get("average_rating")),
        "rating_count": _count(row.get("number_of_reviews")),
        "offer": _inline_offer(price),
    }
    return build_record(ProductRecord, data, path, line)


def shorten_title(title: str) -> str:
    """Cut a title over ``TITLE_LIMIT`` characters at a word boundary, ending it with ``…``."""
    if len(title) <= TITLE_LIMIT:
        return title
    cut = title[: TITLE_LIMIT - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" +,;-") + "…"


def features_from_description(description: str) -> list[str]:
    """Return the bullet items of a description that marks them (``•``, ``>>``, ``*``).

    The prose before the first bullet is not a feature. A description without bullet
    marks gives no features: the source has no line breaks, so sentences are not split.
    """
    if not _BULLET.search(description):
        return []
    _lead, *items = _BULLET.split(description)
    return [item.strip() for item in items if item.strip()]


def _category_path(value: object, path: Path, line: int) -> list[str]:
    try:
        parsed = parse_literal(value)
    except LiteralFormatError as error:
        raise ExternalFormatError(path, line, f"category_path: {error}") from error
    if isinstance(parsed, str):
        parsed = parsed.split(">")
    if parsed is None:
        parsed = []
    if not isinstance(parsed, list):
        raise ExternalFormatError(path, line, f"category_path: expected a list, got {value!r:.40}")
    names = [clean_text(name) for name in parsed]
    return [name for name in names if name] or list(FALLBACK_CATEGORY)


def _rating(value: object) -> float | None:
    rating = parse_number(value)
    return rating if rating is not None and 1 <= rating <= 5 else None


def _count(value: object) -> int | None:
    count = parse_number(value)
    return int(count) if count is not None and count >= 0 and count.is_integer() else None


def _inline_offer(price: float | None) -> dict[str, object] | None:
    """A GBP offer at ``price``; stock is not tracked. No offer without a valid price."""
    if price is None or price <= 0:
        return None
    return {"price": Decimal(str(price)).quantize(Decimal("0.01")), "currency": "GBP"}
