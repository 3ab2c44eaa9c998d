"""Components of one product, built from its ``store.views.Product``: pure functions."""

from __future__ import annotations

import re
from urllib.parse import quote

from graph.components import ActionProposal, DealCard, ProductCard, ProductLink
from graph.directives import ActionTag
from store.views import Product

PAGE_RELS = frozenset({"product", "page", "product page", "details", "product details"})
"""Link kinds (and ``<link>`` labels) that mean the product's own page."""


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def product_url(product: Product) -> str:
    """The product's page: its product-page link if it has one, else the store's own route."""
    for link in product.links:
        if _words(link.get("rel", "")) in PAGE_RELS and link.get("url"):
            return link["url"]
    return f"/products/{quote(product.id, safe='')}"


def product_card(product: Product) -> ProductCard:
    """The product's card, with its live offer (price None when the store has none)."""
    offer = product.offer
    return ProductCard(
        id=product.id,
        title=product.title,
        brand=product.brand,
        category=product.category,
        price=offer.price if offer else None,
        currency=offer.currency if offer else None,
        list_price=offer.list_price if offer else None,
        in_stock=offer.in_stock if offer else False,
        stock=offer.stock if offer else None,
        rating=product.rating,
        rating_count=product.rating_count,
        deal_label=offer.deal_label if offer else None,
        url=product_url(product),
    )


def deal_card(product: Product) -> DealCard | None:
    """The product's running deal; None when no deal runs now."""
    offer = product.offer
    if offer is None or offer.deal_label is None:
        return None
    return DealCard(
        card=product_card(product),
        label=offer.deal_label,
        ends_at=offer.deal_ends_at,
        regular_price=offer.regular_price,
        saving=round(offer.regular_price - offer.price, 2),
    )


def action_proposal(tag: ActionTag, product: Product) -> ActionProposal | None:
    """The proposal to confirm; None for adding an item that is not on offer or in stock."""
    offer = product.offer
    if tag.do == "add_to_cart" and (offer is None or not offer.in_stock):
        return None
    return ActionProposal(
        do=tag.do,
        product_id=product.id,
        title=product.title,
        price=offer.price if offer else None,
        currency=offer.currency if offer else None,
        quantity=tag.quantity,
        target_price=tag.price,
    )


def product_link(product: Product, label: str) -> ProductLink | None:
    """A link by kind: the product page, or the link whose kind the label names ("manual").

    None when the product has no link of that kind: a link is never made up.
    """
    wanted = _words(label)
    if wanted in PAGE_RELS:
        return ProductLink(product_id=product.id, label=label, url=product_url(product))
    for link in product.links:
        rel = _words(link.get("rel", ""))
        if rel and link.get("url") and f" {rel} " in f" {wanted} ":
            return ProductLink(product_id=product.id, label=label, url=link["url"])
    return None
