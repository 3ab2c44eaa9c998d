"""The ``shopgraph`` command line."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from shopgraph.accounts_cli import accounts_app
from shopgraph.chat import chat
from shopgraph.eval_cli import eval_command
from shopgraph.kpis_cli import kpis
from shopgraph.progress import RichProgress
from shopgraph.serve import serve
from shopgraph.stores import demo_items, ensure_demo_store, open_catalog
from shopgraph.worker import worker
from store.catalog import Catalog
from store.feeds import FeedError, FeedItem
from store.ingest import IngestError, IngestReport, ingest_items, ingest_paths
from store.search import SearchFilters, search_catalog
from tools.catalog import UnknownProductError, get_product
from tools.offers import get_price_history
from tools.reviews import review_aspects

app = typer.Typer(help="shopgraph: a conversational shopping assistant.", no_args_is_help=True)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
app.command()(chat)
app.command()(serve)
app.command()(worker)
app.command()(kpis)
app.command(name="eval")(eval_command)
app.add_typer(accounts_app, name="accounts")


@app.callback()
def main(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log warnings (model fallbacks...) to stderr.")
    ] = False,
) -> None:
    """shopgraph: a conversational shopping assistant."""
    level = logging.WARNING if verbose else logging.ERROR
    handler = logging.StreamHandler()
    handler.setLevel(level)  # some libraries (bm25s) set their own loggers to DEBUG
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])


@app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="Feed files (.jsonl or .csv).")] = None,
    demo: Annotated[bool, typer.Option("--demo", help="Generate and load the demo store.")] = False,
    seed: Annotated[int, typer.Option(help="Seed of the demo store.")] = 7,
    products: Annotated[int, typer.Option(help="Number of demo products.", min=1)] = 2400,
    source_format: Annotated[
        str | None,
        typer.Option("--format", help="Map an external dataset: toys_uk or epqa."),
    ] = None,
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Load the valid records, skip bad ones.")
    ] = False,
) -> None:
    """Validate feeds and load them into the store, all or nothing."""
    if demo == bool(paths):
        err.print("[red]error:[/] give feed PATHs or --demo (not both, not neither)")
        raise typer.Exit(2)
    catalog = open_catalog(err)
    try:
        with RichProgress(err) as progress:
            if demo:
                items = demo_items(seed, products)
                report = ingest_items(catalog, items, progress=progress)
            elif source_format:
                report = _ingest_external(catalog, source_format, paths or [], progress)
            else:
                report = ingest_paths(
                    catalog, paths or [], skip_invalid=skip_invalid, progress=progress
                )
    except IngestError as exc:
        for error in exc.errors:
            typer.echo(str(error), err=True)
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from exc
    finally:
        catalog.close()
    _print_report(report)


def _ingest_external(
    catalog: Catalog, source_format: str, paths: list[Path], progress: RichProgress
) -> IngestReport:
    from store.external import EXTERNAL_FORMATS, ExternalFormatError

    reader = EXTERNAL_FORMATS.get(source_format)
    if reader is None:
        err.print(
            f"[red]error:[/] unknown --format {source_format!r}; use one of: "
            + ", ".join(sorted(EXTERNAL_FORMATS))
        )
        raise typer.Exit(2)
    items: list[FeedItem] = []
    try:
        for path in paths:
            items.extend(FeedItem(str(path), line, record) for line, record in reader(path))
    except ExternalFormatError as exc:
        raise IngestError([FeedError(str(exc.path), exc.line, exc.reason)]) from exc
    return ingest_items(catalog, items, progress=progress)


def _print_report(report: IngestReport) -> None:
    written = report.written
    tables = sorted(set(written.inserted) | set(written.updated) | set(written.unchanged))
    summary = ", ".join(
        f"{name}: +{written.inserted[name]} ~{written.updated[name]} ={written.unchanged[name]}"
        for name in tables
    )
    out.print(f"loaded {report.records} records ({summary or 'nothing new'})")
    out.print(f"vector index: {report.vectors_updated} product(s) embedded")
    if written.stale_offers:
        out.print(f"{written.stale_offers} offer(s) older than the stored ones were left out")
    if report.skipped:
        for error in report.errors:
            typer.echo(str(error), err=True)
        err.print(f"[yellow]skipped {report.skipped} invalid record(s)[/]")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What the shopper typed.")],
    max_price: Annotated[float | None, typer.Option(min=0, help="Highest live price.")] = None,
    min_price: Annotated[float | None, typer.Option(min=0, help="Lowest live price.")] = None,
    category: Annotated[str | None, typer.Option(help="Category name or path.")] = None,
    brand: Annotated[str | None, typer.Option(help="Brand name (any case).")] = None,
    min_rating: Annotated[float | None, typer.Option(min=0, max=5, help="Lowest stars.")] = None,
    in_stock: Annotated[bool, typer.Option("--in-stock", help="Only products in stock.")] = False,
    limit: Annotated[int, typer.Option(min=1, max=100, help="How many results.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
) -> None:
    """Search the catalog (lexical + dense ranking, with filters)."""
    try:
        filters = SearchFilters(
            min_price=min_price,
            max_price=max_price,
            category=category,
            brand=brand,
            min_rating=min_rating,
            in_stock=in_stock,
        )
    except ValidationError as exc:
        err.print(f"[red]error:[/] {exc.errors()[0]['msg']}")
        raise typer.Exit(2) from exc
    catalog = open_catalog(err)
    try:
        hits = search_catalog(catalog, query, filters, limit=limit)
    finally:
        catalog.close()
    if as_json:
        print(json.dumps([hit.model_dump(mode="json") for hit in hits], indent=2))
        return
    _print_hits(hits)


def _print_hits(hits: list[Any]) -> None:
    if not hits:
        out.print("no products match")
        return
    table = Table("id", "title", "price", "rating", "category")
    for hit in hits:
        price = f"{hit.price:.2f} {hit.currency}" if hit.price is not None else "-"
        rating = f"{hit.rating:.1f} ({hit.rating_count})" if hit.rating is not None else "-"
        table.add_row(hit.id, hit.title, price, rating, hit.category)
    out.print(table)


@app.command()
def product(
    product_id: Annotated[str, typer.Argument(help="The product's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show one product: details, live offer, price history, review aspects, top Q&A."""
    catalog = open_catalog(err)
    try:
        report = asyncio.run(_product_report(catalog, product_id))
    except UnknownProductError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from exc
    finally:
        catalog.close()
    if as_json:
        print(json.dumps(report, indent=2, default=str))
        return
    _print_product(report)


