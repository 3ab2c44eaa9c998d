"""Opening the store and the assistant for a command; the demo store on first start."""

from __future__ import annotations

import datetime as dt

import typer
from pydantic import ValidationError
from rich.console import Console

from graph.models import UnknownModelError
from graph.models.config import ModelsFileError
from graph.services import Services
from graph.settings import AssistantSettings
from shopgraph.progress import RichProgress
from store.catalog import Catalog
from store.config import StoreSettings
from store.feeds import FeedItem
from store.ingest import ingest_items

DEMO_SEED = 7
DEMO_PRODUCTS = 2400


def open_catalog(err: Console) -> Catalog:
    """The configured catalog; a bad setting exits with a message naming the variable."""
    try:
        settings = StoreSettings()
    except ValidationError as exc:
        for problem in exc.errors():
            field = ".".join(str(p) for p in problem["loc"])
            err.print(f"[red]error:[/] SHOPGRAPH_{field.upper()}: {problem['msg']}")
        raise typer.Exit(2) from exc
    return Catalog.open(settings)


def demo_items(seed: int, products: int) -> list[FeedItem]:
    """The demo store's records, dated today."""
    from store.demo import generate_demo

    today = dt.datetime.now(dt.UTC).date()
    records = generate_demo(seed=seed, as_of=today, n_products=products)
    return [FeedItem("<demo>", n, record) for n, record in enumerate(records, start=1)]


def ensure_demo_store(catalog: Catalog, products: int, err: Console) -> None:
    """Load the demo store into an empty catalog (first start only), then sync indexes."""
    if catalog.count() == 0:
        err.print("the store is empty: building the demo store (first start only)")
        with RichProgress(err) as progress:
            ingest_items(catalog, demo_items(DEMO_SEED, products), progress=progress)
    catalog.sync_indexes()


def assistant_services(catalog: Catalog, err: Console) -> Services:
    """The assistant's services; bad settings or a bad model registry exit with a message."""
    try:
        services = Services.for_catalog(catalog, settings=AssistantSettings())
        services.check()
        return services
    except UnknownModelError as exc:
        err.print(f"[red]error:[/] SHOPGRAPH_DEFAULT_MODEL: {exc}")
    except ValidationError as exc:
        for problem in exc.errors():
            field = ".".join(str(p) for p in problem["loc"])
            err.print(f"[red]error:[/] SHOPGRAPH_{field.upper()}: {problem['msg']}")
    except ModelsFileError as exc:
        err.print(f"[red]error:[/] model registry: {exc}")
    raise typer.Exit(2)
