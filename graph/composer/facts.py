"""Answers about one product's facts: reviews, questions, price history, policies."""

from __future__ import annotations

from graph.composer.composition import Composition
from graph.directives import LinkTag, PriceHistoryTag, ProductTag, ReviewsTag
from graph.evidence import Evidence
from graph.plan import Plan
from graph.safety import quote_data
from prompts import render_prompt


def compose_reviews(plan: Plan, evidence: Evidence) -> Composition:
    """What reviews say, with counts per aspect, for the product in view."""
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


def compose_question(plan: Plan, evidence: Evidence) -> Composition:
    """The best community answer and review sentences, quoted as data."""
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


def compose_history(plan: Plan, evidence: Evidence) -> Composition:
    """The price chart, and whether the price is at its low."""
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


def compose_policy(plan: Plan, evidence: Evidence) -> Composition:
    """The product's return window and warranty, else the store's policy."""
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
