"""``GET /v1/notifications/stream`` over real HTTP, and the inbox queries behind it."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import threading
from collections.abc import AsyncGenerator, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from pydantic import ValidationError
from sqlalchemy import insert
from sse_starlette import ServerSentEvent

from api.app import create_app
from api.routes import notifications as notification_routes
from api.settings import ApiSettings
from graph.services import Services
from graph.settings import AssistantSettings
from memory.accounts import AccountStore
from store import inbox as inbox_module
from store.alert_views import UnknownNotificationError
from store.alert_worker import evaluate_alerts
from store.alerts import AlertBook
from store.alerts_schema import notifications
from store.catalog import Catalog
from store.inbox import LATE_COMMIT, InboxWatch
from tests.alert_support import load_offers, offer
from tests.conftest import NOW
from tests.fakes import fake_registry
from tests.served import served

_numbers = itertools.count(0x1000)
"""Ids of notifications written without one (tests name small ones themselves)."""


@pytest.fixture
def book(loaded: Catalog) -> AlertBook:
    return AlertBook(loaded.engine, loaded)


@pytest.fixture
def server(loaded: Catalog) -> Iterator[str]:
    """The real app over the fixture catalog, looking in the inbox every 50 ms."""
    services = Services.for_catalog(
        loaded, fake_registry(), AssistantSettings(default_model="fake")
    )
    with served(create_app(ApiSettings(notify_poll_s=0.05, ping_s=0.2), services)) as url:
        yield url


def account(catalog: Catalog, name: str) -> tuple[str, dict[str, str]]:
    """A new account's id and its Authorization header."""
    made, key = AccountStore(catalog.engine).create(name)
    return made.id, {"Authorization": f"Bearer {key}"}


def notify(book: AlertBook, account_id: str, at: dt.datetime, note_id: str | None = None) -> str:
    """Write a notification into the inbox as the worker does (its alert made first)."""
    alert = book.create(account_id, product_id="BL-QUIET", condition="back_in_stock")
    note_id = note_id or f"ntf_{next(_numbers):016x}"
    row = {"id": note_id, "account_id": account_id, "alert_id": alert.id, "crossing": 1}
    payload = {"product_id": "BL-QUIET", "title": "Hushmix 600 Quiet Blender", "price": 99.0}
    with book.engine.begin() as conn:
        conn.execute(
            insert(notifications).values(
                **row, kind="alert", payload=payload, created_at=at, read_at=None
            )
        )
    return note_id


class Stream:
    """An open notification stream: its frames, read as they come."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.lines = response.iter_lines()

    def frame(self) -> dict[str, str]:
        """The next frame's fields; a keep-alive ping is ``{"": "ping ..."}``."""
        fields: dict[str, str] = {}
        for line in self.lines:
            if not line:
                if fields:
                    return fields
                continue
            name, _, value = line.partition(":")
            fields[name] = value.removeprefix(" ")
        raise AssertionError("the stream ended")

    def events(self, count: int) -> list[dict[str, str]]:
        """The next ``count`` events (pings skipped)."""
        found: list[dict[str, str]] = []
        while len(found) < count:
            if "event" in (frame := self.frame()):
                found.append(frame)
        return found

    def ids(self, count: int) -> list[str]:
        return [frame["id"] for frame in self.events(count)]

    def quiet(self, pings: int = 3) -> None:
        """No event comes before ``pings`` keep-alives (many inbox looks) have."""
        for _ in range(pings):
            frame = self.frame()
            assert "event" not in frame, frame


@contextmanager
def stream(url: str, headers: dict[str, str], **params: str) -> Iterator[Stream]:
    with (
        httpx.Client(base_url=url, timeout=10) as client,
        client.stream("GET", "/v1/notifications/stream", headers=headers, params=params) as got,
    ):
        assert got.status_code == 200, got.read()
        assert got.headers["content-type"].startswith("text/event-stream")
        yield Stream(got)


