"""Answers that list products: search results, deals, a comparison."""

from __future__ import annotations

from graph.composer.composition import Composition
from graph.directives import CompareTag, DealTag, Directive, ProductTag
from graph.evidence import Evidence
from graph.plan import Plan
from graph.retrieval import rating_score
from prompts import render_prompt

_ORDINALS = ("first", "second", "third", "fourth")


def plain_name(title: str) -> str:
    """A name for the model to phrase around: no spec tail, no figures it could copy."""
    head = title.split(",")[0]
    return " ".join(word for word in head.split() if not any(ch.isdigit() for ch in word))


def titles(evidence: Evidence) -> list[str]:
    """Product names for the model, without the spec tails ("..., 2600Pa, 90 Min")."""
    return [plain_name(p.title) for p in evidence.products[:3]]


def compose_search(plan: Plan, evidence: Evidence) -> Composition:
    """Cards for the results (deal cards for those on a deal)."""
    if not evidence.products:
        return Composition(text=render_prompt("no_results"))
    cards: list[Directive] = [
        DealTag(id=p.id) if p.deal_label else ProductTag(id=p.id) for p in evidence.products
    ]
    return Composition(
        opening="search",
        facts=titles(evidence),
        lead=render_prompt("lead_search", query=plan.query or "your request"),
        directives=cards,
    )


def compose_deals(plan: Plan, evidence: Evidence) -> Composition:
    """Deal cards for deals running now."""
    deals = evidence.deals or [p for p in evidence.products if p.deal_label]
    if not deals:
        return Composition(text=render_prompt("no_deals"))
    return Composition(
        opening="deals",
        lead=render_prompt("lead_deals"),
        facts=[plain_name(d.title) for d in deals[:3]],
        directives=[DealTag(id=d.id) for d in deals],
    )


def compose_compare(plan: Plan, evidence: Evidence) -> Composition:
    """A comparison table, naming the best rated and the cheaper by position."""
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
        facts=titles(evidence),
        text=" ".join(lines),
        directives=[CompareTag(ids=[p.id for p in shown])],
    )
