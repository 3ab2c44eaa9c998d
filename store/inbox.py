"""The shoppers' notifications inbox: what fired alerts said, newest first.

``InboxWatch`` follows one account's inbox for the notification stream: the worker that
writes notifications is another process, so the stream looks again every few seconds.
"""

from __future__ import annotations

import builtins
import datetime as dt
import secrets
from collections.abc import Iterable

from sqlalchemy import Engine, and_, or_, select, update

from store.alert_rules import storable
from store.alert_views import Notification, UnknownNotificationError
from store.alerts_schema import notifications
from store.catalog import Clock

LATE_COMMIT = dt.timedelta(minutes=10)
"""How much older than the newest one a notification may be when it commits: a worker
pass stamps all its notifications with the time it started and commits them one alert at a
time, and several workers' passes may overlap."""
PAGE = 200
"""Rows per query when following the inbox."""


def new_notification_id() -> str:
    """A fresh notification id: ``ntf_`` and 16 hex characters."""
    return "ntf_" + secrets.token_hex(8)


def naive_utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` as the tables keep times: naive UTC (a naive time is taken as UTC)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


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

    def get(self, account_id: str, notification_id: str) -> Notification:
        """One of the account's notifications; ``UnknownNotificationError`` for any other id."""
        mine = (notifications.c.id == notification_id) & (notifications.c.account_id == account_id)
        row = None
        if storable(notification_id):
            with self.engine.connect() as conn:
                row = conn.execute(select(notifications).where(mine)).first()
        if row is None:
            raise UnknownNotificationError(f"no notification with id {notification_id!r}")
        return Notification.from_row(row._mapping)

    def since(
        self, account_id: str, after: str | dt.datetime | None = None, *, limit: int = PAGE
    ) -> builtins.list[Notification]:
        """The account's notifications after ``after``, oldest first (at most ``limit``).

        ``after`` is one of its notification ids (then: those after it in the inbox's
        (``created_at``, ``id``) order, so pages follow on without gaps), a time (those
        created later), or None (from the first). Any other id: ``UnknownNotificationError``.
        """
        created, ids = notifications.c.created_at, notifications.c.id
        query = (
            select(notifications)
            .where(notifications.c.account_id == account_id)
            .order_by(created, ids)
            .limit(limit)
        )
        if isinstance(after, dt.datetime):
            query = query.where(created > naive_utc(after))
        elif after is not None:
            at = self.get(account_id, after).created_at
            query = query.where(or_(created > at, and_(created == at, ids > after)))
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


class InboxWatch:
    """One account's notifications as they arrive: each once, even when it commits late.

    Following ``created_at`` alone would miss a notification that commits after a newer
    one was seen (see ``LATE_COMMIT``), and ids are random, so they can't break ties. Each
    ``poll`` therefore reads the inbox from ``LATE_COMMIT`` before the newest notification
    seen, and leaves out the ids it has returned. Not thread-safe: one per stream.
    """

    def __init__(
        self, inbox: Inbox, account_id: str, after: str | dt.datetime | None = None
    ) -> None:
        """Start after ``after`` (as ``Inbox.since`` reads it); None: after what is there now.

        Resuming after an id returns what follows it in the inbox's order: a notification
        that committed late, just as the last stream ended, can be missed (the inbox
        lists it).
        """
        self.inbox, self.account_id = inbox, account_id
        self._seen: dict[str, dt.datetime] = {}
        self._floor = dt.datetime.min
        if isinstance(after, dt.datetime):
            self._floor = naive_utc(after)
        elif after is not None:
            cursor = inbox.get(account_id, after)
            self._floor = cursor.created_at - LATE_COMMIT
            last = (cursor.created_at, cursor.id)
            self._remember(note for note in self._window() if (note.created_at, note.id) <= last)
        else:
            newest = inbox.list(account_id, limit=1)
            if newest:
                self._floor = newest[0].created_at - LATE_COMMIT
                self._remember(self._window())

    def poll(self) -> list[Notification]:
        """The notifications that arrived since the last call, oldest first."""
        fresh = [note for note in self._window() if note.id not in self._seen]
        self._remember(fresh)
        return fresh

    def _window(self) -> list[Notification]:
        """Every notification of the account created after the floor, page by page."""
        found: list[Notification] = []
        after: str | dt.datetime = self._floor
        while page := self.inbox.since(self.account_id, after, limit=PAGE):
            found += page
            if len(page) < PAGE:
                break
            after = page[-1].id
        return found

    def _remember(self, returned: Iterable[Notification]) -> None:
        """Note ``returned``, raise the floor, forget what lies under it (never read again)."""
        for note in returned:
            self._seen[note.id] = note.created_at
        if self._seen:
            self._floor = max(self._floor, max(self._seen.values()) - LATE_COMMIT)
        self._seen = {key: at for key, at in self._seen.items() if at > self._floor}
