"""Price, stock and deal alerts of the account, with optional auto-buy."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel, ConfigDict, Field

from api.alert_deps import AlertBookDep
from api.deps import AccountDep
from api.schemas import Problem
from store.alert_views import Alert, AlertError, Condition, UnknownAlertError

router = APIRouter(prefix="/v1/alerts", tags=["alerts"])
UNKNOWN: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "No such alert of this account."}
}


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
    responses={422: {"model": Problem, "description": "Not an alert the store can keep."}},
    summary="Make an alert",
)
async def create_alert(body: AlertRequest, account: AccountDep, book: AlertBookDep) -> Alert:
    """An alert that already holds is made unarmed (``met_now``): it fires on the next drop."""
    auto_buy = (body.auto_buy.quantity, body.auto_buy.spend_cap) if body.auto_buy else None
    try:
        return await asyncio.to_thread(
            lambda: book.create(
                account.id,
                condition=body.condition,
                product_id=body.product_id,
                category=body.category,
                target=body.target_price,
                drop_percent=body.drop_percent,
                auto_buy=auto_buy,
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
