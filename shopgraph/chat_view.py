"""How the terminal shows a turn's events: streamed text, components as rich blocks."""

from __future__ import annotations

from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from graph.events import (
    ComponentEvent,
    EndEvent,
    ErrorEvent,
    Event,
    InterruptEvent,
    MetadataEvent,
    SuggestionsEvent,
    TokenEvent,
)


def money(amount: float | None, currency: str | None) -> str:
    """A live price as the store reports it."""
    if amount is None:
        return "no price"
    return f"{amount:,.2f} {currency or ''}".strip()


def _stars(rating: float | None, count: int) -> str:
    return f"★ {rating:.1f} ({count})" if rating is not None else "no ratings yet"


def card_line(card: dict[str, Any]) -> str:
    """One product card as a line of text."""
    stock = "in stock" if card.get("in_stock") else "out of stock"
    deal = f" · [magenta]{card['deal_label']}[/]" if card.get("deal_label") else ""
    return (
        f"[bold]{card['title']}[/] · {money(card.get('price'), card.get('currency'))}"
        f" · {_stars(card.get('rating'), card.get('rating_count', 0))} · {stock}{deal}"
        f"\n  [dim]{card['id']} · {card.get('url', '')}[/]"
    )


class ChatView:
    """Prints events as they arrive, as text or (``as_json``) as JSON lines."""

    def __init__(self, console: Console, *, as_json: bool) -> None:
        self.console = console
        self.as_json = as_json

    def welcome(self) -> None:
        """The interactive session's greeting."""
        if not self.as_json:
            self.console.print("[dim]Ask about products; an empty line quits.[/]")

    def ask(self) -> str | None:
        """The shopper's next message, or None to stop."""
        try:
            text = typer.prompt("\nyou", default="", show_default=False, prompt_suffix="> ")
        except (EOFError, typer.Abort):
            return None
        return text if text.strip() else None

    def show(self, event: Event) -> None:
        """Print one event."""
        if self.as_json:
            self.console.out(event.model_dump_json(), highlight=False)
            return
        if isinstance(event, TokenEvent):
            self.console.out(event.text, end="", highlight=False)
        elif isinstance(event, ComponentEvent):
            self.console.print()
            self._component(event.component.model_dump(mode="json"))
        elif isinstance(event, SuggestionsEvent) and event.questions:
            self.console.print("\n[dim]You could ask:[/] " + " · ".join(event.questions))
        elif isinstance(event, MetadataEvent) and event.fallbacks:
            failed = ", ".join(f"{a.model} ({a.failure})" for a in event.fallbacks)
            self.console.print(f"[dim]{failed} could not answer; {event.model} answers.[/]")
        elif isinstance(event, ErrorEvent):
            self.console.print(f"\n[red]error ({event.code}):[/] {event.message}")
        elif isinstance(event, InterruptEvent):
            self.console.print(f"\n[yellow]waiting for you:[/] {event.value}")
        elif isinstance(event, EndEvent):
            self.console.print()

    def _component(self, component: dict[str, Any]) -> None:
        kind = component["kind"]
        if kind == "product_card":
            self.console.print("• " + card_line(component))
        elif kind == "deal":
            self.console.print("• " + card_line(component["card"]))
        elif kind == "comparison":
            self.console.print(comparison_table(component))
        elif kind == "review_summary":
            self._reviews(component)
        elif kind == "price_history":
            self.console.print(
                f"[bold]{component['title']}[/]: price over {component['days']} days · now "
                f"{money(component['current'], component['currency'])} · lowest "
                f"{money(component['lowest'], component['currency'])} · highest "
                f"{money(component['highest'], component['currency'])}"
            )
        elif kind == "action":
            self.console.print(action_line(component))
        elif kind == "link":
            self.console.print(f"→ {component['label']}: {component['url']}")

    def _reviews(self, component: dict[str, Any]) -> None:
        self.console.print(f"[bold]What customers say about {component['title']}[/]")
        for aspect in component["aspects"]:
            self.console.print(
                f"  {aspect['aspect']}: {aspect['positive']} positive, "
                f"{aspect['negative']} negative of {aspect['mentions']} mentions"
            )
            for quote in aspect["quotes"][:2]:
                self.console.print(f'    [dim]"{quote}"[/]')


def comparison_table(component: dict[str, Any]) -> Table:
    """A comparison as a table: one column per product."""
    products = component["products"]
    table = Table(show_header=True, header_style="bold")
    table.add_column("")
    for card in products:
        table.add_column(card["title"], overflow="fold")
    table.add_row("price", *(money(c.get("price"), c.get("currency")) for c in products))
    table.add_row("rating", *(_stars(c.get("rating"), c.get("rating_count", 0)) for c in products))
    for row in component["attributes"]:
        name = row["name"].replace("_", " ") + (f" ({row['unit']})" if row.get("unit") else "")
        table.add_row(name, *(str(v) if v is not None else "—" for v in row["values"]))
    return table


def action_line(component: dict[str, Any]) -> str:
    """An action proposal: nothing happens until the shopper confirms it."""
    if component["do"] == "add_to_cart":
        what = f"add {component.get('quantity') or 1} × {component['title']} to your cart"
    else:
        target = component.get("target_price")
        below = f" below {money(target, component.get('currency'))}" if target else ""
        what = f"alert you when {component['title']} drops{below}"
    return f"[yellow]Proposed:[/] {what} (needs your confirmation)"
