"""Hybrid catalog search: structured filters in SQL, then lexical and dense ranking fused.

Filters decide what may be shown (price, brand, category, rating, stock, attributes);
BM25 and MiniLM each rank what is left and reciprocal-rank fusion merges the two lists,
so a product either ranking finds well comes up, and one both find comes first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select

from store import schema
from store.catalog import Catalog
from store.fusion import reciprocal_rank_fusion
from store.units import convert
from store.views import ProductSummary

CANDIDATES = 100
Ranking = Literal["hybrid", "lexical", "dense"]


class AttributeFilter(BaseModel):
    """A condition on one normalized attribute (numbers in ``unit``, converted if known)."""

    equals: str | bool | None = None
    min: float | None = None
    max: float | None = None
    unit: str | None = None

    def condition(self, name: str, product_id: ColumnElement[str]) -> ColumnElement[bool]:
        """SQL: product ``product_id`` has attribute ``name`` and it meets this condition."""
        attributes = schema.product_attributes
        conditions = [attributes.c.name == name]
        if isinstance(self.equals, bool):
            conditions.append(attributes.c.text == str(self.equals).lower())
        elif self.equals is not None:
            conditions.append(attributes.c.text == self.equals.strip().lower())
        if self.min is not None:
            conditions.append(attributes.c.number >= convert(self.min, self.unit)[0])
        if self.max is not None:
            conditions.append(attributes.c.number <= convert(self.max, self.unit)[0])
        return product_id.in_(select(attributes.c.product_id).where(*conditions))


class SearchFilters(BaseModel):
    """Structured conditions a result must meet."""

    min_price: float | None = Field(default=None, ge=0)
    max_price: float | None = Field(default=None, ge=0)
    brand: str | None = None
    category: str | None = Field(
        default=None, description="A category name or path ('Blenders', 'Kitchen > Blenders')."
    )
    min_rating: float | None = Field(default=None, ge=0, le=5)
    in_stock: bool = False
    attributes: dict[str, AttributeFilter] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _price_range(self) -> SearchFilters:
        low, high = self.min_price, self.max_price
        if low is not None and high is not None and low > high:
            raise ValueError("min_price is above max_price")
        return self

    @property
    def active(self) -> bool:
        """Whether any condition is set."""
        return self != SearchFilters()


def search_catalog(
    catalog: Catalog,
    query: str,
    filters: SearchFilters | None = None,
    *,
    limit: int = 10,
    ranking: Ranking = "hybrid",
) -> list[ProductSummary]:
    """Products matching ``query`` and ``filters``, best first."""
    filters = filters or SearchFilters()
    catalog.sync_indexes()
    if not query.strip():
        return _browse(catalog, filters, limit)
    allowed = filtered_ids(catalog, filters) if filters.active else None
    lists = []
    if ranking in ("hybrid", "lexical"):
        lists.append(catalog.lexical.rank(query, allowed=allowed, limit=CANDIDATES))
    if ranking in ("hybrid", "dense"):
        lists.append(catalog.vectors.rank(query, allowed=allowed, limit=CANDIDATES))
    fused = reciprocal_rank_fusion(lists)[:limit]
    scores = dict(fused)
    return [
        hit.model_copy(update={"score": round(scores[hit.id], 6)})
        for hit in catalog.summaries([pid for pid, _ in fused])
    ]


def _browse(catalog: Catalog, filters: SearchFilters, limit: int) -> list[ProductSummary]:
    """No query words: the best-rated products that pass the filters."""
    products = schema.products
    query = select(products.c.id).order_by(
        products.c.rating_avg.desc().nulls_last(), products.c.rating_count.desc(), products.c.id
    )
    if filters.active:
        query = query.where(products.c.id.in_(filter_query(filters, catalog.clock())))
    with catalog.engine.connect() as conn:
        ids = list(conn.execute(query.limit(limit)).scalars())
    return catalog.summaries(ids)


def filtered_ids(catalog: Catalog, filters: SearchFilters) -> list[str]:
    """Ids of every product that meets ``filters``."""
    with catalog.engine.connect() as conn:
        return list(conn.execute(filter_query(filters, catalog.clock())).scalars())


def filter_query(filters: SearchFilters, now: dt.datetime) -> Select[str]:
    """A query for the ids of the products that meet ``filters`` at ``now``."""
    products, offers = schema.products, schema.offers
    offer_conditions = _offer_conditions(filters, now)
    product_conditions = []
    if filters.brand:
        product_conditions.append(func.lower(products.c.brand) == filters.brand.strip().lower())
    if filters.category:
        product_conditions.append(_category_condition(filters.category))
    if filters.min_rating is not None:
        product_conditions.append(products.c.rating_avg >= filters.min_rating)
    # Read only the tables the filters need: a join over every product costs several
    # times a scan of the offers alone.
    if offer_conditions and not product_conditions:
        key = offers.c.product_id
        query = select(key).where(*offer_conditions)
    elif offer_conditions:
        key = products.c.id
        query = select(key).join(offers, offers.c.product_id == key)
        query = query.where(*offer_conditions, *product_conditions)
    else:
        key = products.c.id
        query = select(key).where(*product_conditions)
    return query.where(*(cond.condition(name, key) for name, cond in filters.attributes.items()))


MAX_CENTS = 2**31 - 1
"""The price columns' largest value (32-bit integers): bounds beyond it are clamped."""


def _cents(amount: float) -> int:
    return min(round(min(amount, MAX_CENTS / 100) * 100), MAX_CENTS)


def _offer_conditions(filters: SearchFilters, now: dt.datetime) -> list[ColumnElement[bool]]:
    """Conditions on the live offer: price (a running deal's price counts) and stock."""
    offers = schema.offers
    deal_on = and_(
        offers.c.deal_price_cents.is_not(None),
        offers.c.deal_starts_at <= now,
        offers.c.deal_ends_at > now,
    )
    price = case((deal_on, offers.c.deal_price_cents), else_=offers.c.price_cents)
    conditions = []
    if filters.min_price is not None:
        conditions.append(price >= _cents(filters.min_price))
    if filters.max_price is not None:
        conditions.append(price <= _cents(filters.max_price))
    if filters.in_stock:
        conditions.append(or_(offers.c.stock.is_(None), offers.c.stock > 0))
    return conditions


def _category_condition(category: str) -> Any:
    sep = ">" if ">" in category else "|"
    parts = [part.strip().lower() for part in category.split(sep) if part.strip()]
    pattern = "%|" + "|".join(parts) + "|%"
    return schema.products.c.category_key.like(pattern)
