"""hetPQA's evidence as product pages, so the assistant can be asked its questions.

hetPQA gives (question, evidence, answer) triples per product, without titles or pages.
Each product (ASIN) becomes a page holding the evidence of every triple about it, train
and dev alike (so a question's evidence sits among its neighbours'), placed where a real
page holds that kind of text:

- ``Desc`` and ``OSP`` (other product text) -> description paragraphs
- ``bullet`` -> feature bullets
- ``attribute`` (``name: { value:... }``) -> attributes, parsed as ePQA's are; a snippet
  that does not parse stays a feature bullet
- ``review`` -> a review
- ``CQA`` -> a community answer; hetPQA keeps the answer without the question it replied
  to, so its question reads ``UNRECORDED_QUESTION`` (never the eval question: that would
  hand the ranking the answer).

The assistant answers from what its tools read (for the embedded model: community
answers and review sentences), so scores grouped by source show where it can answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from store.external.epqa_attributes import parse_attribute_snippet
from store.external.errors import build_record
from store.external.literals import clean_text
from store.external.source import read_json_objects
from store.records import ProductRecord, QuestionRecord, Record, ReviewRecord
from store.units import Attribute

CATEGORY = ["Imported", "hetPQA"]
UNRECORDED_QUESTION = "(not recorded)"
"""The question of a community answer whose question the dataset left out."""


def hetpqa_records(path: Path) -> Iterator[tuple[int, Record]]:
    """Feed records for every product of hetPQA's ``train_dev.jsonl``, with source lines."""
    pages: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for line, row in read_json_objects(path):
        pages.setdefault(str(row["asin"]), []).append((line, row))
    for asin, rows in pages.items():
        yield from page_records(asin, rows, path)


def page_records(
    asin: str, rows: list[tuple[int, dict[str, Any]]], path: Path
) -> Iterator[tuple[int, Record]]:
    """One product's page: the product, then its reviews and community answers."""
    first = rows[0][0]
    seen: set[tuple[str, str]] = set()
    texts: dict[str, list[tuple[int, str]]] = {}
    for line, row in rows:
        source, text = str(row.get("source", "")), clean_text(row.get("evidence"))
        if text and (source, text) not in seen:
            seen.add((source, text))
            texts.setdefault(source, []).append((line, text))
    yield first, product_record(asin, texts, path, first)
    for n, (line, text) in enumerate(texts.get("review", []), start=1):
        review = {"id": f"{asin}-r{n}", "product_id": asin, "text": text}
        yield line, build_record(ReviewRecord, review, path, line)
    for n, (line, text) in enumerate(texts.get("CQA", []), start=1):
        question: dict[str, object] = {
            "id": f"{asin}-q{n}",
            "product_id": asin,
            "question": UNRECORDED_QUESTION,
            "answers": [{"text": text, "votes": 0}],
        }
        yield line, build_record(QuestionRecord, question, path, line)


def product_record(
    asin: str, texts: dict[str, list[tuple[int, str]]], path: Path, line: int
) -> ProductRecord:
    """The product: description, bullets and attributes from its evidence."""
    attributes: dict[str, Attribute] = {}
    features = [text for _, text in texts.get("bullet", [])]
    for _, text in texts.get("attribute", []):
        parsed = parse_attribute_snippet(text)
        if parsed is None:
            features.append(text)
        else:
            attributes.setdefault(*parsed)
    paragraphs = [text for source in ("Desc", "OSP") for _, text in texts.get(source, [])]
    data = {
        "id": asin,
        "title": f"Product {asin}",
        "category": list(CATEGORY),
        "description": "\n\n".join(paragraphs),
        "features": features,
        "attributes": attributes,
    }
    return build_record(ProductRecord, data, path, line)
