"""Remembered preferences shaping a search: budget as a ceiling, brands liked first or left out.

What the shopper says in the turn always wins: a named brand or price is theirs for this
search, and memory fills only what they left open. Every change is recorded with its
reason so the answer can say "because you prefer...".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from graph.plan import Plan
from memory.preferences import Preference
from store.views import ProductSummary

PERSONALIZED_INTENTS = frozenset({"search", "deals"})
_FOOD = re.compile(
    r"\b(?:food|grocer\w*|snacks?|pantry|beverages?|drinks?|coffee|tea|candy|chocolate|"
    r"baking|cereals?|sauces?|spices?|supplements?|protein|vitamins?|cookies?|bars?|pasta|"
    r"bread|cheese|milk|yogh?urt|meals?)\b",
    re.IGNORECASE,
)
_DIET_TERMS = {"vegan", "vegetarian", "gluten-free", "dairy-free", "keto", "kosher", "halal"}


def personalize_plan(plan: Plan, preferences: Sequence[Preference]) -> Plan:
    """``plan`` with what memory adds to it: a budget, brand leanings, dietary words."""
    if plan.intent not in PERSONALIZED_INTENTS or not preferences:
        return plan
    update: dict[str, object] = {}
    reasons: list[str] = []
    budget = _budget_for(plan, preferences)
    if budget is not None and plan.filters.max_price is None:
        low = plan.filters.min_price
        if low is None or low <= (budget.amount or 0):
            update["filters"] = plan.filters.model_copy(update={"max_price": budget.amount})
            reasons.append(budget.describe())
    if plan.filters.brand is None and not plan.product_ids:
        update["prefer_brands"] = [p.value for p in preferences if p.kind == "brand_like"]
        update["avoid_brands"] = [p.value for p in preferences if p.kind == "brand_avoid"]
    diets = [p for p in preferences if p.kind == "diet" and p.value in _DIET_TERMS]
    searched = f"{plan.query} {plan.filters.category or ''}"
    if plan.intent == "search" and diets and _FOOD.search(searched):
        words = [p.value for p in diets if p.value not in plan.query.lower()]
        if words:
            update["query"] = " ".join([*words, plan.query])
            reasons.extend(p.describe() for p in diets if p.value in words)
    if reasons:
        update["personalized"] = reasons
    return plan.model_copy(update=update) if update else plan


def without_avoided_brand(plan: Plan, stated: Sequence[Preference]) -> Plan:
    """``plan`` without a brand filter on a brand the shopper just said they avoid.

    "I hate Oster, show me blenders" names Oster, but not as the brand wanted.
    """
    brand = plan.filters.brand
    avoided = {p.value.lower() for p in stated if p.kind == "brand_avoid"}
    if brand is None or brand.lower() not in avoided:
        return plan
    slots = plan.slots.model_copy(update={"brand": None})
    filters = plan.filters.model_copy(update={"brand": None})
    return plan.model_copy(update={"slots": slots, "filters": filters})


def _budget_for(plan: Plan, preferences: Sequence[Preference]) -> Preference | None:
    """The budget that applies: one for this kind of product, else an overall one."""
    searched = f" {plan.query} {plan.filters.category or ''} ".lower()
    general = None
    for preference in preferences:
        if preference.kind != "budget" or preference.amount is None:
            continue
        if preference.subject is None:
            general = preference
        elif re.search(rf"\b{re.escape(preference.subject.rstrip('s'))}", searched):
            return preference
    return general


def rank_by_brand(
    found: Sequence[ProductSummary], plan: Plan, size: int
) -> tuple[list[ProductSummary], list[str]]:
    """The first ``size`` products with avoided brands left out and liked ones first.

    Returns them with the reasons that changed which products are shown, or their order.
    """
    avoid = {b.lower() for b in plan.avoid_brands}
    prefer = {b.lower() for b in plan.prefer_brands}
    plain = list(found[:size])
    if not avoid and not prefer:
        return plain, []
    kept = [p for p in found if (p.brand or "").lower() not in avoid]
    liked_ids = {p.id for p in kept if (p.brand or "").lower() in prefer}
    liked = [p for p in kept if p.id in liked_ids]
    ranked = (liked + [p for p in kept if p.id not in liked_ids])[:size]
    reasons: list[str] = []
    if ranked != kept[:size]:
        shown = {(p.brand or "").lower() for p in ranked}
        reasons += [f"you prefer {b}" for b in plan.prefer_brands if b.lower() in shown]
    present = {(p.brand or "").lower() for p in plain}
    reasons += [f"you avoid {b}" for b in plan.avoid_brands if b.lower() in present]
    return ranked, reasons
