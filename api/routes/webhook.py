"""``/v1/webhook``: where the account's notifications are also POSTed, signed (docs/alerts.md)."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel, ConfigDict, Field

from api.alert_deps import AlertBookDep
from api.deps import AccountDep
from api.schemas import Problem
from store.alert_views import UtcTime, WebhookError
from store.alerts import AlertBook
from store.webhook_outbox import WebhookTarget, delete_webhook, find_webhook

router = APIRouter(prefix="/v1/webhook", tags=["webhook"])
NONE_SET: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "The account has no webhook."}
}


class WebhookRequest(BaseModel):
    """Where to POST the account's notifications, and (optionally) the key to sign them."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"url": "https://shop.example/hooks/shopgraph"}]},
    )

    url: str = Field(max_length=2048, description="An absolute http:// or https:// URL.")
    secret: str | None = Field(
        default=None,
        max_length=128,
        description="The HMAC-SHA256 key, 16–128 printable characters; without it a fresh "
        "one is made.",
    )


class WebhookSecret(BaseModel):
    """The webhook as set, with its secret: shown this once, never by ``GET``."""

    url: str
    secret: str = Field(description="Check each body's `X-Shopgraph-Signature` with it.")


class Webhook(BaseModel):
    """The account's webhook (its secret is never shown again)."""

    url: str
    updated_at: UtcTime


@router.put(
    "",
    responses={422: {"model": Problem, "description": "Not an http(s) URL, or a bad secret."}},
    summary="Set the account's webhook",
)
async def set_webhook(
    body: WebhookRequest, account: AccountDep, book: AlertBookDep
) -> WebhookSecret:
    """Replace any webhook the account had; notifications from now on are sent to it too."""
    try:
        secret = await asyncio.to_thread(book.set_webhook, account.id, body.url, body.secret)
    except WebhookError as exc:
        raise HTTPException(422, detail=str(exc)) from exc
    return WebhookSecret(url=body.url.strip(), secret=secret)


@router.get("", responses=NONE_SET, summary="The account's webhook")
async def get_webhook(account: AccountDep, book: AlertBookDep) -> Webhook:
    """Its URL and when it was set; 404 without one."""
    found = await asyncio.to_thread(_find, book, account.id)
    if found is None:
        raise HTTPException(404, detail="the account has no webhook")
    return Webhook(url=found.url, updated_at=found.updated_at)


@router.delete(
    "",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=NONE_SET,
    summary="Remove the account's webhook",
)
async def remove_webhook(account: AccountDep, book: AlertBookDep) -> None:
    """Nothing more is sent, retries of earlier notifications included; the inbox keeps all."""
    if not await asyncio.to_thread(_delete, book, account.id):
        raise HTTPException(404, detail="the account has no webhook")


def _find(book: AlertBook, account_id: str) -> WebhookTarget | None:
    with book.engine.connect() as conn:
        return find_webhook(conn, account_id)


def _delete(book: AlertBook, account_id: str) -> bool:
    with book.engine.begin() as conn:
        return delete_webhook(conn, account_id)
