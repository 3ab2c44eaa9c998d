"""Review tools: what customers say, by aspect, extracted from the reviews themselves."""

from __future__ import annotations

import asyncio
from typing import Literal

from pydantic import BaseModel

from store.aspects import ReviewText, aspect_for_query, search_reviews_by_aspect, summarize_aspects
from store.catalog import Catalog
from store.evidence import rank_snippets
from store.views import Review
from tools.catalog import UnknownProductError


class ReviewSnippet(BaseModel):
    """A sentence from a review that bears on the shopper's question."""

    review_id: str
    rating: int | None
    sentence: str
    polarity: Literal["positive", "negative", "neutral"] | None
    helpful_votes: int


class AspectReport(BaseModel):
    """One aspect of a product as its reviews describe it."""

    aspect: str
    mentions: int
    positive: int
    negative: int
    quotes: list[ReviewSnippet]


async def _reviews(catalog: Catalog, product_id: str) -> list[Review]:
    if not await asyncio.to_thread(catalog.has_product, product_id):
        raise UnknownProductError(product_id)
    return await asyncio.to_thread(catalog.reviews, product_id)


def _texts(reviews: list[Review]) -> list[ReviewText]:
    return [ReviewText(r.id, r.text, r.title, r.rating, r.helpful_votes) for r in reviews]


async def review_aspects(
    catalog: Catalog, product_id: str, max_quotes: int = 3
) -> list[AspectReport]:
    """Summarize a product's reviews as pros and cons per aspect, with counts and quotes.

    Aspects are things like noise, cleaning, battery, fit, durability, comfort, sound,
    ease of use, value, size & weight and performance; counts are numbers of reviews.

    Args:
        product_id: The product's id.
        max_quotes: Supporting quotes to keep per aspect (1-5).
    """
    reviews = await _reviews(catalog, product_id)
    by_id = {r.id: r for r in reviews}
    summaries = summarize_aspects(_texts(reviews), max_snippets=max(1, min(max_quotes, 5)))
    return [
        AspectReport(
            aspect=s.aspect,
            mentions=s.mentions,
            positive=s.positive,
            negative=s.negative,
            quotes=[
                ReviewSnippet(
                    review_id=q.review_id,
                    rating=by_id[q.review_id].rating,
                    sentence=q.sentence,
                    polarity=q.polarity,
                    helpful_votes=by_id[q.review_id].helpful_votes,
                )
                for q in s.snippets
            ],
        )
        for s in summaries
    ]


async def search_reviews(
    catalog: Catalog, product_id: str, question: str, limit: int = 5
) -> list[ReviewSnippet]:
    """Find what reviewers of one product say about something ("the battery", "is it loud").

    Args:
        product_id: The product's id.
        question: The topic or question, in the shopper's words.
        limit: How many sentences to return (1-20).
    """
    reviews = await _reviews(catalog, product_id)
    size = max(1, min(limit, 20))
    aspect = aspect_for_query(question)
    if aspect is not None:
        found = search_reviews_by_aspect(_texts(reviews), aspect)
        if found:
            return [
                ReviewSnippet(
                    review_id=r.id,
                    rating=r.rating,
                    sentence=sentence,
                    polarity=polarity,
                    helpful_votes=r.helpful_votes,
                )
                for r, sentence, polarity in found[:size]
            ]
    texts = [f"{r.title}. {r.text}" if r.title else r.text for r in reviews]
    ranked = await asyncio.to_thread(rank_snippets, catalog.embedder, question, texts)
    return [
        ReviewSnippet(
            review_id=reviews[i].id,
            rating=reviews[i].rating,
            sentence=texts[i],
            polarity=None,
            helpful_votes=reviews[i].helpful_votes,
        )
        for i, _score in ranked[:size]
    ]
