"""Answers that propose an action the shopper confirms: a price alert, a cart addition."""

from __future__ import annotations

from graph.composer.composition import Composition
from graph.directives import ActionTag, ProductTag
from graph.evidence import Evidence
from graph.plan import Plan
from prompts import render_prompt


def compose_alert(plan: Plan, evidence: Evidence) -> Composition:
    """A price-alert proposal for the product in view, at the shopper's price."""
    if not evidence.products:
        return Composition(text=render_prompt("which_product"))
    product = evidence.products[0]
    target = plan.slots.target_price or plan.filters.max_price
    action = ActionTag(do="set_alert", id=product.id, price=target)
    return Composition(text=render_prompt("confirm_alert"), directives=[action])


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
