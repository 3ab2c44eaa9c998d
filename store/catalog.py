"""The catalog: one object over the database and its indexes, with the read API.

Open it once per process (``Catalog.open()``); it is safe to share between threads.
Search lives in ``store.search``; writes in ``store.ingest``.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, cached_property
from typing import Any

from sqlalchemy import Engine, func, select

from store import schema
from store.config import StoreSettings
from store.database import open_engine
from store.embeddings import MiniLMEmbedder
from store.lexical import LexicalIndex
from store.progress import Progress
from store.rows import deal_running, effective_price_cents
from store.vectors import VectorIndex
from store.views import Offer, PriceHistory, PricePoint, Product, ProductSummary, Question, Review

Clock = Callable[[], dt.datetime]


@cache
def shared_embedder() -> MiniLMEmbedder:
    """One embedder per process: the model takes memory and a moment to load."""
    return MiniLMEmbedder()


def utc_now() -> dt.datetime:
    """The current time as naive UTC, the store's convention."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Catalog:
    """The store's database and search indexes."""

    def __init__(
        self,
        settings: StoreSettings,
        *,
        clock: Clock = utc_now,
        embedder: MiniLMEmbedder | None = None,
    ) -> None:
        self.settings = settings
        self.engine: Engine = open_engine(settings)
        self.clock = clock
        self.embedder = embedder or shared_embedder()
        self.lexical = LexicalIndex(settings.index_dir / "lexical")
        self._sync_lock = threading.Lock()

    @classmethod
    def open(cls, settings: StoreSettings | None = None) -> Catalog:
        """Open the store described by ``settings`` (default: the environment)."""
        return cls(settings or StoreSettings())

    @cached_property
    def vectors(self) -> VectorIndex:
        """The dense index (opened on first use: chromadb takes a moment to start)."""
        return VectorIndex(self.settings.index_dir / "chroma", self.embedder)

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()

    # -- bookkeeping -------------------------------------------------------------------

    def generation(self) -> str:
        """Catalog generation: a token that changes whenever product content changes."""
        meta = schema.store_meta
        with self.engine.connect() as conn:
            value = conn.execute(
                select(meta.c.value).where(meta.c.key == "catalog_generation")
            ).scalar()
        return str(value or "")

    def count(self, table: str = "products") -> int:
        """Number of rows in one of the store's tables."""
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count()).select_from(schema.metadata.tables[table])
                ).scalar()
                or 0
            )

    def product_rows(self, ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Raw product rows (all, or the given ids), ordered by id."""
        query = select(schema.products).order_by(schema.products.c.id)
        if ids is not None:
            query = query.where(schema.products.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def content_hashes(self) -> dict[str, str]:
        """Product id -> content hash, for the index sync."""
        products = schema.products
        with self.engine.connect() as conn:
            return dict(conn.execute(select(products.c.id, products.c.content_hash)).all())

    def sync_indexes(self, progress: Progress | None = None) -> int:
        """Bring both indexes up to the database; returns how many vectors were (re)built."""
        generation = self.generation()
        with self._sync_lock:
            if self.lexical.generation == generation == self.vectors.generation:
                return 0
            hashes = self.content_hashes()
            written = self.vectors.sync(generation, hashes, self.product_rows, progress)
            self.lexical.ensure(generation, self.product_rows)
        return written

    # -- reads -------------------------------------------------------------------------

    def summaries(self, ids: Sequence[str]) -> list[ProductSummary]:
        """Product summaries for ``ids``, in the order given (unknown ids are left out)."""
        products, offers = schema.products, schema.offers
        query = (
            select(
                products.c.id,
                products.c.title,
                products.c.brand,
                products.c.category,
                products.c.rating_avg,
                products.c.rating_count,
                *offers.c,
            )
            .outerjoin(offers, offers.c.product_id == products.c.id)
            .where(products.c.id.in_(list(ids)))
        )
        with self.engine.connect() as conn:
            rows = {row.id: dict(row._mapping) for row in conn.execute(query)}
        now = self.clock()
        return [self._summary(rows[pid], now) for pid in ids if pid in rows]

    def _summary(self, row: Mapping[str, Any], now: dt.datetime) -> ProductSummary:
        offer = offer_view(row, now) if row.get("price_cents") is not None else None
        return ProductSummary(
            id=row["id"],
            title=row["title"],
            brand=row["brand"],
            category=row["category"],
            price=offer.price if offer else None,
            currency=offer.currency if offer else None,
            rating=row["rating_avg"],
            rating_count=row["rating_count"] or 0,
            in_stock=offer.in_stock if offer else False,
            deal_label=offer.deal_label if offer else None,
        )

    def has_product(self, product_id: str) -> bool:
        """Whether the catalog holds ``product_id``."""
        products = schema.products
        with self.engine.connect() as conn:
            found = conn.execute(select(products.c.id).where(products.c.id == product_id))
            return found.first() is not None

    def product(self, product_id: str) -> Product | None:
        """The full product, with its live offer; ``None`` if the id is unknown."""
        rows = self.product_rows([product_id])
        if not rows:
            return None
        row = rows[0]
        return Product(
            **{k: row[k] for k in Product.model_fields if k in row and k != "offer"},
            rating=row["rating_avg"],
            offer=self.offer(product_id),
        )

    def offer(self, product_id: str) -> Offer | None:
        """The live offer for a product, or ``None`` when the store has none."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(schema.offers).where(schema.offers.c.product_id == product_id)
            ).first()
        return offer_view(dict(row._mapping), self.clock()) if row else None

    def price_history(self, product_id: str, days: int = 90) -> PriceHistory:
        """Price points over the last ``days`` days, oldest first, with summary figures."""
        table = schema.price_history
        since = self.clock() - dt.timedelta(days=days)
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(table.c.at, table.c.price_cents, table.c.currency)
                .where(table.c.product_id == product_id, table.c.at >= since)
                .order_by(table.c.at)
            ).all()
        offer = self.offer(product_id)
        prices = [row.price_cents / 100 for row in rows]
        return PriceHistory(
            product_id=product_id,
            currency=rows[0].currency if rows else (offer.currency if offer else None),
            points=[PricePoint(at=row.at, price=row.price_cents / 100) for row in rows],
            current=offer.price if offer else (prices[-1] if prices else None),
            lowest=min(prices) if prices else None,
            highest=max(prices) if prices else None,
            average=round(sum(prices) / len(prices), 2) if prices else None,
        )

    def reviews(self, product_id: str) -> list[Review]:
        """All reviews of a product, most helpful first."""
        table = schema.reviews
        query = (
            select(table)
            .where(table.c.product_id == product_id)
            .order_by(table.c.helpful_votes.desc(), table.c.id)
        )
        with self.engine.connect() as conn:
            return [Review.model_validate(dict(row._mapping)) for row in conn.execute(query)]

    def questions(self, product_id: str) -> list[Question]:
        """Community questions of a product, most voted first."""
        table = schema.questions
        query = (
            select(table)
            .where(table.c.product_id == product_id)
            .order_by(table.c.votes.desc(), table.c.id)
        )
        with self.engine.connect() as conn:
            return [Question.model_validate(dict(row._mapping)) for row in conn.execute(query)]

    def live_deal_ids(self, ids: Iterable[str] | None = None) -> list[str]:
        """Products whose deal runs now, the deepest discount first."""
        offers = schema.offers
        now = self.clock()
        query = (
            select(offers.c.product_id)
            .where(offers.c.deal_starts_at <= now, offers.c.deal_ends_at > now)
            .order_by((offers.c.deal_price_cents * 1.0 / offers.c.price_cents), offers.c.product_id)
        )
        if ids is not None:
            query = query.where(offers.c.product_id.in_(list(ids)))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())


def offer_view(row: Mapping[str, Any], now: dt.datetime) -> Offer:
    """The shopper-facing offer of an ``offers`` row at ``now``."""
    price = effective_price_cents(row, now)
    on_deal = deal_running(row, now)
    stock = row.get("stock")
    return Offer(
        price=price / 100,
        regular_price=row["price_cents"] / 100,
        list_price=row["list_price_cents"] / 100 if row.get("list_price_cents") else None,
        currency=row["currency"],
        in_stock=stock is None or stock > 0,
        stock=stock,
        shipping_days=row.get("shipping_days"),
        deal_label=row.get("deal_label") if on_deal else None,
        deal_ends_at=row.get("deal_ends_at") if on_deal else None,
    )
