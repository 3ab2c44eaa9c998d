"""Hydration: a directive becomes a component, filled from the store at that moment.

``hydrate`` returns None when there is nothing true to show: the product is gone, a
comparison has fewer than two products left, a deal is not running, an item to add to
the cart is not on offer or out of stock, there is no price history in the window, no
review speaks to the aspect asked about (or to any aspect), or the product has no link
of the kind asked for. The catalog's blocking calls run in worker threads.
"""

from __future__ import annotations

import asyncio

from graph.comparison import compare_attributes
from graph.components import (
    ActionProposal,
    ChartPoint,
    Comparison,
    Component,
    PriceHistoryChart,
)
from graph.directives import (
    ActionTag,
    CompareTag,
    DealTag,
    Directive,
    PriceHistoryTag,
    ProductTag,
    ReviewsTag,
)
from graph.product_components import action_proposal, deal_card, product_card, product_link
from graph.review_summary import review_summary
from store.catalog import Catalog
from store.views import Product


async def hydrate(directive: Directive, catalog: Catalog) -> Component | None:
    """Build the component a directive asks for, from the store's data.

    Args:
        directive: A directive whose ids this turn's retrieval returned.
        catalog: The store.

    Returns:
        The component, or None when the store has nothing true to show for it.
    """
    if isinstance(directive, CompareTag):
        return await _comparison(directive, catalog)
    if isinstance(directive, ReviewsTag):
        return await review_summary(catalog, directive.id, directive.aspect)
    if isinstance(directive, PriceHistoryTag):
        return await _history(directive, catalog)
    product = await asyncio.to_thread(catalog.product, directive.id)
    if product is None:
        return None
    if isinstance(directive, ProductTag):
        return product_card(product)
    if isinstance(directive, DealTag):
        return deal_card(product)
    if isinstance(directive, ActionTag):
        return _with_alert_terms(action_proposal(directive, product), directive)
    return product_link(product, directive.label)


def _with_alert_terms(proposal: ActionProposal | None, tag: ActionTag) -> ActionProposal | None:
    """An alert proposal says what it waits for: the tag's condition, else its price."""
    if proposal is None or tag.do != "set_alert":
        return proposal
    condition = tag.condition or ("price_at_most" if tag.price is not None else None)
    return proposal.model_copy(update={"condition": condition, "drop_percent": tag.percent})


def _products(catalog: Catalog, ids: list[str]) -> list[Product]:
    found = (catalog.product(product_id) for product_id in ids)
    return [product for product in found if product is not None]


async def _comparison(directive: CompareTag, catalog: Catalog) -> Comparison | None:
    products = await asyncio.to_thread(_products, catalog, directive.ids)
    if len(products) < 2:
        return None
    attributes = compare_attributes([p.attributes for p in products], directive.attrs)
    return Comparison(products=[product_card(p) for p in products], attributes=attributes)


async def _history(directive: PriceHistoryTag, catalog: Catalog) -> PriceHistoryChart | None:
    product = await asyncio.to_thread(catalog.product, directive.id)
    if product is None:
        return None
    history = await asyncio.to_thread(catalog.price_history, directive.id, directive.days)
    if not history.points:
        return None
    return PriceHistoryChart(
        product_id=product.id,
        title=product.title,
        currency=history.currency,
        days=directive.days,
        points=[ChartPoint(at=point.at, price=point.price) for point in history.points],
        current=history.current,
        lowest=history.lowest,
        highest=history.highest,
        average=history.average,
    )
