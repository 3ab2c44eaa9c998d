"""The cart: what an account means to buy, priced live, and its checkout into an order.

Every method is synchronous (the API calls them with ``asyncio.to_thread``) and refuses
with a ``CartError`` whose message the shopper can act on; a refused call writes nothing.
Each change writes first and checks after, in one transaction, so two changes racing on
the same line can't both pass the checks.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, delete, update

from store.cart_pricing import cart_view, price_lines
from store.cart_rows import keys_in_cart, line_is, one_key_in_cart, stored_lines
from store.cart_views import CartLineView, CartView
from store.catalog import Catalog
from store.checkout import PlacedMeanwhile, check_out
from store.commerce_errors import (
    CartError,
    NoOfferError,
    NoSuchProductError,
    NotInCartError,
    QuantityError,
)
from store.commerce_schema import cart_lines, commerce_metadata
from store.conflicts import upsert_insert
from store.orders import Order, order_for_dedupe_key
from store.variants import choose_variant, variant_key

__all__ = ["MAX_LINE_QUANTITY", "Cart", "CartError", "CartLineView", "CartView"]

MAX_LINE_QUANTITY = 99
"""The most units of one product and variant a cart line holds."""


class Cart:
    """Accounts' carts over the catalog's database; safe to share between threads."""

    def __init__(self, catalog: Catalog) -> None:
        # The catalog's own engine and clock: an order and the stock it takes commit
        # together, and a cart prices a deal exactly as the catalog shows it.
        self.catalog = catalog
        self.engine = catalog.engine
        commerce_metadata.create_all(self.engine)

    def view(self, account_id: str) -> CartView:
        """The cart, every figure read from the store now."""
        with self.engine.connect() as conn:
            lines = stored_lines(conn, account_id)
            return cart_view(price_lines(conn, lines, self.catalog.clock()))

    def add(
        self,
        account_id: str,
        product_id: str,
        quantity: int = 1,
        variant: Mapping[str, str] | None = None,
    ) -> CartView:
        """Add units of a product (and variant) to the cart; returns the cart."""
        _check_quantity(quantity)
        key = self._variant_key(product_id, variant)
        now = self.catalog.clock()
        row = {"account_id": account_id, "product_id": product_id, "variant": key}
        with self.engine.begin() as conn:
            insert = upsert_insert(conn, cart_lines).values(
                **row, quantity=quantity, added_at=now, updated_at=now
            )
            more = {"quantity": cart_lines.c.quantity + quantity, "updated_at": now}
            conn.execute(insert.on_conflict_do_update(index_elements=list(row), set_=more))
            return self._checked(conn, account_id, product_id, key)

    def set_quantity(
        self,
        account_id: str,
        product_id: str,
        quantity: int,
        variant: Mapping[str, str] | None = None,
    ) -> CartView:
        """Set a line's quantity (0 removes it); ``NotInCartError`` if there is no such line."""
        if quantity == 0:
            return self.remove(account_id, product_id, variant)
        _check_quantity(quantity)
        with self.engine.begin() as conn:
            key = one_key_in_cart(conn, account_id, product_id, variant)
            change = update(cart_lines).where(line_is(account_id, product_id, key))
            done = conn.execute(change.values(quantity=quantity, updated_at=self.catalog.clock()))
            if done.rowcount != 1:  # removed since it was found
                raise NotInCartError(f"product {product_id!r} is not in the cart")
            return self._checked(conn, account_id, product_id, key)

    def remove(
        self, account_id: str, product_id: str, variant: Mapping[str, str] | None = None
    ) -> CartView:
        """Remove the product's line of that variant (every variant when ``None``)."""
        with self.engine.begin() as conn:
            keys = keys_in_cart(conn, account_id, product_id, variant)
            if not keys:
                raise NotInCartError(f"product {product_id!r} is not in the cart")
            doomed = line_is(account_id, product_id), cart_lines.c.variant.in_(keys)
            conn.execute(delete(cart_lines).where(*doomed))
        return self.view(account_id)

    def checkout(self, account_id: str, *, expected_total_cents: int, dedupe_key: str) -> Order:
        """Order the whole cart at the total the shopper confirmed, and empty it.

        A second call with the same ``dedupe_key`` returns the first call's order and
        changes nothing. Raises ``EmptyCartError``, ``PriceChangedError`` (the live total is
        not ``expected_total_cents``) or the first line's problem (stock, offer, variant).
        """
        try:
            with self.engine.begin() as conn:
                placed = order_for_dedupe_key(conn, dedupe_key)
                if placed is None:
                    placed = check_out(
                        conn,
                        account_id,
                        expected_total_cents=expected_total_cents,
                        dedupe_key=dedupe_key,
                        now=self.catalog.clock(),
                    )
        except PlacedMeanwhile:  # rolled back; the other transaction's order is committed
            with self.engine.connect() as conn:
                placed = order_for_dedupe_key(conn, dedupe_key)
            assert placed is not None
        if placed.account_id != account_id:
            raise CartError("that dedupe key was used for another account's order")
        return placed

    def _variant_key(self, product_id: str, variant: Mapping[str, str] | None) -> str:
        product = self.catalog.product(product_id)
        if product is None:
            raise NoSuchProductError(f"no product with id {product_id!r}")
        if product.offer is None:
            raise NoOfferError(f"{product.title} is not on sale now")
        chosen = choose_variant(product_id, product.variants, variant)
        return "" if chosen is None else variant_key(chosen.get("attributes") or {})

    def _checked(self, conn: Connection, account_id: str, product_id: str, key: str) -> CartView:
        # After the write, inside its transaction: raising here rolls the change back.
        priced = price_lines(conn, stored_lines(conn, account_id), self.catalog.clock())
        for line in priced:
            if line.line.product_id == product_id and line.line.variant == key:
                if line.line.quantity > MAX_LINE_QUANTITY:
                    raise QuantityError(
                        f"at most {MAX_LINE_QUANTITY} of one product per line; "
                        f"that would make {line.line.quantity}"
                    )
                if line.problem is not None:
                    raise line.problem
        return cart_view(priced)


def _check_quantity(quantity: int) -> None:
    if not 1 <= quantity <= MAX_LINE_QUANTITY:
        raise QuantityError(f"the quantity must be 1 to {MAX_LINE_QUANTITY}, not {quantity}")
