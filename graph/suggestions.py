"""Follow-up questions: about three, grounded in the products' data the answer did not cover.

Each suggestion is one the store can answer (the product has reviews, a price history,
a community question, an attribute), phrased as the shopper would ask it, and worded so
the planner resolves it ("the first two", "the <brand> one").
"""

from __future__ import annotations

from collections.abc import Iterator

from graph.evidence import Evidence
from graph.plan import Intent, Plan
from graph.retrieved_text import is_plain
from store.views import ProductSummary

MAX_SUGGESTIONS = 3
_GENERIC = ("What deals are on today?",)


def short_name(product: ProductSummary, words: int = 4) -> str:
    """A product's name short enough for a question ("the Hushmix 600 Quiet Blender")."""
    title = product.title.split(",")[0].split(" - ")[0]
    return " ".join(title.split()[:words])


def suggest_followups(plan: Plan, evidence: Evidence) -> list[str]:
    """Up to three questions the shopper may ask next."""
    products = evidence.products or evidence.deals
    if plan.unresolved:  # the answer asks which product: suggestions would guess
        return []
    if not products:
        return [] if plan.intent == "out_of_scope" else list(_GENERIC)
    covered: set[Intent] = {plan.intent, *plan.also}
    unique = dict.fromkeys(q for q in _candidates(products, evidence, covered) if q)
    return list(unique)[:MAX_SUGGESTIONS]


def _candidates(
    products: list[ProductSummary], evidence: Evidence, covered: set[Intent]
) -> Iterator[str]:
    first = products[0]
    name = short_name(first)
    if len(products) >= 2 and "compare" not in covered:
        yield "Compare the first two"
    if "review_summary" not in covered and first.rating_count > 0:
        yield f"What do customers say about the {name}?"
    if len(products) >= 2 and "compare" in covered and "cart_action" not in covered:
        yield "Add the better rated one to my cart"
    yield from _community_questions(first, evidence, covered)
    if "price_history" not in covered and first.price is not None:
        yield f"Has the {name} been cheaper recently?"
    yield from _attribute_questions(first, evidence)
    if "price_alert" not in covered and first.price is not None:
        yield f"Tell me when the {name} drops in price"


def _community_questions(
    product: ProductSummary, evidence: Evidence, covered: set[Intent]
) -> Iterator[str]:
    if "product_question" in covered:  # the answer quoted the best one already
        asked = evidence.questions.get(product.id, [])[1:2]
    else:
        asked = evidence.questions.get(product.id, [])[:1]
    for question in asked:  # a shopper's words, offered only if nothing in them needs cleaning
        if len(question.question) <= 90 and question.answers and is_plain(question.question):
            yield question.question.strip()


def _attribute_questions(product: ProductSummary, evidence: Evidence) -> Iterator[str]:
    details = evidence.details.get(product.id)
    if details is None:
        return
    for name in list(details.attributes)[:1]:
        label = name.replace("_", " ")
        yield f"What is the {label} of the {short_name(product)}?"
