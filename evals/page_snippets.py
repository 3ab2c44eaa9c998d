"""The answers suite's baseline: the best-ranked snippet of the product's page, as the answer.

The simplest honest answer to a product question: take every piece of text the store
holds about the product (description paragraphs, bullets, attributes, review sentences,
community answers), rank them against the question with the project's evidence ranking
(``store.evidence.rank_snippets``: BM25 and MiniLM fused), and answer with the first. A
community answer is matched with its question, as the Q&A tool matches it, and answers
with its text alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.catalog import Catalog
from store.evidence import rank_snippets


@dataclass(frozen=True)
class Snippet:
    """One piece of a product page: where it is, what is matched, what is answered."""

    source: str
    """description, bullet, attribute, review or qa."""
    match: str
    answer: str


def page_snippets(catalog: Catalog, product_id: str) -> list[Snippet]:
    """Every snippet of the product's page in the store (none for an unknown product)."""
    product = catalog.product(product_id)
    if product is None:
        return []
    snippets = [
        Snippet("description", text.strip(), text.strip())
        for text in product.description.split("\n\n")
        if text.strip()
    ]
    snippets += [Snippet("bullet", text, text) for text in product.features]
    for name, attribute in product.attributes.items():
        text = attribute_text(name, attribute)
        snippets.append(Snippet("attribute", text, text))
    snippets += [Snippet("review", r.text, r.text) for r in catalog.reviews(product_id)]
    for asked in catalog.questions(product_id):
        for answer in asked.answers[:1]:
            text = str(answer["text"])
            snippets.append(Snippet("qa", f"{asked.question} {text}", text))
    return snippets


def attribute_text(name: str, attribute: object) -> str:
    """``"item weight: 0.73 kg"`` from a stored attribute (``{"value", "unit"}``)."""
    label = name.replace("_", " ")
    if isinstance(attribute, dict):
        value, unit = attribute.get("value"), attribute.get("unit")
        return f"{label}: {value}{f' {unit}' if unit else ''}"
    return f"{label}: {attribute}"


def best_snippet(catalog: Catalog, product_id: str, question: str) -> Snippet | None:
    """The page's snippet that ranks first for ``question`` (None for an empty page)."""
    snippets = page_snippets(catalog, product_id)
    ranked = rank_snippets(catalog.embedder, question, [s.match for s in snippets])
    return snippets[ranked[0][0]] if ranked else None
