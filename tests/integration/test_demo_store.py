"""The demo store end to end: built by the CLI, searched as a shopper would."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopgraph.cli import app
from store.catalog import Catalog
from store.config import StoreSettings
from tools.reviews import review_aspects

runner = CliRunner()
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("demo") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SHOPGRAPH_HOME", str(home))
        patch.delenv("SHOPGRAPH_DATABASE_URL", raising=False)
        result = runner.invoke(app, ["ingest", "--demo"])
        assert result.exit_code == 0, result.output
        yield home


@pytest.fixture(scope="module")
def demo(demo_home: Path) -> Iterator[Catalog]:
    catalog = Catalog(StoreSettings(home=demo_home))
    yield catalog
    catalog.close()


def search_json(*args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["search", *args, "--json"])
    assert result.exit_code == 0, result.output
    hits: list[dict[str, object]] = json.loads(result.stdout)
    return hits


def test_demo_store_size(demo: Catalog) -> None:
    assert demo.count() >= 2000
    categories = {row["category"] for row in demo.product_rows()}
    assert len(categories) >= 15
    assert demo.count("reviews") >= 5 * 2000 * 0.8
    assert demo.vectors.count() == demo.count()
    assert len(demo.live_deal_ids()) > 20


def test_quiet_blender_under_150(demo: Catalog) -> None:
    hits = search_json("quiet blender", "--max-price", "150")
    assert len(hits) == 10
    assert all(str(hit["category"]).endswith("Blenders") for hit in hits)
    assert all(float(str(hit["price"])) <= 150 for hit in hits)
    noise = [demo.product(str(hit["id"])).attributes["noise"]["value"] for hit in hits[:5]]  # type: ignore[union-attr]
    assert max(noise) <= 72, noise


def test_noise_cancelling_headphones_for_flights(demo: Catalog) -> None:
    hits = search_json("noise-cancelling headphones for long flights", "--limit", "5")
    for hit in hits:
        product = demo.product(str(hit["id"]))
        assert product is not None and "Headphones" in product.category
        assert product.attributes["noise_cancelling"]["value"] is True


async def test_review_summaries_agree_with_attributes(demo: Catalog) -> None:
    quiet = search_json("quiet blender", "--max-price", "150", "--limit", "3")
    loud = [
        row["id"]
        for row in demo.product_rows()
        if row["category"].endswith("Blenders") and row["attributes"]["noise"]["value"] >= 88
    ]
    for product_id, expect_positive in [(quiet[0]["id"], True), (loud[0], False)]:
        aspects = {a.aspect: a for a in await review_aspects(demo, str(product_id))}
        noise = aspects["noise"]
        assert (noise.positive > noise.negative) is expect_positive, (product_id, noise)
