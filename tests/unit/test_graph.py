"""The first graph: the shopper's words in, a grounded list of products out."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from langchain_core.messages import HumanMessage

from graph import nodes
from graph.graph import graph
from store.catalog import Catalog

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def graph_catalog(loaded: Catalog) -> Iterator[Catalog]:
    nodes.shared_catalog.cache_clear()
    yield loaded
    nodes.shared_catalog.cache_clear()


async def test_graph_lists_products_with_store_prices(graph_catalog: Catalog) -> None:
    result = await graph.ainvoke({"messages": [HumanMessage("quiet blender")]})
    top = [product["id"] for product in result["products"][:3]]
    assert {"BL-QUIET", "BL-PRICEY"} <= set(top)
    answer = result["messages"][-1].content
    assert "Hushmix 600 Quiet Blender: 129.99 USD" in answer
    assert "Silencio Pro Quiet Blender: 399.00 USD" in answer
