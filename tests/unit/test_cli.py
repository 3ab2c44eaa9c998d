"""The shopgraph command: ingest and search as a retailer and a shopper use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopgraph.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def product_count() -> int:
    result = runner.invoke(app, ["info"])
    line = next(line for line in result.stdout.splitlines() if line.startswith("products:"))
    return int(line.split(":")[1])


def test_ingest_then_search_json(store_env: Path) -> None:
    result = runner.invoke(app, ["ingest", str(FIXTURES / "catalog.jsonl")])
    assert result.exit_code == 0, result.output
    assert "loaded 14 records" in result.stdout
    result = runner.invoke(app, ["search", "quiet blender", "--max-price", "150", "--json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert hits[0]["id"] == "BL-QUIET"
    assert {"id", "title", "price", "category", "rating"} <= set(hits[0])
    assert all(hit["price"] <= 150 for hit in hits)


def test_a_feed_with_one_bad_line_exits_nonzero_and_changes_nothing(
    store_env: Path, tmp_path: Path
) -> None:
    runner.invoke(app, ["ingest", str(FIXTURES / "catalog.jsonl")])
    before = product_count()
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"type": "product", "id": "N1", "title": "Kettle", "category": ["Kitchen"]}\n'
        '{"type": "product", "id": "N2", "title": "Toaster", "category": ["Kitchen"],'
        ' "offer": {"price": "free"}}\n'
    )
    result = runner.invoke(app, ["ingest", str(feed)])
    assert result.exit_code == 1
    assert f"{feed}:2: offer.price: Input should be a valid decimal" in result.stderr
    assert "nothing was loaded" in result.stderr
    assert product_count() == before
    result = runner.invoke(app, ["ingest", "--skip-invalid", str(feed)])
    assert result.exit_code == 0
    assert "skipped 1 invalid record(s)" in result.stderr
    assert product_count() == before + 1


def test_usage_errors_name_the_problem(store_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = runner.invoke(app, ["ingest"])
    assert result.exit_code == 2 and "give feed PATHs or --demo" in result.stderr
    result = runner.invoke(app, ["search", "x", "--min-price", "20", "--max-price", "10"])
    assert result.exit_code == 2 and "min_price is above max_price" in result.stderr
    result = runner.invoke(app, ["ingest", "--format", "nope", str(FIXTURES / "catalog.jsonl")])
    assert result.exit_code == 2 and "unknown --format 'nope'" in result.stderr
    monkeypatch.setenv("SHOPGRAPH_DATABASE_URL", "mysql://localhost/x")
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 2
    assert "SHOPGRAPH_DATABASE_URL" in result.stderr and "postgresql://" in result.stderr


def test_missing_file_is_reported(store_env: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 1
    assert "absent.jsonl: cannot read file" in result.stderr


def test_product_shows_offer_history_aspects_and_questions(store_env: Path) -> None:
    runner.invoke(app, ["ingest", str(FIXTURES / "catalog.jsonl")])
    result = runner.invoke(app, ["product", "BL-QUIET"])
    assert result.exit_code == 0, result.output
    assert "Hushmix 600 Quiet Blender (BL-QUIET)" in result.stdout
    assert "price: 129.99 USD" in result.stdout
    assert "90 days: lowest 129.99, highest 149.99" in result.stdout
    assert "noise: +2 -0" in result.stdout
    assert "Q: Is the jar dishwasher safe?" in result.stdout
    report = json.loads(runner.invoke(app, ["product", "BL-QUIET", "--json"]).stdout)
    assert report["product"]["offer"]["price"] == 129.99
    missing = runner.invoke(app, ["product", "NOPE"])
    assert missing.exit_code == 1 and "no product with id 'NOPE'" in missing.stderr
