"""``shopgraph kpis``: conversation measures over a window of thread events.

Reads the store named by ``SHOPGRAPH_HOME`` / ``SHOPGRAPH_DATABASE_URL``; the measures are
defined in ``memory.kpis`` and ``memory.accessories`` (and docs/kpis.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from memory.kpis import Kpis, compute_kpis
from memory.thread_events import ThreadEvents, naive_utc
from shopgraph.stores import open_catalog
from store.catalog import Catalog

EXAMPLE = "e.g. 2026-11-22 or 2026-11-22T12:00"


class WindowError(ValueError):
    """A ``--since`` / ``--until`` the command can't use; the message names the option."""


def parse_moment(option: str, text: str, *, end_of_day: bool = False) -> dt.datetime:
    """An ISO date or time as naive UTC; a date alone is its midnight (or the next one)."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        pass
    else:
        return dt.datetime.combine(day + dt.timedelta(days=int(end_of_day)), dt.time())
    try:
        return naive_utc(dt.datetime.fromisoformat(text))
    except ValueError:
        raise WindowError(f"{option} {text!r} is not an ISO date or time ({EXAMPLE})") from None


def parse_window(
    since: str | None, until: str | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The window ``[since, until)``; ``WindowError`` if a date is malformed or the ends cross.

    A date alone for ``--until`` means through the end of that day, so ``--since 2026-11-01
    --until 2026-11-30`` covers November.
    """
    start = parse_moment("--since", since) if since is not None else None
    end = parse_moment("--until", until, end_of_day=True) if until is not None else None
    if start is not None and end is not None and start >= end:
        raise WindowError(f"--since {since} is not before --until {until}: the window is empty")
    return start, end


def measure(catalog: Catalog, since: dt.datetime | None, until: dt.datetime | None) -> Kpis:
    """The measures of the window, with the categories of the products added to carts."""
    events = ThreadEvents(catalog.engine).between(since, until)
    ids = sorted({e.product_id for e in events if e.product_id is not None})
    rows = catalog.product_rows(ids) if ids else []
    categories = {str(row["id"]): str(row["category"]) for row in rows}
    return compute_kpis(events, categories, since=since, until=until)


def kpis(
    since: Annotated[
        str | None, typer.Option(help=f"Window start, UTC ({EXAMPLE}); default: all events.")
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Window end, UTC, excluded; a date alone counts that whole day."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON object.")] = False,
) -> None:
    """Conversation measures: sessions, add-to-cart share and time, accessory attachment."""
    err = Console(stderr=True, soft_wrap=True)
    try:
        start, end = parse_window(since, until)
    except WindowError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    catalog = open_catalog(err)
    try:
        report = measure(catalog, start, end)
    finally:
        catalog.close()
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
        return
    out = Console(soft_wrap=True)
    out.print(f"window: {_window(report)}", highlight=False)
    out.print(kpis_table(report))


def kpis_table(report: Kpis) -> Table:
    """The measures as a two-column table for the terminal."""
    table = Table("measure", "value", title="Conversation measures")
    share = _percent(report.add_to_cart_share)
    table.add_row("sessions", str(report.sessions))
    table.add_row("sessions adding to cart", f"{report.sessions_adding_to_cart} ({share})")
    table.add_row("time to first add, median", _duration(report.seconds_to_add_median))
    table.add_row("time to first add, p90", _duration(report.seconds_to_add_p90))
    table.add_row("sessions adding a primary", str(report.sessions_with_primary))
    table.add_row("  and an accessory of it", str(report.sessions_attaching_accessory))
    table.add_row("accessory attachment rate", _percent(report.accessory_attachment_rate))
    table.add_row("sessions ordering", str(report.sessions_ordering))
    return table


def _window(report: Kpis) -> str:
    start = report.since.isoformat(sep=" ") if report.since else "the first event"
    end = report.until.isoformat(sep=" ") if report.until else "now"
    return f"{start} to {end} (UTC)"


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share:.1%}"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"
