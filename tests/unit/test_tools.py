"""Retrieval tools: direct calls, and their LangChain faces (schemas hide the catalog)."""

from __future__ import annotations

import pytest

from store.catalog import Catalog
from tools import build_retrieval_tools
from tools.catalog import UnknownProductError, get_product, search_products
from tools.offers import get_offer, get_price_history, list_deals
from tools.qa import search_questions
from tools.reviews import review_aspects, search_reviews

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


async def test_search_products_applies_filters(loaded: Catalog) -> None:
    hits = await search_products(loaded, "quiet blender", max_price=150)
    assert hits[0].id == "BL-QUIET"
    assert all(h.price is not None and h.price <= 150 for h in hits)


async def test_unknown_product_is_an_error_the_caller_can_act_on(loaded: Catalog) -> None:
    with pytest.raises(UnknownProductError, match="no product with id 'NOPE'"):
        await get_product(loaded, "NOPE")
    with pytest.raises(UnknownProductError):
        await review_aspects(loaded, "NOPE")


async def test_offer_history_and_deals(loaded: Catalog) -> None:
    offer = await get_offer(loaded, "HP-ANC")
    assert offer.price == 149.0 and offer.deal_label == "Black Friday"
    history = await get_price_history(loaded, "BL-QUIET", days=90)
    assert history.lowest == 129.99 and history.highest == 149.99
    deals = await list_deals(loaded, category="Headphones")
    assert [d.id for d in deals] == ["HP-ANC"]
    assert await list_deals(loaded, category="Blenders") == []


async def test_review_aspects_and_search(loaded: Catalog) -> None:
    aspects = {a.aspect: a for a in await review_aspects(loaded, "BL-QUIET")}
    assert aspects["noise"].positive == 2 and aspects["noise"].negative == 0
    assert aspects["cleaning"].positive >= 1
    loud = await search_reviews(loaded, "BL-LOUD", "is it loud?")
    assert loud[0].polarity == "negative" and "loud" in loud[0].sentence.lower()


async def test_questions_are_ranked_by_relevance(loaded: Catalog) -> None:
    found = await search_questions(loaded, "BL-QUIET", "can I put the jar in the dishwasher")
    assert found[0].id == "Q-BQ-1"
    assert found[0].answers[0]["text"].startswith("Yes")


async def test_langchain_tools_hide_the_catalog(loaded: Catalog) -> None:
    tools = {tool.name: tool for tool in build_retrieval_tools(loaded)}
    assert set(tools) == {
        "search_products",
        "get_product",
        "get_offer",
        "get_price_history",
        "list_deals",
        "search_reviews",
        "review_aspects",
        "search_questions",
    }
    for tool in tools.values():
        assert "catalog" not in tool.args
        assert tool.description and "Args:" not in tool.description
    schema = tools["search_products"].args
    assert "max_price" in schema and "description" in schema["query"]
    hits = await tools["search_products"].ainvoke({"query": "quiet blender", "max_price": 150})
    assert hits[0].id == "BL-QUIET"
