"""Price, stock and deal alerts of the account, with optional auto-buy."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Request, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from api.alert_deps import AlertBookDep
from api.commerce_deps import CommerceDep
from api.deps import AccountDep
from api.idempotency import idempotency_key, request_hash, run_once
from api.schemas import Problem
from store.alert_views import Alert, AlertError, Condition, UnknownAlertError
from store.alerts import AlertBook

router = APIRouter(prefix="/v1/alerts", tags=["alerts"])
UNKNOWN: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "No such alert of this account."}
}
OptionalKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        description="Optional (unlike the cart's): a new unique value (e.g. a UUID) per "
        "alert, the same one when retrying, so a retry can't make a second alert. "
        "Without it every request makes an alert.",
    ),
]


class AutoBuyRequest(BaseModel):
    """Order by itself when the price is met (only after ``POST /v1/alerts/{id}/confirm``)."""

    model_config = ConfigDict(extra="forbid")

    quantity: int = Field(default=1, ge=1, le=10, description="Units per order, 1–10.")
    spend_cap: float | None = Field(
        default=None, gt=0, allow_inf_nan=False, description="The most one order may cost."
    )


class AlertRequest(BaseModel):
    """A new alert on a product, or (``deal_starts`` only) on a category."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"product_id": "BL-QUIET", "condition": "price_at_most", "target_price": 99},
                {"category": "Espresso Machines", "condition": "deal_starts"},
            ]
        },
    )

    product_id: str | None = Field(default=None, max_length=128)
    category: str | None = Field(default=None, max_length=200, description="Name or path.")
    condition: Condition
    target_price: float | None = Field(
        default=None, gt=0, allow_inf_nan=False, description="price_at_most: at or below this."
    )
    drop_percent: float | None = Field(
        default=None, ge=1, le=90, allow_inf_nan=False, description="drop_by_percent: 1–90."
    )
    auto_buy: AutoBuyRequest | None = None


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=Alert,
    responses={
        400: {"model": Problem, "description": "An unusable `Idempotency-Key`."},
        409: {"model": Problem, "description": "The first request with this key still runs."},
        422: {
            "model": Problem,
            "description": "Not an alert the store can keep; an `Idempotency-Key` reused "
            "with another body.",
        },
    },
    summary="Make an alert",
)
async def create_alert(
    request: Request,
    body: AlertRequest,
    account: AccountDep,
    book: AlertBookDep,
    commerce: CommerceDep,
    key: OptionalKey = None,
) -> Alert | JSONResponse:
    """An alert that already holds is made unarmed (``met_now``): it fires on the next drop.

    With an `Idempotency-Key` (optional, so clients without one work as before) a retry
    with the same key and body gets the first request's answer again, marked
    `Idempotent-Replayed: true`, and makes no alert; the same key with another body is
    refused (422). Only a made alert is kept: a refused request runs again on retry.
    """
    if key is None:
        return await _make(book, account.id, body, None)
    dedupe_key = f"api:{idempotency_key(key)}"
    fingerprint = request_hash(request.method, request.url.path, body.model_dump(mode="json"))
    return await run_once(
        commerce.keys,
        account.id,
        key,
        fingerprint,
        lambda: _make(book, account.id, body, dedupe_key),
        status.HTTP_201_CREATED,
    )


async def _make(book: AlertBook, account_id: str, body: AlertRequest, key: str | None) -> Alert:
    """The alert ``body`` asks for; 422 with the store's reason when it refuses.

    ``key`` also dedupes in the store: a request whose answer was lost (cancelled after the
    alert committed) and that runs again gets the same alert back.
    """
    auto_buy = (body.auto_buy.quantity, body.auto_buy.spend_cap) if body.auto_buy else None
    try:
        return await asyncio.to_thread(
            lambda: book.create(
                account_id,
                condition=body.condition,
                product_id=body.product_id,
                category=body.category,
                target=body.target_price,
                drop_percent=body.drop_percent,
                auto_buy=auto_buy,
                dedupe_key=key,
            )
        )
    except AlertError as exc:
        raise HTTPException(422, detail=str(exc)) from exc


@router.get("", summary="The account's alerts, oldest first")
async def list_alerts(account: AccountDep, book: AlertBookDep) -> list[Alert]:
    """Every alert the account keeps, with whether its condition holds now."""
    return await asyncio.to_thread(book.list, account.id)


@router.delete(
    "/{alert_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=UNKNOWN,
    summary="Delete an alert",
)
async def delete_alert(alert_id: str, account: AccountDep, book: AlertBookDep) -> None:
    """The alert stops firing at once; notifications it sent stay in the inbox."""
    try:
        await asyncio.to_thread(book.delete, account.id, alert_id)
    except UnknownAlertError as exc:
        raise HTTPException(404, detail=str(exc)) from exc


@router.post(
    "/{alert_id}/confirm",
    responses={
        **UNKNOWN,
        422: {"model": Problem, "description": "The alert has no auto-buy."},
    },
    summary="Confirm an alert's auto-buy",
)
async def confirm_alert(alert_id: str, account: AccountDep, book: AlertBookDep) -> Alert:
    """Until confirmed, an auto-buy alert only notifies; from now on it also orders."""
    try:
        return await asyncio.to_thread(book.confirm_auto_buy, account.id, alert_id)
    except UnknownAlertError as exc:
        raise HTTPException(404, detail=str(exc)) from exc
    except AlertError as exc:
        raise HTTPException(422, detail=str(exc)) from exc
