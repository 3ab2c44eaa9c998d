"""Nodes of the catalog-search graph."""

from __future__ import annotations

import asyncio
from functools import cache
from typing import Any

from langchain_core.messages import AIMessage

from graph.state import State
from store.catalog import Catalog
from tools.catalog import search_products


@cache
def shared_catalog() -> Catalog:
    """The process's catalog, opened on first use from the environment's settings."""
    return Catalog.open()


async def retrieve(state: State) -> dict[str, Any]:
    """Search the catalog with the shopper's last message."""
    query = str(state["messages"][-1].content)
    catalog = await asyncio.to_thread(shared_catalog)  # opening it does blocking I/O
    hits = await search_products(catalog, query, limit=5)
    return {"products": [hit.model_dump(mode="json") for hit in hits]}


def respond(state: State) -> dict[str, Any]:
    """List what was found, with live prices from the store (no model involved)."""
    products = state.get("products") or []
    if not products:
        return {"messages": [AIMessage("I couldn't find products matching that.")]}
    lines = [
        f"- {p['title']}: {p['price']:.2f} {p['currency']}"
        if p["price"] is not None
        else f"- {p['title']}"
        for p in products
    ]
    return {"messages": [AIMessage("Here is what I found:\n" + "\n".join(lines))]}
