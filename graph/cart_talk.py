"""What the assistant says about a cart or an order (pure: figures come from the store)."""

from __future__ import annotations

from store.cart_views import CartView
from store.orders import Order


def money(amount: float, currency: str | None) -> str:
    """An amount as the store reports it."""
    return f"{amount:,.2f} {currency or ''}".strip()


def cart_summary(cart: CartView) -> str:
    """One line per cart line, then the total."""
    if not cart.lines:
        return "Your cart is empty."
    lines = []
    for line in cart.lines:
        variant = ", ".join(f"{k} {v}" for k, v in line.variant.items())
        name = f"{line.title or line.product_id}{f' ({variant})' if variant else ''}"
        price = money(line.line_total, line.currency) if line.line_total is not None else "-"
        lines.append(f"- {line.quantity} × {name}: {price}")
    units = "item" if cart.item_count == 1 else "items"
    lines.append(f"Total: {money(cart.total, cart.currency)} for {cart.item_count} {units}.")
    return "\n".join(lines)


def order_placed(order: Order) -> str:
    """The confirmation of a placed order."""
    units = sum(line.quantity for line in order.lines)
    return (
        f"Order {order.id} is placed: {units} item{'s' if units != 1 else ''}, "
        f"{money(order.total_cents / 100, order.currency)}."
    )