async def _product_report(catalog: Catalog, product_id: str) -> dict[str, Any]:
    details = await get_product(catalog, product_id)
    history = await get_price_history(catalog, product_id, days=90)
    aspects = await review_aspects(catalog, product_id, max_quotes=1)
    questions = catalog.questions(product_id)[:3]
    return {
        "product": details.model_dump(mode="json"),
        "price_history": history.model_dump(mode="json", exclude={"points"}),
        "review_aspects": [a.model_dump(mode="json") for a in aspects],
        "questions": [q.model_dump(mode="json") for q in questions],
    }


def _print_product(report: dict[str, Any]) -> None:
    item, history = report["product"], report["price_history"]
    offer = item["offer"]
    out.print(f"[bold]{item['title']}[/] ({item['id']})", highlight=False)
    out.print(f"{item['brand'] or '-'} | {item['category']}", highlight=False)
    if offer:
        deal = f", {offer['deal_label']}" if offer["deal_label"] else ""
        stock = "in stock" if offer["in_stock"] else "out of stock"
        out.print(f"price: {offer['price']:.2f} {offer['currency']}{deal}, {stock}")
    if history["lowest"] is not None:
        out.print(f"90 days: lowest {history['lowest']:.2f}, highest {history['highest']:.2f}")
    rating = item["rating"]
    out.print(f"rating: {rating:.1f} ({item['rating_count']})" if rating else "rating: -")
    for feature in item["features"]:
        out.print(f"  - {feature}", highlight=False)
    for aspect in report["review_aspects"][:5]:
        quote = aspect["quotes"][0]["sentence"] if aspect["quotes"] else ""
        out.print(
            f'  {aspect["aspect"]}: +{aspect["positive"]} -{aspect["negative"]}  "{quote}"',
            highlight=False,
        )
    for question in report["questions"]:
        answer = question["answers"][0]["text"] if question["answers"] else "(no answer yet)"
        out.print(f"  Q: {question['question']}  A: {answer}", highlight=False)


@app.command()
def info() -> None:
    """Show where the store is and what it holds."""
    catalog = open_catalog(err)
    try:
        out.print(f"home: {catalog.settings.home}")
        out.print(f"database: {catalog.engine.url.render_as_string(hide_password=True)}")
        for table in ("products", "offers", "price_history", "reviews", "questions"):
            out.print(f"{table}: {catalog.count(table)}")
    finally:
        catalog.close()


@app.command()
def shell(
    demo_products: Annotated[int, typer.Option(help="Demo size if the store is empty.")] = 2400,
) -> None:
    """Search the catalog interactively; builds the demo store on first start."""
    catalog = open_catalog(err)
    try:
        ensure_demo_store(catalog, demo_products, err)
        out.print(
            f"{catalog.count()} products. Type a search (e.g. 'quiet blender'), empty to quit."
        )
        while query := typer.prompt("shopgraph", default="", show_default=False).strip():
            _print_hits(search_catalog(catalog, query, limit=8))
    finally:
        catalog.close()
