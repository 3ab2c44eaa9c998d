"""An alert's condition, figures and auto-buy terms, read from the shopper's words."""

from __future__ import annotations

import pytest

from graph.plan import Conversation, Plan, ShownProduct
from graph.planner import Vocabulary, plan_message
from graph.planner.alert_asks import AlertAsk, read_alert_ask
from store.demo.categories import CATEGORIES

DEMO = Vocabulary(
    brands=tuple(sorted({brand for spec in CATEGORIES for brand in spec.brands})),
    categories=tuple(" > ".join(spec.path) for spec in CATEGORIES),
)
ON_A_PAGE = Conversation(
    page_product=ShownProduct(
        id="BL-1", title="Hushmix 600", category="Home & Kitchen > Kitchen Appliances > Blenders"
    )
)


def plan(text: str, conversation: Conversation | None = None) -> Plan:
    return plan_message(text, conversation or Conversation(), DEMO)


@pytest.mark.parametrize(
    ("text", "ask"),
    [
        ("tell me when the Dyson V15 drops below $500", AlertAsk("price_at_most", target=500)),
        ("ping me if it dips under 40", AlertAsk("price_at_most", target=40)),
        ("tell me when it drops to 80", AlertAsk("price_at_most", target=80)),
        ("tell me when it drops below $0", AlertAsk("price_at_most", target=0)),
        ("tell me when it drops 20%", AlertAsk("drop_by_percent", drop_percent=20)),
        ("let me know when it's 15 percent off", AlertAsk("drop_by_percent", drop_percent=15)),
        ("let me know when it's back in stock", AlertAsk("back_in_stock")),
        ("tell me when it's available again", AlertAsk("back_in_stock")),
        ("alert me to a deal on espresso machines", AlertAsk("deal_starts")),
        ("notify me when this goes on sale", AlertAsk("deal_starts")),
        ("keep an eye on the price for me", AlertAsk("drop_by_percent")),  # any drop
        ("let me know when it's $20 off", AlertAsk(None)),  # no such condition in the store
        ("tell me when it drops by $20", AlertAsk(None)),
    ],
)
def test_the_condition_and_its_figure(text: str, ask: AlertAsk) -> None:
    assert read_alert_ask(text) == ask


@pytest.mark.parametrize(
    ("text", "quantity", "cap", "target"),
    [
        ("buy 2 when it drops below $80, spend at most $170", 2, 170, 80),
        ("spend at most $170 and buy 2 when it drops below $80", 2, 170, 80),
        ("buy 2 when it drops below $80, cap of $170", 2, 170, 80),
        ("order three when it hits $50, up to $170 total", 3, 170, 50),
        ("buy 2 when it's under 60 with a spending limit of 150", 2, 150, 60),
        ("auto-buy it at $70", 1, None, 70),
        ("buy it automatically at $70", 1, None, 70),
        ("if it drops below $60 just buy it for me", 1, None, 60),
        ("buy a pair when it drops below $30, $70 total", 2, 70, 30),
        ("buy 1000000 when it drops below $80, spend at most $170", 1_000_000, 170, 80),
        ("buy a million when it drops below $5", 1_000_000, None, 5),
        ("buy 0 when it drops below $80, spend at most $100", 0, 100, 80),
    ],
)
def test_auto_buy_terms(text: str, quantity: int, cap: float | None, target: float) -> None:
    ask = read_alert_ask(text)
    assert (ask.quantity, ask.spend_cap, ask.target) == (quantity, cap, target)
    assert ask.condition == "price_at_most"


@pytest.mark.parametrize(
    "text",
    [
        "tell me when it drops below $80 so I can buy it",
        "let me know when to buy it: under $80 is my price",
        "alert me when it drops below $80, I'll order 2 then",
        "tell me when it's under $80, spend at most $170",  # a cap, but nothing to buy
    ],
)
def test_no_auto_buy_without_an_order_to_buy(text: str) -> None:
    ask = read_alert_ask(text)
    assert (ask.quantity, ask.spend_cap) == (None, None)
    assert ask.target == 80


def test_the_plan_carries_the_alert() -> None:
    slots = plan("buy 2 when it drops below $80, spend at most $170").slots
    assert (slots.alert_condition, slots.target_price) == ("price_at_most", 80)
    assert (slots.auto_buy_quantity, slots.spend_cap) == (2, 170)
    assert (slots.min_price, slots.max_price, slots.quantity) == (None, None, None)
    drop = plan("tell me when it drops 20%", ON_A_PAGE)
    assert (drop.intent, drop.product_ids) == ("price_alert", ["BL-1"])
    assert (drop.slots.alert_condition, drop.slots.drop_percent) == ("drop_by_percent", 20)
    assert drop.slots.target_price is None
    deal = plan("alert me when coffee makers go on sale", ON_A_PAGE).slots
    assert (deal.alert_condition, deal.category) == ("deal_starts", "Coffee & Espresso Machines")


@pytest.mark.parametrize(
    "text", ["a quiet blender under $150", "blender under $150, buy 2", "headphones up to $150"]
)
def test_a_search_keeps_its_ceiling_and_reads_no_alert(text: str) -> None:
    planned = plan(text)
    assert planned.intent == "search"
    assert (planned.slots.max_price, planned.filters.max_price) == (150, 150)
    assert planned.slots.alert_condition is None and planned.slots.target_price is None
    assert planned.slots.auto_buy_quantity is None and planned.slots.spend_cap is None
