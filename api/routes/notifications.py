"""The account's inbox: what its alerts said when they fired."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from api.alert_deps import AlertBookDep
from api.deps import AccountDep
from api.schemas import Problem
from store.alert_views import Notification, UnknownNotificationError

router = APIRouter(prefix="/v1/notifications", tags=["notifications"])


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
