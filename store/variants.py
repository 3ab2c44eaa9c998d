"""A product's variants as the cart sees them: the shopper's choice, its key and its price.

A choice is a dict of labels (``{"color": "blue", "size": "M"}``), matched without regard
to case against the product's ``variants`` (``[{"sku", "attributes", "price_delta",
"in_stock"}]``). It is stored as a key in the product's own spelling, sorted by label:
``"color=blue;size=M"``, ``""`` for a product without variants.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from store.commerce_errors import VariantError

_ESCAPES = (("%", "%25"), (";", "%3B"), ("=", "%3D"))


def variant_key(labels: Mapping[str, str]) -> str:
    """The stored key of a choice: ``label=value`` pairs sorted by label, joined by ``;``."""
    return ";".join(f"{_escape(k)}={_escape(v)}" for k, v in sorted(labels.items()))


def variant_labels(key: str) -> dict[str, str]:
    """The choice a stored key stands for (``{}`` for ``""``)."""
    pairs = (part.partition("=") for part in key.split(";") if part)
    return {_unescape(k): _unescape(v) for k, _, v in pairs}


def choose_variant(
    product_id: str, variants: Sequence[Mapping[str, Any]], chosen: Mapping[str, str] | None
) -> Mapping[str, Any] | None:
    """The product's variant matching ``chosen``; ``None`` for a product without variants.

    A product with exactly one variant needs no choice. Raises ``VariantError`` when the
    choice matches none of them, or when a product with several is given none.
    """
    wanted = _folded(chosen or {})
    if not variants:
        if wanted:
            raise VariantError(f"product {product_id!r} comes in one version only")
        return None
    if not wanted and len(variants) == 1:
        return variants[0]
    for variant in variants:
        if _folded(variant.get("attributes") or {}) == wanted:
            return variant
    options = ", ".join(repr(variant_key(v.get("attributes") or {})) for v in variants)
    if not wanted:
        raise VariantError(f"choose a variant of {product_id!r}: {options}")
    raise VariantError(f"product {product_id!r} has no variant {variant_key(chosen or {})!r}")


def find_variant(variants: Sequence[Mapping[str, Any]], key: str) -> Mapping[str, Any] | None:
    """The variant a stored key names; ``None`` when the product no longer has it."""
    wanted = _folded(variant_labels(key))
    return next((v for v in variants if _folded(v.get("attributes") or {}) == wanted), None)


def same_variant(key: str, labels: Mapping[str, str]) -> bool:
    """Whether a stored key names the choice ``labels`` (without regard to case)."""
    return _folded(variant_labels(key)) == _folded(labels)


def price_delta_cents(variant: Mapping[str, Any] | None) -> int:
    """What the variant adds to the product's price, in cents."""
    delta = Decimal(str((variant or {}).get("price_delta") or 0))
    return int((delta * 100).to_integral_value())


def _folded(labels: Mapping[str, str]) -> dict[str, str]:
    return {k.strip().casefold(): str(v).strip().casefold() for k, v in labels.items()}


def _escape(text: str) -> str:
    for raw, escaped in _ESCAPES:
        text = text.replace(raw, escaped)
    return text


def _unescape(text: str) -> str:
    for raw, escaped in reversed(_ESCAPES):
        text = text.replace(escaped, raw)
    return text
