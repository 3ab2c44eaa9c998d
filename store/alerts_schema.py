"""Alert tables (SQLAlchemy Core), identical on SQLite and PostgreSQL.

They live in the catalog's database on their own ``alerts_metadata`` (as the account
tables do), so the catalog schema knows nothing of alerts. ``account_id`` is a plain
column: accounts belong to ``memory``, which the store does not import. Money is integer
cents and timestamps naive UTC, as in ``store.schema``.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

alerts_metadata = MetaData()

ACCOUNT_ID = String(32)
ROW_ID = String(32)
DEDUPE_KEY_LENGTH = 300
"""The longest dedupe key ``alert_requests`` keeps."""

alerts = Table(
    "alerts",
    alerts_metadata,
    Column("id", ROW_ID, primary_key=True, doc="'alr_' and 16 hex characters."),
    Column("account_id", ACCOUNT_ID, nullable=False, index=True),
    Column("product_id", String(128), doc="The watched product; NULL for a category."),
    Column("category", Text, doc="The watched category (name or path); NULL for a product."),
    Column("condition", String(20), nullable=False, doc="See ``store.alert_views.Condition``."),
    Column("target_cents", Integer, doc="price_at_most: fire at or below this price."),
    Column("drop_percent", Float, doc="drop_by_percent: fire this far below the baseline."),
    Column("baseline_cents", Integer, doc="The live price when the alert was made."),
    Column("armed", Boolean, nullable=False, doc="Fires on the condition's next crossing."),
    Column("fired_count", Integer, nullable=False, default=0),
    Column("last_fired_at", DateTime),
    Column("auto_buy", Boolean, nullable=False, default=False),
    Column("quantity", Integer, doc="Auto-buy: units per order."),
    Column("cap_cents", Integer, doc="Auto-buy: the most one order may cost."),
    Column("confirmed_at", DateTime, doc="Auto-buy acts only once the shopper confirmed."),
    Column("source_thread_id", String(128), doc="The conversation that made the alert."),
    Column("created_at", DateTime, nullable=False),
    Column("deleted_at", DateTime, doc="Set on delete; the worker skips deleted alerts."),
)
"""Price, stock and deal alerts of shoppers; the worker fires and re-arms them."""
Index("ix_alerts_live", alerts.c.deleted_at, alerts.c.id)

alert_requests = Table(
    "alert_requests",
    alerts_metadata,
    Column("account_id", ACCOUNT_ID, primary_key=True),
    Column(
        "dedupe_key",
        String(DEDUPE_KEY_LENGTH),
        primary_key=True,
        doc="'alert:<proposal id>' (chat) or 'api:<Idempotency-Key>'.",
    ),
    Column("alert_id", ROW_ID, ForeignKey("alerts.id"), nullable=False),
    Column("created_at", DateTime, nullable=False),
)
"""Which alert a request made: a retried request finds it and makes none.

A table of its own, not a column of ``alerts``, so databases made before it keep working
(``create_alert_tables`` adds it); written in the alert's own transaction.
"""

notifications = Table(
    "notifications",
    alerts_metadata,
    Column("id", ROW_ID, primary_key=True, doc="'ntf_' and 16 hex characters."),
    Column("account_id", ACCOUNT_ID, nullable=False),
    Column("alert_id", ROW_ID, ForeignKey("alerts.id"), nullable=False),
    Column("crossing", Integer, nullable=False, doc="The alert's fired_count at firing."),
    Column("kind", String(20), nullable=False, doc="See ``store.alert_views.Kind``."),
    Column("payload", JSON, nullable=False, doc="Product, price, condition met, order."),
    Column("created_at", DateTime, nullable=False),
    Column("read_at", DateTime),
    UniqueConstraint("alert_id", "crossing", name="uq_notifications_crossing"),
)
"""The shoppers' inbox: one row per crossing of an alert, never two."""
Index("ix_notifications_account", notifications.c.account_id, notifications.c.created_at)

webhooks = Table(
    "webhooks",
    alerts_metadata,
    Column("account_id", ACCOUNT_ID, primary_key=True),
    Column("url", Text, nullable=False, doc="http(s) URL that receives notifications."),
    Column("secret", String(128), nullable=False, doc="HMAC key; the receiver holds it too."),
    Column("updated_at", DateTime, nullable=False),
)
"""Where an account's notifications are also POSTed, signed with its secret."""

webhook_deliveries = Table(
    "webhook_deliveries",
    alerts_metadata,
    Column("id", ROW_ID, primary_key=True, doc="'whd_' and 16 hex characters."),
    Column("notification_id", ROW_ID, ForeignKey("notifications.id"), nullable=False),
    Column("url", Text, nullable=False, doc="The account's URL when the notification fired."),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime, doc="NULL once delivered or given up."),
    Column("delivered_at", DateTime),
    Column("last_error", Text),
)
"""The outbox: written with the notification, sent (and retried) by the worker."""
Index("ix_webhook_deliveries_due", webhook_deliveries.c.next_attempt_at)


def create_alert_tables(engine: Engine) -> None:
    """Create the alert tables that do not exist yet."""
    alerts_metadata.create_all(engine)
