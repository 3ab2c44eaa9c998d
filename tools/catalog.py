"""Catalog tools: search and product lookup."""

from __future__ import annotations

import asyncio

from store.catalog import Catalog
from store.search import SearchFilters, search_catalog
from store.views import Product, ProductSummary


class UnknownProductError(LookupError):
    """The product id is not in the catalog."""

    def __init__(self, product_id: str) -> None:
        super().__init__(f"no product with id {product_id!r} in the catalog")
        self.product_id = product_id


async def search_products(
    catalog: Catalog,
    query: str,
    min_price: float | None = None,
    max_price: float | None = None,
    brand: str | None = None,
    category: str | None = None,
    min_rating: float | None = None,
    in_stock: bool = False,
    limit: int = 10,
) -> list[ProductSummary]:
    """Search the store's catalog by meaning and keywords, with optional filters.

    Results carry the live price, rating and stock, best match first. Prices are in the
    store's currency; a price bound keeps only products whose current price is within it.

    Args:
        query: What the shopper is looking for, in their words (e.g. "quiet blender").
        min_price: Lowest acceptable current price.
        max_price: Highest acceptable current price.
        brand: Only this brand (exact name, any case).
        category: Only this category, by name or path (e.g. "Blenders").
        min_rating: Lowest acceptable average star rating (1-5).
        in_stock: Only products that are in stock now.
        limit: How many results to return (1-50).
    """
    filters = SearchFilters(
        min_price=min_price,
        max_price=max_price,
        brand=brand,
        category=category,
        min_rating=min_rating,
        in_stock=in_stock,
    )
    size = max(1, min(limit, 50))
    return await asyncio.to_thread(search_catalog, catalog, query, filters, limit=size)


async def get_product(catalog: Catalog, product_id: str) -> Product:
    """Get everything the store knows about one product: details, attributes, live offer.

    Args:
        product_id: The product's id, as returned by a search.
    """
    product = await asyncio.to_thread(catalog.product, product_id)
    if product is None:
        raise UnknownProductError(product_id)
    return product
