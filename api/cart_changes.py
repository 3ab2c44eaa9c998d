"""A change of one account's cart: run once per ``Idempotency-Key``, refusals as HTTP errors."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Request, status
from fastapi.responses import JSONResponse

from api.commerce_deps import Commerce, CommerceDep
from api.deps import AccountDep
from api.idempotency import IdempotencyKeyDep, request_hash, run_once
from memory.accounts import Account
from store.commerce_errors import (
    CartError,
    NoSuchProductError,
    NotInCartError,
    QuantityError,
    VariantError,
)

T = TypeVar("T")


@dataclass(frozen=True)
class CartChange:
    """What a cart-changing request brings: who, which cart store, under which key."""

    request: Request
    account: Account
    commerce: Commerce
    key: str

    async def run(
        self, payload: Any, call: Callable[[], Awaitable[Any]], status_code: int = 200
    ) -> JSONResponse:
        """``call``'s answer, or the earlier answer to this key and ``payload`` (the body)."""
        fingerprint = request_hash(self.request.method, self.request.url.path, payload)
        keys, account_id = self.commerce.keys, self.account.id
        return await run_once(keys, account_id, self.key, fingerprint, call, status_code)


async def cart_change(
    request: Request, account: AccountDep, commerce: CommerceDep, key: IdempotencyKeyDep
) -> CartChange:
    """The request's cart change; 400 without an ``Idempotency-Key``."""
    return CartChange(request, account, commerce, key)


CartChangeDep = Annotated[CartChange, Depends(cart_change)]


async def cart_call(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``function`` run off the event loop; a ``CartError`` becomes its HTTP refusal."""
    try:
        return await asyncio.to_thread(function, *args, **kwargs)
    except CartError as exc:
        raise HTTPException(status_of(exc), detail=str(exc)) from None


def status_of(error: CartError) -> int:
    """404 for what isn't there, 422 for a bad request, 409 for what the store can't do."""
    if isinstance(error, NoSuchProductError | NotInCartError):
        return status.HTTP_404_NOT_FOUND
    if isinstance(error, QuantityError | VariantError):
        return status.HTTP_422_UNPROCESSABLE_CONTENT
    return status.HTTP_409_CONFLICT  # stock, offer, currency, price changed, empty cart
