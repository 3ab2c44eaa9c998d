"""An account's stored cart lines: reading them, and finding the ones a request names.

Lines are found by what is stored, not by the catalog, so a product that left the feed
can still be changed or removed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, and_, select

from store.commerce_errors import NotInCartError, VariantError
from store.commerce_schema import cart_lines
from store.variants import same_variant


@dataclass(frozen=True)
class CartLine:
    """A stored line: what the shopper means to buy, without any price."""

    product_id: str
    variant: str
    quantity: int


def stored_lines(connection: Connection, account_id: str) -> list[CartLine]:
    """The account's lines, in the order they were first added."""
    table = cart_lines
    query = (
        select(table.c.product_id, table.c.variant, table.c.quantity)
        .where(table.c.account_id == account_id)
        .order_by(table.c.added_at, table.c.product_id, table.c.variant)
    )
    return [CartLine(*row) for row in connection.execute(query)]


def line_is(
    account_id: str, product_id: str | None = None, variant: str | None = None
) -> ColumnElement[bool]:
    """A WHERE clause for the account's lines (of a product, of one variant key)."""
    conditions = [cart_lines.c.account_id == account_id]
    if product_id is not None:
        conditions.append(cart_lines.c.product_id == product_id)
    if variant is not None:
        conditions.append(cart_lines.c.variant == variant)
    return and_(*conditions)


def keys_in_cart(
    connection: Connection, account_id: str, product_id: str, variant: Mapping[str, str] | None
) -> list[str]:
    """The stored variant keys of the product's lines ``variant`` names (all when ``None``)."""
    query = select(cart_lines.c.variant).where(line_is(account_id, product_id))
    keys = list(connection.execute(query).scalars())
    return keys if variant is None else [key for key in keys if same_variant(key, variant)]


def one_key_in_cart(
    connection: Connection, account_id: str, product_id: str, variant: Mapping[str, str] | None
) -> str:
    """The stored variant key of the one line the request names.

    Raises ``NotInCartError`` when there is none, ``VariantError`` when the cart holds
    several variants of the product and ``variant`` doesn't say which.
    """
    keys = keys_in_cart(connection, account_id, product_id, variant)
    if not keys:
        raise NotInCartError(f"product {product_id!r} is not in the cart")
    if len(keys) > 1:
        listed = ", ".join(repr(key) for key in sorted(keys))
        raise VariantError(
            f"the cart holds several variants of {product_id!r}: say which ({listed})"
        )
    return keys[0]
