"""The shoppers' notifications inbox: what fired alerts said, newest first."""

from __future__ import annotations

import builtins
import secrets

from sqlalchemy import Engine, select, update

from store.alert_rules import storable
from store.alert_views import Notification, UnknownNotificationError
from store.alerts_schema import notifications
from store.catalog import Clock


def new_notification_id() -> str:
    """A fresh notification id: ``ntf_`` and 16 hex characters."""
    return "ntf_" + secrets.token_hex(8)


class Inbox:
    """An account's notifications; safe to share between threads."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock

    def list(
        self, account_id: str, *, unread_only: bool = False, limit: int = 50
    ) -> builtins.list[Notification]:
        """The account's notifications, newest first (only the unread ones if asked)."""
        query = (
            select(notifications)
            .where(notifications.c.account_id == account_id)
            .order_by(notifications.c.created_at.desc(), notifications.c.id.desc())
            .limit(limit)
        )
        if unread_only:
            query = query.where(notifications.c.read_at.is_(None))
        with self.engine.connect() as conn:
            return [Notification.from_row(row._mapping) for row in conn.execute(query)]

    def mark_read(self, account_id: str, notification_id: str) -> Notification:
        """Mark one notification read (again: keeps the first time); unknown: an error."""
        mine = (notifications.c.id == notification_id) & (notifications.c.account_id == account_id)
        if not storable(notification_id):
            raise UnknownNotificationError(f"no notification with id {notification_id!r}")
        with self.engine.begin() as conn:
            conn.execute(
                update(notifications)
                .where(mine, notifications.c.read_at.is_(None))
                .values(read_at=self.clock())
            )
            row = conn.execute(select(notifications).where(mine)).first()
        if row is None:
            raise UnknownNotificationError(f"no notification with id {notification_id!r}")
        return Notification.from_row(row._mapping)
