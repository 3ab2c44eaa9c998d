"""Review records from the toys_uk ``reviews`` field.

Most entries are objects (``title``, ``rating``, ``date``, ``text``). About one in twelve
is a ``{"raw": ...}`` fragment of the scraped page, ``"title // 5.0 // 9 Jan. 2016 // By
name // text"``, usually cut off before the text; only fragments that still hold the
review's text become records.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from store.external.errors import ExternalFormatError, build_record
from store.external.literals import LiteralFormatError, clean_text, parse_literal, parse_number
from store.records import ReviewRecord

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_DATE = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")
_HELPFUL = re.compile(r"^(\d+) of \d+ people found the following review helpful$")
_BYLINE = re.compile(r"^(?:By\b|A Kid's Review\b)")


def parse_review_date(text: str) -> dt.date | None:
    """Parse ``"27 Dec. 2014"``, ``"29 July 2015"`` or ``"1 Sept. 2015"``; else ``None``."""
    match = _DATE.match(text.strip())
    if match is None:
        return None
    day, month_name, year = match.groups()
    month = _MONTHS.get(month_name[:3].lower())
    if month is None:
        return None
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def parse_raw_review(raw: str) -> dict[str, Any] | None:
    """Recover a review from a scraped ``"title // rating // date // ... // text"`` fragment.

    Returns:
        The review fields, or ``None`` when the fragment was cut off before the text.
    """
    parts = [part.strip() for part in raw.split(" // ")]
    if len(parts) < 5:
        return None
    title, rating, date, *rest = parts
    review: dict[str, Any] = {"title": title, "rating": rating, "date": date}
    helpful = _HELPFUL.match(rest[0])
    if helpful:
        review["helpful_votes"] = int(helpful.group(1))
        rest = rest[1:]
    if rest and _BYLINE.match(rest[0]):
        rest = rest[1:]
    text = " // ".join(rest).strip()
    return {**review, "text": text} if text else None


def review_records(
    raw_reviews: object, product_id: str, path: Path, line: int
) -> list[ReviewRecord]:
    """Map a product's ``reviews`` field to review records ``{product_id}-r{n}``.

    ``n`` is the review's 1-based position in the source list, so ids stay stable when a
    fragment without text is left out.

    Raises:
        ExternalFormatError: If ``reviews`` is not a list of objects, or a review is invalid.
    """
    try:
        reviews = parse_literal(raw_reviews) if raw_reviews is not None else []
    except LiteralFormatError as error:
        raise ExternalFormatError(path, line, f"reviews: {error}") from error
    if not isinstance(reviews, list):
        raise ExternalFormatError(path, line, f"reviews: expected a list, got {reviews!r:.40}")
    records = []
    for position, entry in enumerate(reviews, start=1):
        if not isinstance(entry, dict):
            raise ExternalFormatError(path, line, f"reviews[{position}]: expected an object")
        fields = parse_raw_review(clean_text(entry["raw"])) if "raw" in entry else entry
        if fields is None or not clean_text(fields.get("text")):
            continue
        data = _review_fields(fields, f"{product_id}-r{position}", product_id)
        records.append(build_record(ReviewRecord, data, path, line))
    return records


def _review_fields(source: dict[str, Any], review_id: str, product_id: str) -> dict[str, Any]:
    rating = parse_number(source.get("rating"))
    return {
        "id": review_id,
        "product_id": product_id,
        "rating": int(rating) if rating is not None and rating.is_integer() else rating,
        "title": clean_text(source.get("title")),
        "text": clean_text(source.get("text")),
        "date": parse_review_date(clean_text(source.get("date"))),
        "verified": False,
        "helpful_votes": source.get("helpful_votes", 0),
    }
