"""The messages sent to models for an answer, built from ``prompts/`` files."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AnyMessage, BaseMessage, HumanMessage, SystemMessage

from graph.composer import Composition
from graph.evidence import Evidence
from graph.plan import Plan
from prompts import render_prompt

HISTORY_MESSAGES = 6
"""Earlier messages a capable model sees (three exchanges)."""


def store_data(evidence: Evidence) -> dict[str, Any]:
    """The evidence as the model may see it: ids, names, facts.

    Never prices or stock figures: the renderer shows live ones on the components.
    """
    return {
        "products": [
            {
                "id": p.id,
                "title": p.title,
                "brand": p.brand,
                "category": p.category,
                "rating": p.rating,
                "reviews": p.rating_count,
                "in_stock": p.in_stock,
                "on_deal": p.deal_label is not None,
            }
            for p in (*evidence.products, *evidence.deals)
        ],
        "details": {
            pid: {"attributes": d.attributes, "features": d.features[:6]}
            for pid, d in evidence.details.items()
        },
        "review_aspects": {
            pid: [
                {"aspect": r.aspect, "positive": r.positive, "negative": r.negative}
                for r in reports
            ]
            for pid, reports in evidence.aspects.items()
        },
        "review_quotes": {
            pid: [q.sentence for q in quotes] for pid, quotes in evidence.review_quotes.items()
        },
        "questions": {
            pid: [
                {"question": q.question, "answer": q.answers[0]["text"] if q.answers else None}
                for q in asked
            ]
            for pid, asked in evidence.questions.items()
        },
    }


def directive_messages(
    plan: Plan, evidence: Evidence, history: Sequence[AnyMessage], message: str
) -> list[BaseMessage]:
    """System prompt with the directive language, policy and data; recent history; the ask."""
    system = render_prompt(
        "answer",
        directives=render_prompt("directives"),
        policy=render_prompt("policy"),
        plan=plan.model_dump_json(include={"intent", "slots", "query"}),
        data=json.dumps(store_data(evidence), ensure_ascii=False, default=str),
    )
    return [SystemMessage(system), *history[-HISTORY_MESSAGES:], HumanMessage(message)]


def opening_messages(composition: Composition, message: str) -> list[BaseMessage]:
    """The short prompt for a small model's opening line (prompt size is latency)."""
    system = SystemMessage(render_prompt(f"opening_{composition.opening}"))
    if not composition.facts:
        return [system, HumanMessage(message)]
    facts = "; ".join(composition.facts[:4])
    return [system, HumanMessage(render_prompt("opening_request", message=message, facts=facts))]
