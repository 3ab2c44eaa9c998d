"""The account's inbox: what its alerts said when they fired, listed or streamed."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncGenerator
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Query
from sse_starlette import EventSourceResponse, ServerSentEvent

from api.alert_deps import AlertBookDep
from api.deps import AccountDep, BackendDep
from api.schemas import Problem
from store.alert_views import Notification, UnknownNotificationError
from store.inbox import InboxWatch, naive_utc

router = APIRouter(prefix="/v1/notifications", tags=["notifications"])

NOTIFICATION_STREAM: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Server-sent events: a `notification` frame for each notification as "
        "it arrives, its `id` the notification's and its `data` the JSON of `Notification` "
        "(as `GET /v1/notifications` lists it), with keep-alive comments in between. It does "
        "not end by itself.",
        "content": {
            "text/event-stream": {"schema": {"$ref": "#/components/schemas/NotificationFrame"}}
        },
    },
    404: {"model": Problem, "description": "The cursor is not a notification of this account."},
    422: {"model": Problem, "description": "The cursor is neither a notification id nor a time."},
}


@router.get("", summary="The account's notifications, newest first")
async def list_notifications(
    account: AccountDep,
    book: AlertBookDep,
    unread: Annotated[bool, Query(description="Only those not marked read.")] = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[Notification]:
    """Fired alerts, and the orders auto-buy placed (or could not place, and why)."""
    return await asyncio.to_thread(
        lambda: book.inbox.list(account.id, unread_only=unread, limit=limit)
    )


@router.get(
    "/stream",
    response_class=EventSourceResponse,
    responses=NOTIFICATION_STREAM,
    summary="New notifications as they arrive, as server-sent events",
)
async def stream_notifications(
    account: AccountDep,
    book: AlertBookDep,
    backend: BackendDep,
    after: Annotated[
        str | None,
        Query(
            max_length=64,
            description="Start after this notification id (`ntf_…`), or after this RFC 3339 "
            "time. Without it, only notifications that arrive from now on.",
        ),
    ] = None,
    last_event_id: Annotated[
        str | None,
        Header(
            max_length=64,
            description="The last frame's `id`, which a reconnecting `EventSource` sends: "
            "the stream resumes after it (it wins over `after`).",
        ),
    ] = None,
) -> EventSourceResponse:
    """Open for as long as the client stays.

    A browser's `EventSource` signs in with the page's session cookie, and when the
    connection drops it reconnects with `Last-Event-ID`: the stream resumes after the last
    notification it saw.
    """
    named, text = ("Last-Event-ID", last_event_id) if last_event_id else ("after", after)
    cursor = parse_cursor(named, text)
    try:
        watch = await asyncio.to_thread(InboxWatch, book.inbox, account.id, cursor)
    except UnknownNotificationError as exc:
        raise HTTPException(404, detail=f"{named}: {exc}") from exc
    settings = backend.settings
    return EventSourceResponse(arrivals(watch, settings.notify_poll_s), ping=settings.ping_s)


def parse_cursor(name: str, text: str | None) -> str | dt.datetime | None:
    """Where a stream starts, as ``InboxWatch`` takes it: an id, a naive UTC time, or None."""
    if not text:
        return None
    if text.startswith("ntf_"):
        return text
    try:
        return naive_utc(dt.datetime.fromisoformat(text))
    except (ValueError, OverflowError):
        raise HTTPException(
            422,
            detail=f"{name}: {text!r} is neither a notification id (ntf_…) nor an RFC 3339 time",
        ) from None


async def arrivals(watch: InboxWatch, poll_s: float) -> AsyncGenerator[ServerSentEvent, None]:
    """A frame for each notification ``watch`` finds, looking every ``poll_s`` seconds.

    sse-starlette cancels this when the client leaves: the wait (or the inbox read running
    in its thread, which then finishes alone) is where it stops.
    """
    while True:
        for note in await asyncio.to_thread(watch.poll):
            yield ServerSentEvent(data=note.model_dump_json(), event="notification", id=note.id)
        await asyncio.sleep(poll_s)


@router.post(
    "/{notification_id}/read",
    responses={404: {"model": Problem, "description": "No such notification of this account."}},
    summary="Mark a notification read",
)
async def mark_read(notification_id: str, account: AccountDep, book: AlertBookDep) -> Notification:
    """Marking it again keeps the first time it was read."""
    try:
        return await asyncio.to_thread(book.inbox.mark_read, account.id, notification_id)
    except UnknownNotificationError as exc:
        raise HTTPException(404, detail=str(exc)) from exc
