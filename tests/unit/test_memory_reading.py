"""Reading preferences and memory requests from a shopper's words; memory shaping a plan."""

from __future__ import annotations

import pytest

from graph.memory_turn import MemoryTurn, read_memory_turn
from graph.personalize import personalize_plan, rank_by_brand, without_avoided_brand
from graph.plan import Plan
from graph.planner.memory_asks import memory_request, to_forget
from graph.planner.stated_preferences import stated_preferences
from memory.preferences import Preference
from store.search import SearchFilters
from store.views import ProductSummary

BRANDS = {"sony": "Sony", "oster": "Oster", "hushmix": "Hushmix", "tornado": "Tornado"}


def brand_of(phrase: str) -> str | None:
    return BRANDS.get(phrase.lower())


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("I prefer Sony", [("brand_like", "Sony", None)]),
        ("I'm a big fan of Sony headphones", [("brand_like", "Sony", None)]),
        ("I hate Oster, show me blenders", [("brand_avoid", "Oster", None)]),
        ("don't show me Hushmix blenders anymore", [("brand_avoid", "Hushmix", None)]),
        ("my shoe size is 10.5", [("size", "10.5", "shoes")]),
        ("i always wear size medium in shirts", [("size", "M", "shirts")]),
        ("I'm a size 8", [("size", "8", None)]),
        ("please note that i'm allergic to latex", [("diet", "allergic to latex", None)]),
        ("remember that i'm vegan", [("diet", "vegan", None)]),
        ("my budget for headphones is $100", [("budget", "100", "headphones")]),
        ("I never spend more than 50 dollars on shoes", [("budget", "50", "shoes")]),
        ("we have two kids", [("household", "two kids", None)]),
        # Not preferences: no catalog brand, an age, a search.
        ("I like quiet blenders", []),
        ("I prefer the blue one", []),
        ("I am 40", []),
        ("I am looking for a blender under $150", []),
    ],
)
def test_preferences_are_read_from_the_shoppers_words(
    message: str, expected: list[tuple[str, str, str | None]]
) -> None:
    found = stated_preferences(message, brand_of)
    assert [(p.kind, p.value, p.subject) for p in found] == expected


def test_the_last_word_on_a_brand_wins_within_a_message() -> None:
    found = stated_preferences("I used to like Sony but I avoid Sony now", brand_of)
    assert [(p.kind, p.value) for p in found] == [("brand_avoid", "Sony")]


def pref(kind: str, value: str, subject: str | None = None) -> Preference:
    amount = float(value) if kind == "budget" else None
    return Preference(kind=kind, value=value, subject=subject, amount=amount, said="")  # type: ignore[arg-type]


REMEMBERED = [pref("brand_avoid", "Oster"), pref("size", "10.5", "shoes"), pref("diet", "vegan")]


@pytest.mark.parametrize(
    ("message", "ask", "forgotten"),
    [
        ("what do you remember about me?", "recall", []),
        ("forget that I hate Oster", "forget", ["brand:oster"]),
        ("forget my shoe size", "forget", ["size:shoes"]),
        ("forget that I'm vegan", "forget", ["diet:vegan"]),
        ("forget that I'm allergic to nuts", "forget", []),
        ("forget everything", "forget_all", ["brand:oster", "size:shoes", "diet:vegan"]),
        ("erase my memory", "forget_all", ["brand:oster", "size:shoes", "diet:vegan"]),
    ],
)
def test_recall_and_forget_requests(message: str, ask: str, forgotten: list[str]) -> None:
    request = memory_request(message)
    assert request.ask == ask
    assert [p.key for p in to_forget(request, REMEMBERED)] == forgotten