def test_a_notification_arrives_while_connected_and_only_the_accounts_own(
    loaded: Catalog, book: AlertBook, server: str, tmp_path: Path
) -> None:
    me, my_key = account(loaded, "me")
    you, _ = account(loaded, "you")
    before = notify(book, me, NOW - dt.timedelta(days=1))
    target = {"product_id": "BL-QUIET", "condition": "price_at_most", "target": 100}
    book.create(you, **target)
    book.create(me, **target)
    with stream(server, my_key) as events:
        load_offers(loaded, tmp_path, offer("BL-QUIET", 99))
        assert evaluate_alerts(loaded.engine, now=NOW).fired == 2
        [frame] = events.events(1)
        events.quiet()
    listed = httpx.get(f"{server}/v1/notifications", headers=my_key).json()
    assert [note["id"] for note in listed][1] == before  # was there before: not streamed
    assert frame["event"] == "notification"
    assert frame["id"] == listed[0]["id"]
    assert json.loads(frame["data"]) == listed[0]
    assert listed[0]["payload"]["price"] == 99.0


def test_last_event_id_resumes_without_repeats(
    loaded: Catalog, book: AlertBook, server: str
) -> None:
    me, key = account(loaded, "me")
    with stream(server, key) as events:
        first = notify(book, me, NOW + dt.timedelta(minutes=1))
        second = notify(book, me, NOW + dt.timedelta(minutes=2))
        assert events.ids(2) == [first, second]
    third = notify(book, me, NOW + dt.timedelta(minutes=3))  # while disconnected
    with stream(server, key | {"Last-Event-ID": second}) as events:
        assert events.ids(1) == [third]
        events.quiet()
        fourth = notify(book, me, NOW + dt.timedelta(minutes=4))
        assert events.ids(1) == [fourth]
    with stream(server, key, after=first) as events:
        assert events.ids(3) == [second, third, fourth]
        events.quiet()
    with stream(server, key | {"Last-Event-ID": third}, after=first) as events:
        assert events.ids(1) == [fourth]  # the header wins: it is where the client got to
    since = (NOW + dt.timedelta(minutes=2, seconds=30)).isoformat() + "Z"
    with stream(server, key, after=since) as events:
        assert events.ids(2) == [third, fourth]
        events.quiet()


def test_notifications_committed_late_or_tied_still_arrive_once(
    loaded: Catalog, book: AlertBook, server: str
) -> None:
    me, key = account(loaded, "me")
    with stream(server, key) as events:
        high = notify(book, me, NOW, "ntf_ffffffffffffffff")
        assert events.ids(1) == [high]
        # The same pass's time and a smaller id, then an earlier pass that committed late.
        tied = notify(book, me, NOW, "ntf_0000000000000000")
        late = notify(book, me, NOW - LATE_COMMIT / 2)
        assert sorted(events.ids(2)) == sorted([tied, late])
        notify(book, me, NOW - LATE_COMMIT * 2)  # too late to tell from an old one
        events.quiet()


def test_refusals(loaded: Catalog, book: AlertBook, server: str) -> None:
    _, key = account(loaded, "me")
    you, your_key = account(loaded, "you")
    yours = notify(book, you, NOW)
    path = f"{server}/v1/notifications/stream"
    assert httpx.get(path).status_code == 401
    assert httpx.get(path, headers={"Authorization": "Bearer nope"}).status_code == 401
    for params, headers in (({"after": yours}, key), ({}, key | {"Last-Event-ID": yours})):
        refused = httpx.get(path, params=params, headers=headers)
        assert refused.status_code == 404
        assert yours in refused.json()["detail"]
    refused = httpx.get(path, params={"after": "yesterday"}, headers=key)
    assert refused.status_code == 422
    assert "neither a notification id" in refused.json()["detail"]
    assert httpx.get(path, params={"since": "x"}, headers=key).status_code == 422
    with stream(server, your_key, after=yours) as events:
        events.quiet(1)


