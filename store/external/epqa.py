"""The ``epqa`` dataset: real Amazon products from ePQA (CDLA-Sharing-1.0).

Each line of ``epqa/products.jsonl`` holds a title and text snippets grouped by source
(``bullet``, ``description``, ``attribute``, ``review``, ``cqa``). A line becomes a
product, its review snippets and its community questions. The dataset has no prices,
ratings, dates or categories, so the products carry no offer and an honest placeholder
category.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from store.external.epqa_attributes import parse_attribute_snippet
from store.external.errors import ExternalFormatError, build_record
from store.external.literals import clean_text
from store.external.source import read_json_objects, resolve_source
from store.records import ProductRecord, QuestionRecord, Record, ReviewRecord
from store.units import Attribute

SOURCE_FILE = "epqa/products.jsonl"
"""The dataset's file inside the shared data folder."""

CATEGORY = ["Imported", "ePQA"]
"""The dataset says nothing about categories; this marks where the products came from."""

QUESTION_MARK = "Question:"
"""Community Q&A snippets read ``"<answer> Question: <question> "``."""


def read_epqa(path: Path) -> Iterator[tuple[int, Record]]:
    """Yield ``(line_number, record)`` for the ePQA products: product, reviews, questions.

    Args:
        path: ``products.jsonl``, its ``epqa`` folder, or the shared data folder.

    Raises:
        ExternalFormatError: For a line that cannot be mapped.
        FileNotFoundError: If the file is not at ``path``.
    """
    source = resolve_source(path, SOURCE_FILE)
    for line, row in read_json_objects(source):
        snippets = _snippets(row, source, line)
        product = product_record(row, snippets, source, line)
        yield line, product
        for position, text in enumerate(snippets.get("review", []), start=1):
            data = {"id": f"{product.id}-r{position}", "product_id": product.id, "text": text}
            yield line, build_record(ReviewRecord, data, source, line)
        for position, text in enumerate(snippets.get("cqa", []), start=1):
            question_id = f"{product.id}-q{position}"
            yield line, question_record(text, question_id, product.id, source, line)


def product_record(
    row: dict[str, Any], snippets: dict[str, list[str]], path: Path, line: int
) -> ProductRecord:
    """Map one line and its snippets to a product record."""
    attributes: dict[str, Attribute] = {}
    for snippet in snippets.get("attribute", []):
        parsed = parse_attribute_snippet(snippet)
        if parsed is not None:
            attributes.setdefault(*parsed)
    data = {
        "id": clean_text(row.get("asin")),
        "title": clean_text(row.get("title")),
        "category": list(CATEGORY),
        "description": "\n\n".join(snippets.get("description", [])),
        "features": snippets.get("bullet", []),
        "attributes": attributes,
    }
    return build_record(ProductRecord, data, path, line)


def split_cqa(text: str) -> tuple[str, str] | None:
    """Split ``"<answer> Question: <question>"`` on its last ``Question:``.

    Returns:
        ``(question, answer)``, or ``None`` when there is no marker or no question.
    """
    answer, marker, question = text.rpartition(QUESTION_MARK)
    if not marker or not question.strip():
        return None
    return question.strip(), answer.strip()


def question_record(
    text: str, question_id: str, product_id: str, path: Path, line: int
) -> QuestionRecord:
    """Map a community Q&A snippet; a question whose answer is empty keeps no answers.

    Raises:
        ExternalFormatError: If the snippet has no ``Question:`` part.
    """
    parts = split_cqa(text)
    if parts is None:
        raise ExternalFormatError(path, line, f"cqa {question_id}: no {QUESTION_MARK!r} part")
    question, answer = parts
    data = {
        "id": question_id,
        "product_id": product_id,
        "question": question,
        "answers": [{"text": answer, "votes": 0}] if answer else [],
    }
    return build_record(QuestionRecord, data, path, line)


def _snippets(row: dict[str, Any], path: Path, line: int) -> dict[str, list[str]]:
    """Return the snippet texts by source; non-text entries (``NaN`` in one line) are dropped."""
    snippets = row.get("snippets") or {}
    if not isinstance(snippets, dict):
        raise ExternalFormatError(path, line, "snippets: expected an object")
    texts: dict[str, list[str]] = {}
    for source, entries in snippets.items():
        if not isinstance(entries, list):
            raise ExternalFormatError(path, line, f"snippets.{source}: expected a list")
        texts[str(source)] = [clean_text(entry) for entry in entries if clean_text(entry)]
    return texts
