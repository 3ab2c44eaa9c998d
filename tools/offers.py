"""Store tools over live data: offers, price history and deals."""

from __future__ import annotations

import asyncio

from store.catalog import Catalog
from store.views import Offer, PriceHistory, ProductSummary
from tools.catalog import UnknownProductError


async def get_offer(catalog: Catalog, product_id: str) -> Offer:
    """Get a product's live offer: current price, deal, stock and delivery time.

    Args:
        product_id: The product's id.
    """
    offer = await asyncio.to_thread(catalog.offer, product_id)
    if offer is None:
        if not await asyncio.to_thread(catalog.has_product, product_id):
            raise UnknownProductError(product_id)
        raise LookupError(f"the store has no offer for {product_id!r} right now")
    return offer


async def get_price_history(catalog: Catalog, product_id: str, days: int = 90) -> PriceHistory:
    """Get how a product's price moved, with its lowest, highest and average price.

    Args:
        product_id: The product's id.
        days: How many days back to look (1-365).
    """
    if not await asyncio.to_thread(catalog.has_product, product_id):
        raise UnknownProductError(product_id)
    window = max(1, min(days, 365))
    return await asyncio.to_thread(catalog.price_history, product_id, window)


async def list_deals(
    catalog: Catalog, category: str | None = None, limit: int = 10
) -> list[ProductSummary]:
    """List products on a deal right now, the deepest discount first.

    Args:
        category: Only deals in this category (name or path).
        limit: How many deals to return (1-50).
    """
    from store.search import SearchFilters, filtered_ids

    def deals() -> list[ProductSummary]:
        scope = filtered_ids(catalog, SearchFilters(category=category)) if category else None
        return catalog.summaries(catalog.live_deal_ids(scope)[: max(1, min(limit, 50))])

    return await asyncio.to_thread(deals)