def test_closing_the_stream_ends_it_on_the_server(
    loaded: Catalog, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, key = account(loaded, "me")
    ended = threading.Event()
    real = notification_routes.arrivals

    async def watched(watch: InboxWatch, poll_s: float) -> AsyncGenerator[ServerSentEvent, None]:
        try:
            async for frame in real(watch, poll_s):
                yield frame
        finally:
            ended.set()

    monkeypatch.setattr(notification_routes, "arrivals", watched)
    with stream(server, key) as events:
        events.quiet(1)
        assert not ended.is_set()
    assert ended.wait(5), "the server kept the stream's generator running"


def test_the_poll_interval_is_a_checked_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOPGRAPH_API_NOTIFY_POLL_S", "0.5")
    assert ApiSettings().notify_poll_s == 0.5
    assert ApiSettings(notify_poll_s=3).notify_poll_s == 3
    for bad in ("0", "-1", "soon", "3600"):
        monkeypatch.setenv("SHOPGRAPH_API_NOTIFY_POLL_S", bad)
        with pytest.raises(ValidationError, match="notify_poll_s"):
            ApiSettings()


def test_the_stream_is_documented_with_its_frame(loaded: Catalog) -> None:
    document = create_app(ApiSettings()).openapi()
    answer = document["paths"]["/v1/notifications/stream"]["get"]["responses"]["200"]
    frame = answer["content"]["text/event-stream"]["schema"]["$ref"].rsplit("/", 1)[1]
    data = document["components"]["schemas"][frame]["properties"]["data"]
    assert data["contentSchema"] == {"$ref": "#/components/schemas/Notification"}


# --- the inbox queries the stream stands on -------------------------------------------------


def test_since_pages_in_order_after_an_id_or_a_time(loaded: Catalog, book: AlertBook) -> None:
    me, _ = account(loaded, "me")
    you, _ = account(loaded, "you")
    times = [NOW, NOW, NOW + dt.timedelta(minutes=1)]
    made = [notify(book, me, at, f"ntf_{n:016x}") for n, at in zip((2, 1, 3), times, strict=True)]
    notify(book, you, NOW)
    inbox = book.inbox
    in_order = [made[1], made[0], made[2]]  # (created_at, id)
    assert [n.id for n in inbox.since(me)] == in_order
    assert [n.id for n in inbox.since(me, made[1])] == in_order[1:]
    assert [n.id for n in inbox.since(me, made[1], limit=1)] == in_order[1:2]
    assert [n.id for n in inbox.since(me, NOW)] == [made[2]]
    half_past = (NOW + dt.timedelta(seconds=30)).replace(tzinfo=dt.UTC)
    aware = half_past.astimezone(dt.timezone(dt.timedelta(hours=-2)))
    assert [n.id for n in inbox.since(me, aware)] == [made[2]]
    for other in ("ntf_nope", "ntf_\x00", inbox.list(you)[0].id):
        with pytest.raises(UnknownNotificationError):
            inbox.since(me, other)
    assert [n.id for n in inbox.list(me)] == in_order[::-1]  # unchanged: newest first


def test_a_watch_returns_each_notification_once_across_pages(
    loaded: Catalog, book: AlertBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inbox_module, "PAGE", 2)
    me, _ = account(loaded, "me")
    old = notify(book, me, NOW - dt.timedelta(days=2))
    watch = InboxWatch(book.inbox, me)
    assert watch.poll() == []
    made = [notify(book, me, NOW, f"ntf_{n:016x}") for n in (5, 3, 4, 1, 2)]
    assert [n.id for n in watch.poll()] == sorted(made)
    assert watch.poll() == []
    resumed = InboxWatch(book.inbox, me, sorted(made)[1])
    assert [n.id for n in resumed.poll()] == sorted(made)[2:]
    assert [n.id for n in InboxWatch(book.inbox, me, old).poll()] == sorted(made)
    with pytest.raises(UnknownNotificationError):
        InboxWatch(book.inbox, me, "ntf_nope")
