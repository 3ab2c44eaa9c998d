"""Grounding checks on one captured turn: product ids, live prices, markup, typed prices.

A turn is captured (``evals.turn_capture``) as plain data: what the shopper saw (text,
components, interrupts, suggestions), what retrieval returned, and the store's own
figures for every product shown, read at the clock the turn ran at. Each check returns
the violations it found as sentences naming them; an empty list is a clean turn. The
checks are written from the shopper's side and know nothing of the renderer's guards:
they judge what was shown, so a guard that lets something through is caught.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypedDict

from graph.price_guard import MONEY, amounts


class CapturedTurn(TypedDict):
    """One turn as the shopper saw it, with what retrieval and the store said."""

    message: str
    intent: str | None
    """The planner's intent for the turn (from the ``plan`` event)."""
    shopper_amounts: list[float]
    """Every number the shopper wrote so far in the conversation (they may be echoed)."""
    text: str
    """The answer's text: every ``token`` event, joined."""
    components: list[dict[str, Any]]
    interrupts: list[dict[str, Any]]
    suggestions: list[str]
    retrieved_ids: list[str]
    """``Evidence.retrieved_ids()`` of this turn's final state."""
    evidence: dict[str, Any]
    """What retrieval returned this turn (``graph.evidence.Evidence``, as JSON)."""
    offers: dict[str, dict[str, Any] | None]
    """The store's live offer of every product shown (None: the store has none)."""
    histories: dict[str, dict[str, Any]]
    """The store's price history of every chart shown, by ``"<id>/<days>"``."""
    cart: list[float]
    """The figures of the shopper's cart as the store reports them (totals the text may say)."""
    dropped: int
    """Directives the renderer did not render (the ``end`` event's count)."""


@dataclass(frozen=True)
class ShownPrice:
    """One amount of money on a component: where, for which product, which figure."""

    where: str
    product_id: str
    figure: str
    value: float | None


def component_ids(component: dict[str, Any]) -> list[str]:
    """The product ids a component shows."""
    kind = component.get("kind")
    if kind == "product_card":
        return [component["id"]]
    if kind == "comparison":
        return [card["id"] for card in component["products"]]
    if kind == "deal":
        return [component["card"]["id"]]
    return [component["product_id"]] if "product_id" in component else []


def interrupt_ids(value: dict[str, Any]) -> list[str]:
    """The product id an interrupt asks about, if it names one."""
    product = value.get("product_id")
    return [product] if isinstance(product, str) else []


def id_violations(turn: CapturedTurn) -> list[str]:
    """Ids shown on components or interrupts that this turn's retrieval did not return."""
    retrieved = set(turn["retrieved_ids"])
    found = []
    for component in turn["components"]:
        for product in component_ids(component):
            if product not in retrieved:
                found.append(f"{component['kind']} shows {product}, not retrieved this turn")
    for value in turn["interrupts"]:
        for product in interrupt_ids(value):
            if product not in retrieved:
                found.append(f"interrupt asks about {product}, not retrieved this turn")
    return found


def _card_prices(card: dict[str, Any], where: str) -> list[ShownPrice]:
    pid = card["id"]
    return [
        ShownPrice(where, pid, "price", card.get("price")),
        ShownPrice(where, pid, "list_price", card.get("list_price")),
    ]


def shown_prices(component: dict[str, Any]) -> list[ShownPrice]:
    """Every amount of money a component displays (targets excepted: the shopper's own)."""
    kind = component.get("kind")
    if kind == "product_card":
        return _card_prices(component, "card")
    if kind == "comparison":
        return [p for card in component["products"] for p in _card_prices(card, "comparison")]
    if kind == "deal":
        pid = component["card"]["id"]
        return [
            *_card_prices(component["card"], "deal"),
            ShownPrice("deal", pid, "regular_price", component.get("regular_price")),
            ShownPrice("deal", pid, "saving", component.get("saving")),
        ]
    if kind == "action":
        return [ShownPrice("action", component["product_id"], "price", component.get("price"))]
    if kind == "price_history":
        pid = component["product_id"]
        figures = ("current", "lowest", "highest", "average")
        return [ShownPrice("price_history", pid, f, component.get(f)) for f in figures]
    return []


