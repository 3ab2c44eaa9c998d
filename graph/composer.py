"""The composer: the answer's structure, decided in code from the plan and the evidence.

Used for models that cannot be trusted to lay out an answer (the embedded local model):
code picks the components (cards, comparison, review summary, price history, action) and
writes the factual sentences from the store's data; the model only phrases a short
opening line. Text taken from retrieval (Q&A answers, review quotes) is data: markup is
removed from it and it is quoted, never followed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from graph.directives import (
    ActionTag,
    CompareTag,
    DealTag,
    Directive,
    LinkTag,
    PriceHistoryTag,
    ProductTag,
    ReviewsTag,
)
from graph.evidence import Evidence
from graph.plan import Intent, Plan
from graph.retrieval import rating_score
from graph.safety import quote_data, regulated_topic
from prompts import render_prompt


@dataclass
class Composition:
    """What an answer is made of, in order: model opening, code text, components."""

    opening: str | None = None
    """Instruction for the model's opening line; None when the model is not needed."""
    facts: list[str] = field(default_factory=list)
    """Short facts the model may use in its opening line."""
    lead: str = ""
    """The opening line written in code, used when the model's is unusable."""
    text: str = ""
    """Sentences written in code from the store's data."""
    directives: list[Directive] = field(default_factory=list)


_ORDINALS = ("first", "second", "third", "fourth")
Composer = Callable[[Plan, Evidence], "Composition"]


def compose(plan: Plan, evidence: Evidence) -> Composition:
    """The structure of the answer under ``plan``."""
    if plan.unresolved:
        return Composition(text=render_prompt("unresolved_reference", mention=plan.unresolved))
    composer = _COMPOSERS.get(plan.intent, _compose_search)
    return composer(plan, evidence)


def _titles(evidence: Evidence) -> list[str]:
    """Product names for the model, without the spec tails ("..., 2600Pa, 90 Min")."""
    return [p.title.split(",")[0] for p in evidence.products[:3]]


def _compose_search(plan: Plan, evidence: Evidence) -> Composition:
    if not evidence.products:
        return Composition(text=render_prompt("no_results"))
    cards: list[Directive] = [
        DealTag(id=p.id) if p.deal_label else ProductTag(id=p.id) for p in evidence.products
    ]
    return Composition(
        opening="search",
        facts=_titles(evidence),
        lead=render_prompt("lead_search", query=plan.query or "your request"),
        directives=cards,
    )


def _compose_deals(plan: Plan, evidence: Evidence) -> Composition:
    deals = evidence.deals or [p for p in evidence.products if p.deal_label]
    if not deals:
        return Composition(text=render_prompt("no_deals"))
    return Composition(
        opening="deals",
        lead=render_prompt("lead_deals"),
        facts=[d.title.split(",")[0] for d in deals[:3]],
        directives=[DealTag(id=d.id) for d in deals],
    )


def _compose_compare(plan: Plan, evidence: Evidence) -> Composition:
    shown = evidence.products[:4]
    if len(shown) < 2:
        return Composition(text=render_prompt("compare_needs_two"))
    best = max(shown, key=rating_score)
    priced = [p for p in shown if p.price is not None]
    lines = []
    if best.rating is not None:
        lines.append(
            f"Best rated: the {_ORDINALS[shown.index(best)]} one, {best.title} "
            f"({best.rating:.1f} stars from {best.rating_count} reviews)."
        )
    if len(priced) >= 2:
        cheaper = min(priced, key=lambda p: p.price or 0)
        lines.append(f"Lower price right now: the {_ORDINALS[shown.index(cheaper)]} one.")
    return Composition(
        opening="compare",
        lead=render_prompt("lead_compare"),
        facts=_titles(evidence),
        text=" ".join(lines),
        directives=[CompareTag(ids=[p.id for p in shown])],
    )


def _compose_reviews(plan: Plan, evidence: Evidence) -> Composition:
    if not evidence.products:
        return Composition(text=render_prompt("no_results"))
    product = evidence.products[0]
    aspect = plan.slots.aspect
    reports = [r for r in evidence.aspects.get(product.id, []) if aspect in (None, r.aspect)]
    if not reports:
        about = f" about the {aspect}" if aspect else ""
        text = f"Reviews of {product.title} don't say much{about} yet."
        return Composition(text=text, directives=[ProductTag(id=product.id)])
    lines = [
        f"{r.mentions} reviews of {product.title} mention the {r.aspect.replace('_', ' ')}: "
        f"{r.positive} positively, {r.negative} negatively."
        for r in reports[:3]
    ]
    return Composition(text=" ".join(lines), directives=[ReviewsTag(id=product.id, aspect=aspect)])


