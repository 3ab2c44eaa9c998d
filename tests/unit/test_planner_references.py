"""Product references resolved against what the shopper has in view."""

from __future__ import annotations

import pytest

from graph.plan import Conversation, Plan, ShownProduct
from graph.planner import Vocabulary, plan_message

HEADPHONES = "Electronics > Headphones > Over-Ear Headphones"
SHOWN = [
    ShownProduct(
        id="HP-1", title="Sony WH-1000XM5", brand="Sony", category=HEADPHONES, price=348, rating=4.6
    ),
    ShownProduct(
        id="HP-2",
        title="Auralis Studio ANC",
        brand="Auralis",
        category=HEADPHONES,
        price=179,
        rating=4.2,
    ),
    ShownProduct(
        id="HP-3",
        title="Northtone Lite Mop Edition",
        brand="Northtone",
        category=HEADPHONES,
        price=99,
        rating=3.9,
    ),
]
PAGE = ShownProduct(
    id="BL-9",
    title="Ninja Foodi Power Blender",
    brand="Ninja",
    category="Home & Kitchen > Kitchen Appliances > Blenders",
    price=150,
    rating=4.5,
)
VOCABULARY = Vocabulary(
    brands=("Sony", "Auralis", "Northtone", "Ninja", "Sonavik"),
    categories=(HEADPHONES, "Home & Kitchen > Kitchen Appliances > Blenders"),
)
SHOWN_ONLY = Conversation(shown=SHOWN)
WITH_FOCUS = Conversation(shown=SHOWN, focus="HP-2")
ON_PAGE = Conversation(page_product=PAGE)


def plan(text: str, conversation: Conversation) -> Plan:
    return plan_message(text, conversation, VOCABULARY)


@pytest.mark.parametrize(
    ("text", "ids", "kind"),
    [
        ("is the second one waterproof?", ["HP-2"], "ordinal"),
        ("what do reviewers say about the first?", ["HP-1"], "ordinal"),
        ("is the last one comfortable?", ["HP-3"], "ordinal"),
        ("#2 please, add to cart", ["HP-2"], "ordinal"),
        ("does the Sony fold flat?", ["HP-1"], "name"),
        ("is the Auralis one loud?", ["HP-2"], "name"),
        ("how heavy is the Mop one?", ["HP-3"], "name"),
        ("add the cheaper one to my cart", ["HP-3"], "superlative"),
        ("add the cheapest to my cart", ["HP-3"], "superlative"),
        ("add the best rated one to my cart", ["HP-1"], "superlative"),
        ("compare these two", ["HP-1", "HP-2"], "pronoun"),
        ("add both to my cart", ["HP-1", "HP-2"], "pronoun"),
        ("compare them", ["HP-1", "HP-2", "HP-3"], "pronoun"),
        ("compare HP-2 and hp-3", ["HP-2", "HP-3"], "id"),
        ("is it loud?", ["HP-1"], "pronoun"),
    ],
)
def test_references_to_shown_products(text: str, ids: list[str], kind: str) -> None:
    planned = plan(text, SHOWN_ONLY)
    assert planned.product_ids == ids
    assert planned.products[0].kind == kind
    assert planned.unresolved is None


def test_pronouns_mean_the_focus_first() -> None:
    planned = plan("is it dishwasher safe?", WITH_FOCUS)
    assert planned.product_ids == ["HP-2"]
    assert planned.products[0].mention == "it"


def test_pronouns_mean_the_page_product_without_a_focus() -> None:
    planned = plan("is this dishwasher safe?", ON_PAGE)
    assert planned.product_ids == ["BL-9"]
    assert planned.products[0].kind == "page"
    assert plan("is the Ninja one loud?", ON_PAGE).product_ids == ["BL-9"]
    assert plan("can I return the blender?", ON_PAGE).product_ids == ["BL-9"]


def test_a_single_shown_product_is_it() -> None:
    only = Conversation(shown=[SHOWN[2]])
    assert plan("does it have a mic?", only).product_ids == ["HP-3"]


def test_compare_it_with_the_second_one() -> None:
    planned = plan("compare it with the third one", WITH_FOCUS)
    assert planned.product_ids == ["HP-2", "HP-3"]
    assert planned.sources == ["product"]


def test_compare_without_references_takes_the_first_shown() -> None:
    assert plan("compare", SHOWN_ONLY).product_ids == ["HP-1", "HP-2"]
    ranked = plan("which is the better rated one", SHOWN_ONLY)
    assert ranked.intent == "compare"
    assert ranked.product_ids == ["HP-1", "HP-2"]


def test_compare_names_the_catalog_when_it_asks_for_other_products() -> None:
    planned = plan("compare the two best rated blenders under 400 dollars", SHOWN_ONLY)
    assert planned.product_ids == []
    assert planned.sources == ["catalog", "product"]


def test_the_blue_one_keeps_the_focus_and_records_the_variant() -> None:
    planned = plan("add the blue one to my cart", WITH_FOCUS)
    assert planned.product_ids == ["HP-2"]
    assert planned.products[0].kind == "variant"
    assert planned.slots.variant == "blue"


def test_a_catalog_brand_with_nothing_in_view_is_searched_for() -> None:
    planned = plan("is the Sony waterproof?", Conversation())
    assert planned.unresolved is None
    assert "catalog" in planned.sources


@pytest.mark.parametrize(
    ("text", "conversation", "mention"),
    [
        ("is the Sonavik one waterproof?", SHOWN_ONLY, "the Sonavik one"),
        ("is the second one loud?", Conversation(), "the second one"),
        ("tell me when it drops below $80", Conversation(), "it"),
        ("compare them", Conversation(), "them"),
        ("add the cheapest one to my cart", Conversation(), "the cheapest one"),
    ],
)
def test_unresolved_references(text: str, conversation: Conversation, mention: str) -> None:
    planned = plan(text, conversation)
    assert planned.unresolved == mention
    assert planned.product_ids == []


def test_a_brand_named_as_a_search_is_not_a_reference() -> None:
    planned = plan(
        "what do customers say about the battery on the sonavik headphones", Conversation()
    )
    assert planned.unresolved is None
    assert planned.sources == ["reviews", "catalog"]
    assert plan("Sony vs Auralis headphones", Conversation()).unresolved is None


def test_a_search_does_not_point_at_shown_products() -> None:
    planned = plan("show me Sony headphones under $300", SHOWN_ONLY)
    assert planned.product_ids == []
    assert planned.filters.brand == "Sony"
    similar = plan("something like this but cheaper", WITH_FOCUS)
    assert (similar.intent, similar.product_ids) == ("search", ["HP-2"])