def test_forgetting_states_nothing_and_only_counts_in_a_memory_message() -> None:
    loaded = MemoryTurn(enabled=True, remembered=REMEMBERED)
    turn = read_memory_turn(
        "forget that I hate Oster",
        loaded,
        brand_of,
        asking_memory=True,
        thread_id="t",
        run_id="r",
        at="2026-12-03T00:00:00+00:00",
    )
    assert turn.stated == [] and [p.key for p in turn.forgotten] == ["brand:oster"]
    assert [p.key for p in turn.active] == ["size:shoes", "diet:vegan"]
    searching = read_memory_turn(
        "I forget the name of that Sony blender, I like Sony",
        loaded,
        brand_of,
        asking_memory=False,
        thread_id="t",
        run_id="r",
        at="x",
    )
    assert searching.forgotten == [] and [p.key for p in searching.stated] == ["brand:sony"]
    assert searching.stated[0].thread_id == "t" and searching.stated[0].run_id == "r"


def search_plan(query: str, **filters: object) -> Plan:
    return Plan(
        intent="search",
        confidence=1,
        decided_by="rules",
        query=query,
        sources=["catalog"],
        filters=SearchFilters(**filters),  # type: ignore[arg-type]
    )


def test_a_budget_for_the_kind_of_product_caps_the_search_unless_the_shopper_set_a_price() -> None:
    prefs = [pref("budget", "100", "headphones"), pref("budget", "500")]
    capped = personalize_plan(search_plan("wireless headphones"), prefs)
    assert capped.filters.max_price == 100
    assert capped.personalized == ["your budget for headphones is $100"]
    general = personalize_plan(search_plan("blender"), prefs)
    assert general.filters.max_price == 500
    own = personalize_plan(search_plan("headphones", max_price=300), prefs)
    assert own.filters.max_price == 300 and own.personalized == []
    above = personalize_plan(search_plan("headphones", min_price=150), prefs)
    assert above.filters.max_price is None  # a floor above the budget: the shopper's words win


def test_brand_leanings_apply_only_when_the_shopper_names_no_brand() -> None:
    prefs = [pref("brand_like", "Sony"), pref("brand_avoid", "Oster")]
    leaning = personalize_plan(search_plan("blender"), prefs)
    assert (leaning.prefer_brands, leaning.avoid_brands) == (["Sony"], ["Oster"])
    named = personalize_plan(search_plan("blender", brand="Oster"), prefs)
    assert (named.prefer_brands, named.avoid_brands) == ([], [])
    # "I hate Oster, show me blenders" mentions Oster, but not as the brand wanted.
    hating = search_plan("blenders", brand="Oster")
    assert without_avoided_brand(hating, [pref("brand_avoid", "Oster")]).filters.brand is None


def test_diets_add_to_food_searches_only() -> None:
    prefs = [pref("diet", "vegan")]
    food = personalize_plan(search_plan("protein bars"), prefs)
    assert food.query == "vegan protein bars" and food.personalized == ["you're vegan"]
    assert personalize_plan(search_plan("blender"), prefs).query == "blender"


def product(pid: str, brand: str) -> ProductSummary:
    return ProductSummary.model_validate(
        {
            "id": pid,
            "title": pid,
            "brand": brand,
            "category": "Blenders",
            "price": 10.0,
            "currency": "USD",
            "rating": 4.0,
            "rating_count": 10,
            "in_stock": True,
        }
    )


def test_ranking_leaves_avoided_brands_out_puts_liked_first_and_says_so_only_on_change() -> None:
    found = [product("A", "Oster"), product("B", "Tornado"), product("C", "Sony")]
    plan = search_plan("blender").model_copy(
        update={"prefer_brands": ["Sony"], "avoid_brands": ["Oster"]}
    )
    ranked, reasons = rank_by_brand(found, plan, 2)
    assert [p.id for p in ranked] == ["C", "B"]
    assert reasons == ["you prefer Sony", "you avoid Oster"]
    unchanged, none = rank_by_brand(found[1:], plan.model_copy(update={"avoid_brands": []}), 1)
    assert [p.id for p in unchanged] == ["C"] and none == ["you prefer Sony"]
    already_first, quiet = rank_by_brand([found[2], found[1]], plan, 2)
    assert [p.id for p in already_first] == ["C", "B"] and quiet == []
