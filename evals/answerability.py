"""Whether the store can answer a question: the plan it gets, and what retrieval returns for it.

A question is answerable when all of these hold:

1. its plan has a store intent: not ``chit_chat``, not ``out_of_scope``;
2. its references resolve: no mention left ``unresolved``, a product-specific question
   (below) names a product, and when the question's subject is known (a suggestion is
   about the products of the turn that suggested it) the plan's products are among it;
3. retrieval returns what the intent needs:

   - ``search``: at least one product;
   - ``compare``: at least two products, with details for each;
   - ``product_question``: for the product asked about, an attribute the question names
     (``battery_life`` in "what is the battery life...") or a community question with an
     answer that shares at least ``MATCH_SHARE`` of the question's content words (words
     of three letters or more, without stop words and the product's title words);
   - ``review_summary``: review aspects for the product (the asked aspect among them, when
     the plan has one);
   - ``price_history``: a price history of at least two points for the product;
   - ``deals``: at least one deal;
   - ``price_alert``: a condition the store can watch (``alert_condition``), and the
     product in the store, or, for a deal alert, a category or brand to watch;
   - ``cart_action``: viewing or checking out the cart needs nothing; adding or removing
     needs the product, found in the store;
   - ``store_policy``: a policy topic the store has a text for;
   - ``account_memory``: nothing (the account's memory answers).

Pure: plans and evidence in, a verdict out (``evals.suites.suggestions`` plans and
retrieves).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from graph.evidence import Evidence
from graph.plan import Intent, Plan

MATCH_SHARE = 0.6
"""Share of the question's content words a community question must have to answer it."""
STORE_INTENTS: frozenset[Intent] = frozenset(
    {
        "search",
        "compare",
        "product_question",
        "review_summary",
        "price_history",
        "deals",
        "price_alert",
        "cart_action",
        "account_memory",
        "store_policy",
    }
)
_STOP = frozenset(
    "the and for are you your does did has have with this that what which how can will would "
    "its it's from about there they them than then when much many any some".split()
)


@dataclass(frozen=True)
class Verdict:
    """Whether a question is answerable, and why (or why not)."""

    answerable: bool
    reason: str


def content_words(text: str, ignore: Sequence[str] = ()) -> set[str]:
    """Words of three letters or more, without stop words and words of ``ignore``."""
    skipped = _STOP | {w for phrase in ignore for w in _words(phrase)}
    return {w for w in _words(text) if len(w) >= 3 and w not in skipped}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def answerability(
    question: str, plan: Plan, evidence: Evidence, subject: Sequence[str] = ()
) -> Verdict:
    """Whether the store answers ``question``, planned as ``plan`` with ``evidence``.

    Args:
        question: The question as asked.
        plan: Its plan, in the conversation it is asked in.
        evidence: What retrieval returned for ``plan``.
        subject: Products the question may be about, when known (empty: any).
    """
    if plan.intent not in STORE_INTENTS:
        return Verdict(False, f"planned as {plan.intent}")
    if plan.unresolved:
        return Verdict(False, f"unresolved reference {plan.unresolved!r}")
    strays = [pid for pid in plan.product_ids if subject and pid not in subject]
    if strays:
        return Verdict(False, f"about {strays}, not the products of the turn")
    return _NEEDS[plan.intent](question, plan, evidence)


def _found(ok: bool, yes: str, no: str) -> Verdict:
    return Verdict(True, yes) if ok else Verdict(False, no)


def _search(question: str, plan: Plan, evidence: Evidence) -> Verdict:
    return _found(bool(evidence.products), "products found", "no products found")


def _compare(question: str, plan: Plan, evidence: Evidence) -> Verdict:
    detailed = [p for p in evidence.products if p.id in evidence.details]
    return _found(len(detailed) >= 2, "two products with details", "fewer than two products")


def _product_question(question: str, plan: Plan, evidence: Evidence) -> Verdict:
    if not plan.product_ids:
        return Verdict(False, "no product referred to")
    pid = plan.product_ids[0]
    details = evidence.details.get(pid)
    if details is None:
        return Verdict(False, f"no details of {pid}")
    asked = question.lower()
    for name in details.attributes:
        label = name.replace("_", " ").lower()
        if re.search(rf"\b{re.escape(label)}\b", asked):
            return Verdict(True, f"attribute {name}")
    wanted = content_words(question, [details.title])
    for asked_before in evidence.questions.get(pid, []):
        have = content_words(asked_before.question, [details.title])
        if asked_before.answers and wanted and len(wanted & have) >= MATCH_SHARE * len(wanted):
            return Verdict(True, f"community answer to {asked_before.question!r}")
    return Verdict(False, "no attribute or answered question matches")


def _review_summary(question: str, plan: Plan, evidence: Evidence) -> Verdict:
    if not plan.product_ids:
        return Verdict(False, "no product referred to")
    reports = evidence.aspects.get(plan.product_ids[0], [])
    aspect = plan.slots.aspect
    if aspect is not None:
        reports = [r for r in reports if r.aspect == aspect]
    about = f" on {aspect}" if aspect else ""
    return _found(bool(reports), f"review aspects{about}", f"no review aspects{about}")


def _price_history(question: str, plan: Plan, evidence: Evidence) -> Verdict:
    if not plan.product_ids:
        return Verdict(False, "no product referred to")
    history = evidence.histories.get(plan.product_ids[0])
    points = len(history.points) if history else 0
    return _found(points >= 2, f"history of {points} points", "no price history")


def _deals(question: str, plan: Plan, evidence: Evidence) -> Verdict:
    return _found(bool(evidence.deals), "deals found", "no deals found")


def _price_alert(question: str, plan: Plan, evidence: Evidence) -> Verdict:
    condition = plan.slots.alert_condition
    if condition is None:
        return Verdict(False, "nothing the store can watch")
    if plan.product_ids:
        found = {p.id for p in evidence.products}
        return _found(plan.product_ids[0] in found, f"{condition} alert", "product not found")
    watched = plan.slots.category or plan.slots.brand
    ok = condition == "deal_starts" and watched is not None
    return _found(ok, f"deal alert on {watched}", "no product or category to watch")


def _cart_action(question: str, plan: Plan, evidence: Evidence) -> Verdict:
    if plan.slots.cart_op in ("view", "checkout"):
        return Verdict(True, f"cart {plan.slots.cart_op}")
    found = {p.id for p in evidence.products}
    ok = bool(plan.product_ids) and plan.product_ids[0] in found
    return _found(ok, f"cart {plan.slots.cart_op}", "no product to put in the cart")


def _store_policy(question: str, plan: Plan, evidence: Evidence) -> Verdict:
    topic = plan.policy_topic
    return _found(topic is not None, f"{topic} policy", "no policy topic")


def _memory(question: str, plan: Plan, evidence: Evidence) -> Verdict:
    return Verdict(True, "the account's memory")


_NEEDS: dict[Intent, Callable[[str, Plan, Evidence], Verdict]] = {
    "search": _search,
    "compare": _compare,
    "product_question": _product_question,
    "review_summary": _review_summary,
    "price_history": _price_history,
    "deals": _deals,
    "price_alert": _price_alert,
    "cart_action": _cart_action,
    "store_policy": _store_policy,
    "account_memory": _memory,
}
