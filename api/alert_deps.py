"""The alert book of the routes: one per app, over the catalog the backend opened."""

from __future__ import annotations

import asyncio
import threading
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import State

from api.deps import BackendDep
from store.alerts import AlertBook
from store.catalog import Catalog

_opening = threading.Lock()


def _book(state: State, catalog: Catalog) -> AlertBook:
    # Made once (creating the tables is a round trip), under a lock: two first requests
    # creating the same tables at once can collide on PostgreSQL.
    with _opening:
        book: AlertBook | None = getattr(state, "alert_book", None)
        if book is None or book.engine is not catalog.engine:
            book = AlertBook(catalog.engine, catalog)
            state.alert_book = book
    return book


async def get_alert_book(request: Request, backend: BackendDep) -> AlertBook:
    """The app's alert book over the backend's catalog, made on first use."""
    catalog = await backend.services.catalog()
    book: AlertBook | None = getattr(request.app.state, "alert_book", None)
    if book is not None and book.engine is catalog.engine:
        return book
    return await asyncio.to_thread(_book, request.app.state, catalog)


AlertBookDep = Annotated[AlertBook, Depends(get_alert_book)]
