"""The cart and idempotency keys of the routes: one pair per app, over the backend's catalog."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import State

from api.deps import BackendDep
from store.cart import Cart
from store.catalog import Catalog
from store.idempotency import IdempotencyKeys


@dataclass(frozen=True)
class Commerce:
    """The carts and the idempotency keys, over the catalog's database."""

    cart: Cart
    keys: IdempotencyKeys


_opening = threading.Lock()


def _commerce(state: State, catalog: Catalog) -> Commerce:
    # Opened once (creating the tables is a round trip), under a lock: two first requests
    # creating the same tables at once can collide on PostgreSQL.
    with _opening:
        commerce: Commerce | None = getattr(state, "commerce", None)
        if commerce is None or commerce.cart.catalog is not catalog:
            commerce = Commerce(Cart(catalog), IdempotencyKeys(catalog.engine))
            state.commerce = commerce
    return commerce


async def get_commerce(request: Request, backend: BackendDep) -> Commerce:
    """The app's carts and idempotency keys, made on first use."""
    catalog = await backend.services.catalog()
    commerce: Commerce | None = getattr(request.app.state, "commerce", None)
    if commerce is not None and commerce.cart.catalog is catalog:
        return commerce
    return await asyncio.to_thread(_commerce, request.app.state, catalog)


CommerceDep = Annotated[Commerce, Depends(get_commerce)]
