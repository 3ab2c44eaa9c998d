"""The composer: the answer's structure, decided in code from the plan and the evidence.

Used for models that cannot be trusted to lay out an answer (the embedded local model):
code picks the components (cards, comparison, review summary, price history, action) and
writes the factual sentences from the store's data; the model only phrases a short
opening line. Text taken from retrieval (Q&A answers, review quotes) is data: markup,
links and money amounts are removed from it (``graph.retrieved_text``) and it is quoted,
never followed.
"""

from __future__ import annotations

from graph.composer.actions import compose_alert, compose_cart
from graph.composer.composition import Composer, Composition
from graph.composer.facts import (
    compose_history,
    compose_policy,
    compose_question,
    compose_reviews,
)
from graph.composer.listings import compose_compare, compose_deals, compose_search
from graph.evidence import Evidence
from graph.plan import Intent, Plan
from graph.safety import regulated_topic
from prompts import render_prompt

__all__ = ["Composition", "compose"]


def compose(plan: Plan, evidence: Evidence) -> Composition:
    """The structure of the answer under ``plan``."""
    if plan.unresolved:
        return Composition(text=render_prompt("unresolved_reference", mention=plan.unresolved))
    return _COMPOSERS[plan.intent](plan, evidence)


def _fixed(name: str) -> Composer:
    return lambda plan, evidence: Composition(text=render_prompt(name))


def _chat(plan: Plan, evidence: Evidence) -> Composition:
    return Composition(opening="chit_chat", lead=render_prompt("lead_chit_chat"))


def _out_of_scope(plan: Plan, evidence: Evidence) -> Composition:
    # The planner read the whole message; a plan made without it has only its query.
    topic = plan.regulated_topic or regulated_topic(plan.query)
    return Composition(text=render_prompt(f"refuse_{topic}" if topic else "out_of_scope"))


_COMPOSERS: dict[Intent, Composer] = {
    "search": compose_search,
    "deals": compose_deals,
    "compare": compose_compare,
    "review_summary": compose_reviews,
    "product_question": compose_question,
    "price_history": compose_history,
    "price_alert": compose_alert,
    "cart_action": compose_cart,
    "store_policy": compose_policy,
    "account_memory": _fixed("account_memory"),
    "chit_chat": _chat,
    "out_of_scope": _out_of_scope,
}
