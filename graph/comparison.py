"""The rows of a comparison: which attributes to show, and their values side by side.

The store keeps attributes normalized (``{"value": 1500.0, "unit": "W"}``, see
``store.units``), so "1.5 kW" and "600 W" already share a unit. A requested attribute
name is matched loosely: ``noise_db`` finds ``noise``, ``battery`` finds ``battery_life``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from graph.components import ComparedAttribute

MAX_SHARED = 6
"""How many shared attributes a comparison shows when none were asked for."""

Attributes = Mapping[str, Any]


def _key(name: str) -> str:
    return "_".join(re.findall(r"[a-z0-9]+", name.lower()))


def _resolve(wanted: str, attributes: Attributes) -> str | None:
    """The product's attribute that ``wanted`` names: exact, then the closest prefix match."""
    key = _key(wanted)
    exact = [name for name in attributes if _key(name) == key]
    if exact:
        return exact[0]
    near = [
        name
        for name in attributes
        if key.startswith(_key(name) + "_") or _key(name).startswith(key + "_")
    ]
    return min(near, key=lambda name: abs(len(_key(name)) - len(key)), default=None)


def _split(raw: Any) -> tuple[Any, str | None]:
    if isinstance(raw, Mapping) and "value" in raw:
        return raw["value"], raw.get("unit")
    return raw, None


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))
    return str(value)


def compared_attribute(name: str, products: Sequence[Attributes]) -> ComparedAttribute | None:
    """One row: ``name``'s value for each product; None when no product has it."""
    found = [_resolve(name, attributes) for attributes in products]
    if not any(found):
        return None
    cells = [
        _split(a[key]) if key else (None, None) for a, key in zip(products, found, strict=True)
    ]
    units = {unit for value, unit in cells if value is not None}
    unit = units.pop() if len(units) == 1 else None
    values = [_cell(value, cell_unit, shared=unit is not None) for value, cell_unit in cells]
    label = next(key for key in found if key)
    return ComparedAttribute(name=label, values=values, unit=unit)


def _cell(value: Any, unit: str | None, *, shared: bool) -> str | None:
    if value is None:
        return None
    return _text(value) if shared or not unit else f"{_text(value)} {unit}"


def shared_attributes(products: Sequence[Attributes]) -> list[str]:
    """Attributes every product has, in the first product's order (at most ``MAX_SHARED``)."""
    if not products:
        return []
    first, others = products[0], products[1:]
    return [name for name in first if all(name in other for other in others)][:MAX_SHARED]


def compare_attributes(
    products: Sequence[Attributes], wanted: Sequence[str] = ()
) -> list[ComparedAttribute]:
    """The comparison's rows: the ``wanted`` attributes any product has, else shared ones."""
    for names in (wanted, shared_attributes(products)):
        rows = {row.name: row for name in names if (row := compared_attribute(name, products))}
        if rows:
            return list(rows.values())
    return []
