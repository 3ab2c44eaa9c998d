"""The store: search, and one product with its offer, price history and review aspects."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from pydantic import ValidationError

from api.deps import AccountDep, BackendDep
from api.schemas import Problem, ProductDetail, ProductPage
from store.search import SearchFilters, search_catalog
from tools.catalog import UnknownProductError, get_product
from tools.offers import get_price_history
from tools.reviews import review_aspects

router = APIRouter(prefix="/v1/products", tags=["products"])


@router.get(
    "",
    responses={422: {"model": Problem, "description": "A bad filter."}},
    summary="Search the catalog",
)
async def search(
    _account: AccountDep,
    backend: BackendDep,
    q: Annotated[str, Query(max_length=500, description="What to look for.")] = "",
    min_price: Annotated[float | None, Query(ge=0)] = None,
    max_price: Annotated[float | None, Query(ge=0)] = None,
    category: Annotated[str | None, Query(max_length=200)] = None,
    brand: Annotated[str | None, Query(max_length=200)] = None,
    min_rating: Annotated[float | None, Query(ge=0, le=5)] = None,
    in_stock: bool = False,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> ProductPage:
    """Products matching ``q`` and the filters, best first, with live prices."""
    catalog = await backend.services.catalog()
    try:
        filters = SearchFilters(
            min_price=min_price,
            max_price=max_price,
            category=category,
            brand=brand,
            min_rating=min_rating,
            in_stock=in_stock,
        )
    except ValidationError as exc:
        reasons = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
        raise HTTPException(422, detail=reasons) from None
    found = await asyncio.to_thread(search_catalog, catalog, q, filters, limit=limit)
    return ProductPage(products=found)


@router.get(
    "/{product_id}",
    responses={404: {"model": Problem, "description": "No such product."}},
    summary="One product",
)
async def product(product_id: str, _account: AccountDep, backend: BackendDep) -> ProductDetail:
    """Details, live offer, 90 days of prices and what reviews say, aspect by aspect."""
    catalog = await backend.services.catalog()
    try:
        details = await get_product(catalog, product_id)
    except UnknownProductError as exc:
        raise HTTPException(404, detail=str(exc)) from None
    history = await get_price_history(catalog, product_id, days=90)
    aspects = await review_aspects(catalog, product_id, max_quotes=2)
    return ProductDetail(**details.model_dump(), price_history=history, aspects=aspects)
