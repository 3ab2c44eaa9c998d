"""Real external data (../shared/data) through the ingest command and the search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopgraph.cli import app
from tests.conftest import SHARED_DATA

runner = CliRunner()
pytestmark = [
    pytest.mark.shared_data,
    pytest.mark.skipif(not SHARED_DATA.exists(), reason=f"no shared data at {SHARED_DATA}"),
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]


def test_toys_uk_catalog(store_env: Path) -> None:
    result = runner.invoke(app, ["ingest", "--format", "toys_uk", str(SHARED_DATA / "toys_uk")])
    assert result.exit_code == 0, result.output
    assert "products: +861" in result.stdout.replace("\n", " ")
    result = runner.invoke(app, ["search", "model train", "--max-price", "20", "--json"])
    hits = json.loads(result.stdout)
    assert hits and all(hit["currency"] == "GBP" and hit["price"] <= 20 for hit in hits)
    assert any("train" in hit["title"].lower() for hit in hits[:3])
    again = runner.invoke(app, ["ingest", "--format", "toys_uk", str(SHARED_DATA / "toys_uk")])
    assert "nothing new" in again.stdout or "+0 ~0" in again.stdout


def test_epqa_products_with_reviews_and_questions(store_env: Path) -> None:
    result = runner.invoke(app, ["ingest", "--format", "epqa", str(SHARED_DATA / "epqa")])
    assert result.exit_code == 0, result.output
    flat = result.stdout.replace("\n", " ")
    assert "products: +454" in flat and "questions: +885" in flat
    hits = json.loads(runner.invoke(app, ["search", "cash register toy", "--json"]).stdout)
    assert hits[0]["id"] == "B00000DMD2"
