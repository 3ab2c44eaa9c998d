"""Community Q&A tool: questions other shoppers asked about a product, and their answers."""

from __future__ import annotations

import asyncio

from store.catalog import Catalog
from store.evidence import rank_snippets
from store.views import Question
from tools.catalog import UnknownProductError


async def search_questions(
    catalog: Catalog, product_id: str, question: str, limit: int = 3
) -> list[Question]:
    """Find community questions about one product that match the shopper's question.

    Each result has the question, its answers (most voted first) and a relevance score.

    Args:
        product_id: The product's id.
        question: The shopper's question, in their words.
        limit: How many questions to return (1-10).
    """
    if not await asyncio.to_thread(catalog.has_product, product_id):
        raise UnknownProductError(product_id)
    asked = await asyncio.to_thread(catalog.questions, product_id)
    if not asked:
        return []
    texts = [q.question + " " + " ".join(str(a["text"]) for a in q.answers[:2]) for q in asked]
    ranked = await asyncio.to_thread(rank_snippets, catalog.embedder, question, texts)
    return [
        asked[i].model_copy(update={"score": round(score, 6)})
        for i, score in ranked[: max(1, min(limit, 10))]
    ]
