"""The review-summary component: what reviewers say, per aspect, from ``tools.reviews``.

Its quotes are reviewers' sentences, cleaned like every quote of retrieved text
(``graph.retrieved_text``): no markup, links or prices the store did not write.
"""

from __future__ import annotations

import asyncio

from graph.components import ReviewAspect, ReviewSummary
from graph.retrieved_text import clean_retrieved
from store.aspects import aspect_for_query
from store.catalog import Catalog
from tools.catalog import UnknownProductError
from tools.reviews import AspectReport, review_aspects


def pick_aspect(reports: list[AspectReport], aspect: str) -> list[AspectReport]:
    """The report on ``aspect`` (its name, or words for it: "battery life", "is it loud")."""
    name = aspect.strip().lower()
    exact = [r for r in reports if r.aspect == name]
    if exact:
        return exact
    mapped = aspect_for_query(aspect)
    return [r for r in reports if r.aspect == mapped]


async def review_summary(
    catalog: Catalog, product_id: str, aspect: str | None = None
) -> ReviewSummary | None:
    """Summarize a product's reviews; None when no review speaks to the aspect (or any).

    Args:
        catalog: The store.
        product_id: The product's id.
        aspect: One aspect to summarize; None for all of them.
    """
    product = await asyncio.to_thread(catalog.product, product_id)
    if product is None:
        return None
    try:
        reports, reviews = await asyncio.gather(
            review_aspects(catalog, product_id),
            asyncio.to_thread(catalog.reviews, product_id),
        )
    except UnknownProductError:  # removed since we looked
        return None
    chosen = reports if aspect is None else pick_aspect(reports, aspect)
    if not chosen:
        return None
    return ReviewSummary(
        product_id=product_id,
        title=product.title,
        aspect=chosen[0].aspect if aspect is not None else None,
        review_count=len(reviews),
        aspects=[
            ReviewAspect(
                aspect=r.aspect,
                mentions=r.mentions,
                positive=r.positive,
                negative=r.negative,
                quotes=[c for c in (clean_retrieved(q.sentence) for q in r.quotes) if c],
            )
            for r in chosen
        ],
    )
