"""Why the store refuses a cart change, a checkout or an order: one class per reason.

Each message is a sentence a shopper can act on. The API maps the classes to status codes;
the store itself knows nothing of HTTP.
"""

from __future__ import annotations


class CartError(ValueError):
    """The cart change, checkout or order was refused; nothing was written."""


class NoSuchProductError(CartError):
    """The catalog has no product with that id."""


class NotInCartError(CartError):
    """The cart holds no line for that product and variant."""


class QuantityError(CartError):
    """A line's quantity is below 1 or above ``MAX_LINE_QUANTITY``."""


class VariantError(CartError):
    """The product has no such variant, or a variant must be chosen."""


class NoOfferError(CartError):
    """The product is not on sale now (the store has no offer for it)."""


class OutOfStockError(CartError):
    """The store has fewer units than asked for."""


class MixedCurrencyError(CartError):
    """An order is paid in one currency; the product is priced in another."""


class EmptyCartError(CartError):
    """There is nothing to check out."""


class PriceChangedError(CartError):
    """The live total differs from the one the shopper confirmed."""
