"""The cart and orders: view and change the cart, check it out, list the orders.

Every change needs an ``Idempotency-Key`` (``api.idempotency``); checkout also needs the
shopper's explicit confirmation of the total they saw.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, status
from fastapi.responses import JSONResponse

from api.cart_changes import CartChangeDep, cart_call
from api.cart_schemas import AddItemRequest, CheckoutRequest, OrderReceipt, SetQuantityRequest
from api.commerce_deps import CommerceDep
from api.deps import AccountDep
from api.schemas import Problem
from store.cart_views import CartView
from store.orders import orders
from store.variants import variant_labels

router = APIRouter(tags=["cart"])

ProductId = Annotated[str, Path(min_length=1, max_length=128)]
VariantQuery = Annotated[
    str | None,
    Query(max_length=1000, description="e.g. `color=blue;size=M`; every variant when left out."),
]
REFUSED: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "No usable `Idempotency-Key` header."},
    404: {"model": Problem, "description": "No such product, or not in the cart."},
    409: {"model": Problem, "description": "Stock, offer, currency or price; an empty cart."},
    422: {"model": Problem, "description": "A bad quantity or variant; a key reused."},
}
ITEM = "/v1/cart/items/{product_id}"


@router.get("/v1/cart", summary="The cart")
async def view_cart(account: AccountDep, commerce: CommerceDep) -> CartView:
    """The cart with every figure read from the store now."""
    return await cart_call(commerce.cart.view, account.id)


@router.post("/v1/cart/items", response_model=CartView, responses=REFUSED, summary="Add")
async def add_item(body: AddItemRequest, change: CartChangeDep) -> JSONResponse:
    """Add units of a product (and variant); answers with the cart."""
    args = (change.account.id, body.product_id, body.quantity, body.variant)
    add = change.commerce.cart.add
    return await change.run(body.model_dump(mode="json"), lambda: cart_call(add, *args))


@router.patch(ITEM, response_model=CartView, responses=REFUSED, summary="Change a quantity")
async def set_quantity(
    product_id: ProductId, body: SetQuantityRequest, change: CartChangeDep
) -> JSONResponse:
    """Set a line's quantity (0 removes it); answers with the cart."""
    args = (change.account.id, product_id, body.quantity, body.variant)
    set_to = change.commerce.cart.set_quantity
    return await change.run(body.model_dump(mode="json"), lambda: cart_call(set_to, *args))


@router.delete(ITEM, response_model=CartView, responses=REFUSED, summary="Remove")
async def remove_item(
    product_id: ProductId, change: CartChangeDep, variant: VariantQuery = None
) -> JSONResponse:
    """Remove the product's line of that variant (without one: every line of the product)."""
    labels = None if variant is None else variant_labels(variant)
    args = (change.account.id, product_id, labels)
    remove = change.commerce.cart.remove
    return await change.run({"variant": labels}, lambda: cart_call(remove, *args))


@router.post(
    "/v1/cart/checkout",
    status_code=status.HTTP_201_CREATED,
    response_model=OrderReceipt,
    responses=REFUSED,
    summary="Check out",
)
async def checkout(body: CheckoutRequest, change: CartChangeDep) -> JSONResponse:
    """Order the whole cart at the confirmed total and empty it; answers with the order.

    The order's dedupe key is made from the `Idempotency-Key`: a retry can't order twice.
    """
    account_id = change.account.id

    async def place() -> OrderReceipt:
        order = await cart_call(
            change.commerce.cart.checkout,
            account_id,
            expected_total_cents=body.expected_total_cents,
            dedupe_key=f"checkout:{account_id}:{change.key}",
        )
        return OrderReceipt.of(order)

    return await change.run(body.model_dump(mode="json"), place, status.HTTP_201_CREATED)


@router.get("/v1/orders", summary="Orders")
async def list_orders(account: AccountDep, commerce: CommerceDep) -> list[OrderReceipt]:
    """The account's orders, newest first (checkouts and price alerts' auto-buys)."""
    placed = await asyncio.to_thread(orders, commerce.cart.engine, account.id)
    return [OrderReceipt.of(order) for order in placed]