def _compose_question(plan: Plan, evidence: Evidence) -> Composition:
    if not evidence.products:
        return Composition(text=render_prompt("no_results"))
    product = evidence.products[0]
    lines = []
    for asked in evidence.questions.get(product.id, [])[:1]:
        if asked.answers:
            lines.append(
                f"Another shopper asked {quote_data(asked.question)} and the top answer was "
                f"{quote_data(str(asked.answers[0]['text']))}."
            )
    for snippet in evidence.review_quotes.get(product.id, [])[:2]:
        lines.append(f"A reviewer wrote {quote_data(snippet.sentence)}.")
    if not lines:
        lines.append(render_prompt("no_answer_found").strip())
    return Composition(text=" ".join(lines), directives=[ProductTag(id=product.id)])


def _compose_history(plan: Plan, evidence: Evidence) -> Composition:
    if not evidence.products:
        return Composition(text=render_prompt("which_product"))
    product = evidence.products[0]
    days = plan.slots.window_days or 90
    history = evidence.histories.get(product.id)
    text = ""
    if history and history.current is not None and history.lowest is not None:
        at_low = history.current <= history.lowest
        text = (
            f"{product.title} is at its lowest price of the last {days} days."
            if at_low
            else f"{product.title} has been cheaper in the last {days} days."
        )
    return Composition(text=text, directives=[PriceHistoryTag(id=product.id, days=days)])


def _compose_alert(plan: Plan, evidence: Evidence) -> Composition:
    if not evidence.products:
        return Composition(text=render_prompt("which_product"))
    product = evidence.products[0]
    target = plan.slots.target_price or plan.filters.max_price
    action = ActionTag(do="set_alert", id=product.id, price=target)
    return Composition(text=render_prompt("confirm_alert"), directives=[action])


def _compose_cart(plan: Plan, evidence: Evidence) -> Composition:
    if not evidence.products:
        return Composition(text=render_prompt("which_product"))
    product = evidence.products[0]
    if not product.in_stock or product.price is None:
        return Composition(
            text=render_prompt("not_available", title=product.title),
            directives=[ProductTag(id=product.id)],
        )
    action = ActionTag(do="add_to_cart", id=product.id, quantity=plan.slots.quantity or 1)
    return Composition(text=render_prompt("confirm_cart"), directives=[action])


def _compose_policy(plan: Plan, evidence: Evidence) -> Composition:
    product = next(iter(evidence.details.values()), None)
    if product is None:
        return Composition(text=render_prompt("store_policy"))
    lines = []
    if product.return_window_days is not None:
        lines.append(f"{product.title} can be returned within {product.return_window_days} days.")
    if product.warranty_months is not None:
        lines.append(f"It comes with a {product.warranty_months}-month warranty.")
    text = " ".join(lines) or render_prompt("store_policy")
    return Composition(text=text, directives=[LinkTag(id=product.id, label="product page")])


def _compose_fixed(name: str) -> Composer:
    return lambda plan, evidence: Composition(text=render_prompt(name))


def _compose_chat(plan: Plan, evidence: Evidence) -> Composition:
    return Composition(opening="chit_chat", lead=render_prompt("lead_chit_chat"))


def _compose_out_of_scope(plan: Plan, evidence: Evidence) -> Composition:
    topic = regulated_topic(plan.query)
    return Composition(text=render_prompt(f"refuse_{topic}" if topic else "out_of_scope"))


_COMPOSERS: dict[Intent, Composer] = {
    "search": _compose_search,
    "deals": _compose_deals,
    "compare": _compose_compare,
    "review_summary": _compose_reviews,
    "product_question": _compose_question,
    "price_history": _compose_history,
    "price_alert": _compose_alert,
    "cart_action": _compose_cart,
    "store_policy": _compose_policy,
    "account_memory": _compose_fixed("account_memory"),
    "chit_chat": _compose_chat,
    "out_of_scope": _compose_out_of_scope,
}
