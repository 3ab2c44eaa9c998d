"""The HTTP server: the streaming chat API, the store API and the web chat page.

``create_app`` builds the FastAPI app; its lifespan opens the catalog, the thread
checkpointer and the accounts once, and compiles the graph with that checkpointer.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from api.backend import Backend
from api.deps import strict_query
from api.errors import add_error_handlers
from api.openapi import add_event_schemas
from api.routes import (
    alerts,
    cart,
    chat,
    feedback,
    memory,
    notifications,
    products,
    threads,
    web,
    webhook,
)
from api.schemas import Problem
from api.settings import ApiSettings
from graph.graph import compile_graph
from graph.services import Services
from memory.account_memory import AccountMemory
from memory.accounts import AccountStore
from memory.checkpoints import open_checkpointer, open_memory_store

REFUSALS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "A body that can't be read (not UTF-8 JSON)."},
    401: {"model": Problem, "description": "No valid API key or demo session."},
}
"""Answers any API route may give."""


def create_app(settings: ApiSettings | None = None, services: Services | None = None) -> FastAPI:
    """The app; ``services`` default to the environment's (``SHOPGRAPH_*``)."""
    settings = settings or ApiSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        nonlocal services
        services = services or Services.from_environment()
        catalog = await services.catalog()
        async with (
            open_checkpointer(catalog.settings) as checkpointer,
            open_memory_store(catalog.settings) as store,
        ):
            accounts = await asyncio.to_thread(AccountStore, catalog.engine)
            graph = compile_graph(services, checkpointer, store)
            remembered = AccountMemory(store)
            app.state.backend = Backend(graph, services, accounts, settings, remembered)
            await services.warm_up()
            yield

    app = FastAPI(
        title="shopgraph",
        summary="A conversational shopping assistant: chat over server-sent events.",
        version="0.1.0",
        lifespan=lifespan,
        # FastAPI's /docs and /redoc pages load their scripts from a CDN: offline they are
        # blank. The document itself is at /openapi.json.
        docs_url=None,
        redoc_url=None,
    )
    routers = (chat, threads, products, feedback, cart, alerts, notifications, webhook, memory)
    for module in routers:
        app.include_router(module.router, responses=REFUSALS, dependencies=[Depends(strict_query)])
    app.include_router(web.router)
    app.mount("/static", StaticFiles(directory=_static_dir()), name="static")
    add_error_handlers(app)
    add_event_schemas(app)
    return app


def _static_dir() -> Path:
    return Path(str(resources.files("api").joinpath("static")))
