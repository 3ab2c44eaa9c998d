"""Answers that propose an action the shopper confirms: an alert, a cart addition."""

from __future__ import annotations

from graph import alert_talk
from graph.alert_request import AlertProblem, alert_request
from graph.composer.composition import Composition
from graph.directives import ActionTag, ProductTag
from graph.evidence import Evidence
from graph.plan import Plan
from prompts import render_prompt


def compose_alert(plan: Plan, evidence: Evidence) -> Composition:
    """The alert the shopper described, to confirm; or why there is none to propose.

    A plain product alert comes with its action component. A category has no product to
    show, and an auto-buy is put to the shopper as the interrupt's question alone: a
    component would show the alert without its purchase.
    """
    request = alert_request(plan, evidence)
    if isinstance(request, AlertProblem):
        text = alert_talk.problem(request) or render_prompt("which_product")
        return Composition(text=text)
    spec = request.spec
    buying = spec.auto_buy is not None
    confirm = render_prompt("confirm_auto_buy_alert" if buying else "confirm_alert")
    text = f"{alert_talk.proposal(request)} {confirm}"
    if spec.product_id is None or buying:
        return Composition(text=text)
    action = ActionTag(
        do="set_alert",
        id=spec.product_id,
        price=spec.target,
        condition=None if spec.condition == "price_at_most" else spec.condition,  # the price says
        percent=spec.drop_percent,
    )
    return Composition(text=text, directives=[action])


def compose_cart(plan: Plan, evidence: Evidence) -> Composition:
    """An add-to-cart proposal, or why the product can't be bought now.

    Viewing, removing and checking out work on the account's cart, which the ``act``
    node reads and changes after the answer: the answer only introduces it.
    """
    if plan.slots.cart_op in ("view", "checkout", "remove"):
        return Composition(text=render_prompt(f"cart_{plan.slots.cart_op}"))
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
