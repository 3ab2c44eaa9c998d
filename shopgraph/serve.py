"""``shopgraph serve``: the chat API and the web page, on the embedded defaults."""

from __future__ import annotations

from typing import Annotated, Any

import typer
import uvicorn
from pydantic import ValidationError
from rich.console import Console

from api.app import create_app
from api.settings import ApiSettings
from shopgraph.stores import DEMO_PRODUCTS, assistant_services, ensure_demo_store, open_catalog

err = Console(stderr=True, soft_wrap=True)


def serve(
    host: Annotated[str | None, typer.Option(help="Address (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
) -> None:
    """Run the HTTP server: the streaming chat API and the web chat page at /."""
    settings = api_settings(host=host, port=port)
    catalog = open_catalog(err)
    try:
        ensure_demo_store(catalog, DEMO_PRODUCTS, err)
        app = create_app(settings, assistant_services(catalog, err))
        err.print(f"shopgraph: chat at http://{settings.host}:{settings.port}/ (Ctrl-C stops)")
        uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
    finally:
        catalog.close()


def api_settings(**options: Any) -> ApiSettings:
    """The server's settings, command-line options over the environment; exit 2 if bad."""
    try:
        return ApiSettings(**{k: v for k, v in options.items() if v is not None})
    except ValidationError as exc:
        for problem in exc.errors():
            field = ".".join(str(p) for p in problem["loc"]) or "settings"
            name = f"SHOPGRAPH_API_{field.upper()}" if field != "settings" else "settings"
            err.print(f"[red]error:[/] {name}: {problem['msg'].removeprefix('Value error, ')}")
        raise typer.Exit(2) from None