def _cents(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def _store_figure(turn: CapturedTurn, shown: ShownPrice, days: int | None) -> float | None:
    """What the store says the figure is now."""
    if shown.where == "price_history":
        return _cents(turn["histories"].get(f"{shown.product_id}/{days}", {}).get(shown.figure))
    offer = turn["offers"].get(shown.product_id)
    if offer is None:
        return None
    if shown.figure == "saving":
        return round(float(offer["regular_price"]) - float(offer["price"]), 2)
    return _cents(offer.get(shown.figure))


def price_violations(turn: CapturedTurn) -> list[str]:
    """Displayed prices that differ from the store's live ones; alert targets not the shopper's."""
    found = []
    for component in turn["components"]:
        days = component.get("days")
        for shown in shown_prices(component):
            want = _store_figure(turn, shown, days)
            if _cents(shown.value) != want:
                found.append(
                    f"{shown.where} shows {shown.figure} {shown.value} for {shown.product_id}; "
                    f"the store says {want}"
                )
        target = component.get("target_price")
        if target is not None and _cents(target) not in turn["shopper_amounts"]:
            found.append(f"action targets {target}, an amount the shopper did not write")
    for value in turn["interrupts"]:
        found.extend(_interrupt_price_violations(turn, value))
    return found


def _interrupt_price_violations(turn: CapturedTurn, value: dict[str, Any]) -> list[str]:
    found = []
    product = value.get("product_id")
    if isinstance(product, str) and value.get("price") is not None:
        offer = turn["offers"].get(product)
        want = None if offer is None else _cents(offer["price"])
        if _cents(value["price"]) != want:
            found.append(f"interrupt shows price {value['price']} for {product}; store: {want}")
    target = value.get("target")
    if target is not None and _cents(target) not in turn["shopper_amounts"]:
        found.append(f"interrupt targets {target}, an amount the shopper did not write")
    return found


DIRECTIVE_NAMES = "product|compare|reviews|price-history|deal|action|link"
MARKUP: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a tag", re.compile(r"<\s*/?\s*[A-Za-z!][^<>\n]*>")),
    ("a directive's opening", re.compile(rf"<\s*/?\s*(?:{DIRECTIVE_NAMES})\b", re.IGNORECASE)),
    ("a tag's end '/>'", re.compile(r"/\s*>")),
    (
        "directive attribute syntax",
        re.compile(
            r"\b(?:ids?|do|attrs|aspect|days|quantity|price|condition|percent|label)"
            r"\s*=\s*[\"']"
        ),
    ),
)
"""What markup looks like in text: a whole tag, a fragment of one, or its attributes."""


def markup_in(text: str) -> Iterator[str]:
    """Descriptions of the markup found in ``text``, with the piece found."""
    for name, pattern in MARKUP:
        for match in pattern.finditer(text):
            yield f"{name} {match.group()!r}"


def questions_asked(turn: CapturedTurn) -> list[str]:
    """The questions the turn's interrupts put to the shopper (text they read too)."""
    return [str(v["question"]) for v in turn["interrupts"] if v.get("question")]


def markup_violations(turn: CapturedTurn) -> list[str]:
    """Markup in the answer's text, the interrupts' questions or the suggested follow-ups."""
    found = [f"text has {piece}" for piece in markup_in(turn["text"])]
    for question in questions_asked(turn):
        found.extend(f"interrupt question has {piece}" for piece in markup_in(question))
    for question in turn["suggestions"]:
        found.extend(f"suggestion has {piece}" for piece in markup_in(question))
    return found


def _numbers(values: Iterable[Any]) -> set[float]:
    return {round(float(v), 2) for v in values if isinstance(v, int | float)}


def store_amounts(turn: CapturedTurn) -> set[float]:
    """Every amount the store showed this turn: components, interrupts, offers, cart."""
    shown = {p.value for c in turn["components"] for p in shown_prices(c)}
    interrupts = {v.get(k) for v in turn["interrupts"] for k in ("price", "total", "target")}
    offers = {
        figure
        for offer in turn["offers"].values()
        if offer is not None
        for figure in (offer["price"], offer["regular_price"], offer.get("list_price"))
    }
    histories = {
        h.get(k) for h in turn["histories"].values() for k in ("current", "lowest", "highest")
    }
    return _numbers([*shown, *interrupts, *offers, *histories, *turn["cart"]])


def typed_price_violations(turn: CapturedTurn) -> list[str]:
    """Money amounts in the text that the shopper did not write and the store did not show."""
    allowed = set(turn["shopper_amounts"]) | store_amounts(turn)
    found = []
    for where, text in [("text", turn["text"]), *(("interrupt", q) for q in questions_asked(turn))]:
        for match in MONEY.finditer(text):
            if not all(amount in allowed for amount in amounts(match.group())):
                found.append(f"{where} types the price {match.group()!r}")
    return found


CHECKS = {
    "ids_retrieved": id_violations,
    "prices_live": price_violations,
    "no_markup": markup_violations,
    "no_typed_price": typed_price_violations,
}
"""Each grounding check, under the score key it reports as."""
