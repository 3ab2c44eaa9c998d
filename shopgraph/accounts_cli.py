"""``shopgraph accounts``: create accounts (and their API keys) and list them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from memory.accounts import Account, AccountError, AccountStore
from shopgraph.stores import open_catalog

accounts_app = typer.Typer(
    help="Accounts of the HTTP API: each has an API key and its own threads.",
    no_args_is_help=True,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


@contextmanager
def open_accounts() -> Iterator[AccountStore]:
    """The account store in the configured database, closed on exit."""
    catalog = open_catalog(err)
    try:
        yield AccountStore(catalog.engine)
    finally:
        catalog.close()


@accounts_app.command()
def create(
    name: Annotated[str, typer.Argument(help="1-64 letters, digits, '-', '_' or '.'.")],
) -> None:
    """Create an account and print its API key (shown this once only)."""
    with open_accounts() as store:
        try:
            account, key = store.create(name)
        except AccountError as exc:
            err.print(f"[red]error:[/] {exc}", highlight=False)
            raise typer.Exit(2) from exc
    err.print(
        f"created account {account.name} ({account.id}). Its API key is below; it is shown"
        " once and cannot be recovered, so keep it now.",
        highlight=False,
    )
    # A plain line on stdout, so `KEY=$(shopgraph accounts create NAME)` captures the key.
    typer.echo(key)


@accounts_app.command("list")
def list_accounts(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
) -> None:
    """List the accounts: id, name, when created, and whether it is the demo account."""
    with open_accounts() as store:
        found = store.list_accounts()
    if as_json:
        typer.echo(json.dumps([account.model_dump(mode="json") for account in found], indent=2))
        return
    _print_accounts(found)


def _print_accounts(found: list[Account]) -> None:
    if not found:
        out.print("no accounts yet: `shopgraph accounts create NAME` makes one")
        return
    table = Table("id", "name", "created (UTC)", "demo")
    for account in found:
        created = account.created_at.isoformat(sep=" ", timespec="seconds")
        table.add_row(account.id, account.name, created, "yes" if account.demo else "no")
    out.print(table)
