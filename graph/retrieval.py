"""Retrieval: run the plan's sources against the store, independent ones in parallel.

Two phases: first find the products the turn is about (catalog search, deals, or the
products the shopper referred to), then fetch what the plan asks about them (details,
reviews, Q&A, price history) for all of them at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from graph.evidence import Evidence
from graph.personalize import rank_by_brand
from graph.plan import Plan
from store.catalog import Catalog
from store.views import ProductSummary
from tools.catalog import get_product, search_products
from tools.offers import get_price_history, list_deals
from tools.qa import search_questions
from tools.reviews import review_aspects, search_reviews

SEARCH_POOL = 24
"""Search results fetched before sorting by rating or price (they rank by relevance)."""
PRIOR_RATING, PRIOR_WEIGHT = 3.5, 10
"""'Best rated' ranks by a rating shrunk toward 3.5 stars as if by 10 reviews, so 4.5 from
2 reviews does not beat 4.4 from 300."""


def rating_score(product: ProductSummary) -> float:
    """The product's rating, discounted for having few reviews."""
    if product.rating is None:
        return 0.0
    total = product.rating * product.rating_count + PRIOR_RATING * PRIOR_WEIGHT
    return total / (product.rating_count + PRIOR_WEIGHT)


_SORT_KEYS: dict[str, Callable[[ProductSummary], tuple[float, ...]]] = {
    "rating": lambda p: (-rating_score(p), -p.rating_count),
    "reviews": lambda p: (-p.rating_count, -(p.rating or 0)),
    "price_low": lambda p: (p.price if p.price is not None else float("inf"),),
    "price_high": lambda p: (-(p.price or 0),),
}


async def retrieve(plan: Plan, catalog: Catalog, *, limit: int) -> Evidence:
    """Everything the plan's sources say, for at most ``limit`` products."""
    evidence = Evidence()
    size = max(1, min(plan.slots.count or limit, limit))
    subjects, deals = await asyncio.gather(
        _subjects(plan, catalog, size),
        _deals(plan, catalog, size) if "deals" in plan.sources else _nothing(),
    )
    evidence.products, evidence.personal = subjects
    evidence.deals = deals or []
    ids = [p.id for p in evidence.products] or [p.id for p in evidence.deals]
    await _details(plan, catalog, ids, evidence)
    return evidence


async def _nothing() -> None:
    return None


async def _subjects(
    plan: Plan, catalog: Catalog, size: int
) -> tuple[list[ProductSummary], list[str]]:
    """The products the turn is about, and how the account's memory changed them."""
    if plan.product_ids:
        return await asyncio.to_thread(catalog.summaries, plan.product_ids), []
    if "catalog" not in plan.sources:
        return [], []
    leaning = plan.prefer_brands or plan.avoid_brands
    pool = SEARCH_POOL if plan.slots.sort != "relevance" or leaning else size
    found = await search_products(
        catalog,
        plan.query,
        min_price=plan.filters.min_price,
        max_price=plan.filters.max_price,
        brand=plan.filters.brand,
        category=plan.filters.category,
        min_rating=plan.filters.min_rating,
        in_stock=plan.filters.in_stock,
        limit=pool,
    )
    if plan.slots.sort in _SORT_KEYS:
        found = sorted(found, key=_SORT_KEYS[plan.slots.sort])
    return rank_by_brand(found, plan, size)


async def _deals(plan: Plan, catalog: Catalog, size: int) -> list[ProductSummary]:
    deals = await list_deals(catalog, category=plan.filters.category, limit=50)
    high = plan.filters.max_price
    avoid = {b.lower() for b in plan.avoid_brands}
    return [
        d
        for d in deals
        if (high is None or (d.price is not None and d.price <= high))
        and (d.brand or "").lower() not in avoid
    ][:size]


async def _details(plan: Plan, catalog: Catalog, ids: list[str], evidence: Evidence) -> None:
    """Fetch the per-product sources for ``ids`` concurrently, into ``evidence``."""
    question = plan.slots.aspect or plan.query
    jobs: list[Coroutine[Any, Any, None]] = []
    for pid in ids:
        if "product" in plan.sources or plan.intent in ("compare", "product_question"):
            jobs.append(_put(evidence.details, pid, get_product(catalog, pid)))
        if "reviews" in plan.sources:
            jobs.append(_put(evidence.aspects, pid, review_aspects(catalog, pid)))
            if plan.slots.aspect or plan.intent == "product_question":
                jobs.append(
                    _put(evidence.review_quotes, pid, search_reviews(catalog, pid, question))
                )
        if "questions" in plan.sources:
            jobs.append(_put(evidence.questions, pid, search_questions(catalog, pid, plan.query)))
        if "price_history" in plan.sources:
            days = plan.slots.window_days or 90
            jobs.append(_put(evidence.histories, pid, get_price_history(catalog, pid, days)))
    await asyncio.gather(*jobs)


async def _put(target: dict[str, Any], key: str, value: Awaitable[Any]) -> None:
    target[key] = await value
