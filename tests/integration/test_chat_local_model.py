"""`shopgraph chat` with the real embedded model (SmolLM2 on llama.cpp): two turns, one thread."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from shopgraph.cli import app
from store.catalog import Catalog

runner = CliRunner()
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def chat(*args: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["chat", "--json", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line]


def test_compare_then_act_on_the_cheaper_one(loaded: Catalog) -> None:
    first = chat("compare the two best rated blenders under 400 dollars")
    types = [e["type"] for e in first]
    assert types[:2] == ["metadata", "plan"] and types[-2:] == ["suggestions", "end"]
    assert first[1]["plan"]["intent"] == "compare"
    assert "token" in types and first[-1]["model"] == "local"
    comparison = next(e["component"] for e in first if e["type"] == "component")
    prices = {card["id"]: card["price"] for card in comparison["products"]}
    assert len(prices) == 2 and all(loaded.has_product(pid) for pid in prices)
    assert all(price <= 400 for price in prices.values())

    second = chat("add the cheaper one to my cart", "--thread", first[0]["thread_id"])
    action = next(e["component"] for e in second if e["type"] == "component")
    assert action["do"] == "add_to_cart"
    assert action["product_id"] == min(prices, key=prices.__getitem__)


def test_the_model_greets_and_steers_to_shopping(loaded: Catalog) -> None:
    events = chat("hi there!")
    text = "".join(e["text"] for e in events if e["type"] == "token")
    assert len(text.split()) >= 3 and events[-1]["type"] == "end"
