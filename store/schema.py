"""Database tables (SQLAlchemy Core), identical on SQLite and PostgreSQL.

Money is kept in integer cents so both backends compare and sum it exactly. Timestamps are
naive UTC. Every row that a feed writes carries ``content_hash``: re-loading the same feed
compares hashes and writes nothing.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

ID = String(128)

products = Table(
    "products",
    metadata,
    Column("id", ID, primary_key=True),
    Column("title", Text, nullable=False),
    Column("brand", String(200)),
    Column("category", Text, nullable=False, doc="Path joined with ' > '."),
    Column("category_key", Text, nullable=False, doc="'|a|b|c|', lower case, for filters."),
    Column("description", Text, nullable=False),
    Column("features", JSON, nullable=False),
    Column("attributes", JSON, nullable=False),
    Column("variants", JSON, nullable=False),
    Column("compatibility", JSON, nullable=False),
    Column("links", JSON, nullable=False),
    Column("return_window_days", Integer),
    Column("warranty_months", Integer),
    Column("declared_rating", Float, doc="Rating the feed stated, for products without reviews."),
    Column("declared_rating_count", Integer),
    Column("rating_avg", Float, doc="From reviews when there are rated ones, else declared."),
    Column("rating_count", Integer, nullable=False, default=0),
    Column("content_hash", String(64), nullable=False),
    Column("updated_at", DateTime, nullable=False),
)
Index("ix_products_brand", products.c.brand)
Index("ix_products_rating", products.c.rating_avg)

product_attributes = Table(
    "product_attributes",
    metadata,
    Column("product_id", ID, ForeignKey("products.id"), primary_key=True),
    Column("name", String(200), primary_key=True),
    Column("number", Float, doc="Numeric values, in the canonical unit."),
    Column("text", Text, doc="Text values lower-cased; booleans as 'true'/'false'."),
    Column("unit", String(40)),
)
"""One row per product attribute, so attribute filters run in SQL on an index."""
Index("ix_product_attributes_number", product_attributes.c.name, product_attributes.c.number)
Index("ix_product_attributes_text", product_attributes.c.name, product_attributes.c.text)

offers = Table(
    "offers",
    metadata,
    Column("product_id", ID, ForeignKey("products.id"), primary_key=True),
    Column("price_cents", Integer, nullable=False),
    Column("list_price_cents", Integer),
    Column("currency", String(3), nullable=False),
    Column("stock", Integer, doc="NULL: the feed does not track stock."),
    Column("shipping_days", Integer),
    Column("deal_price_cents", Integer),
    Column("deal_label", String(200)),
    Column("deal_starts_at", DateTime),
    Column("deal_ends_at", DateTime),
    Column("content_hash", String(64), nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

price_history = Table(
    "price_history",
    metadata,
    Column("product_id", ID, ForeignKey("products.id"), primary_key=True),
    Column("at", DateTime, primary_key=True),
    Column("price_cents", Integer, nullable=False),
    Column("currency", String(3), nullable=False),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", ID, primary_key=True),
    Column("product_id", ID, ForeignKey("products.id"), nullable=False),
    Column("rating", Integer),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("date", Date),
    Column("verified", Boolean, nullable=False),
    Column("helpful_votes", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False),
)
Index("ix_reviews_product", reviews.c.product_id)

questions = Table(
    "questions",
    metadata,
    Column("id", ID, primary_key=True),
    Column("product_id", ID, ForeignKey("products.id"), nullable=False),
    Column("question", Text, nullable=False),
    Column("answers", JSON, nullable=False, doc="[{text, votes, by_seller}], best first."),
    Column("votes", Integer, nullable=False),
    Column("date", Date),
    Column("content_hash", String(64), nullable=False),
)
Index("ix_questions_product", questions.c.product_id)

store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
"""Small key/value facts, e.g. ``catalog_generation`` that indexes compare against."""
