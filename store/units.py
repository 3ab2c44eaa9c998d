"""Attribute values with units, normalized so that filters compare like with like.

A feed may say ``"weight": "1.2 lb"``, ``"weight": {"value": 540, "unit": "g"}`` or
``"weight": 0.54``; all become ``Attribute(value=..., unit="kg")``. Each unit family has
one canonical unit; units we do not know are kept as written.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

AttributeValue = float | bool | str


class Attribute(BaseModel):
    """One normalized attribute value."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: AttributeValue
    unit: str | None = None


# unit as written (lower case) -> (canonical unit, factor to multiply by)
_UNITS: dict[str, tuple[str, float]] = {
    # mass
    "kg": ("kg", 1.0),
    "g": ("kg", 0.001),
    "lb": ("kg", 0.45359237),
    "lbs": ("kg", 0.45359237),
    "oz": ("kg", 0.028349523),
    # length
    "cm": ("cm", 1.0),
    "mm": ("cm", 0.1),
    "m": ("cm", 100.0),
    "in": ("cm", 2.54),
    "inch": ("cm", 2.54),
    "inches": ("cm", 2.54),
    '"': ("cm", 2.54),
    "ft": ("cm", 30.48),
    # volume
    "l": ("L", 1.0),
    "ml": ("L", 0.001),
    "fl oz": ("L", 0.0295735),
    "cup": ("L", 0.236588),
    "cups": ("L", 0.236588),
    "gal": ("L", 3.78541),
    # power, electricity
    "w": ("W", 1.0),
    "kw": ("W", 1000.0),
    "v": ("V", 1.0),
    "mah": ("mAh", 1.0),
    "wh": ("Wh", 1.0),
    # time
    "h": ("h", 1.0),
    "hr": ("h", 1.0),
    "hrs": ("h", 1.0),
    "hour": ("h", 1.0),
    "hours": ("h", 1.0),
    "min": ("h", 1 / 60),
    "mins": ("h", 1 / 60),
    "minutes": ("h", 1 / 60),
    # sound, frequency, speed, storage, suction, temperature
    "db": ("dB", 1.0),
    "hz": ("Hz", 1.0),
    "khz": ("Hz", 1000.0),
    "rpm": ("rpm", 1.0),
    "gb": ("GB", 1.0),
    "tb": ("GB", 1000.0),
    "mb": ("GB", 0.001),
    "pa": ("Pa", 1.0),
    "kpa": ("Pa", 1000.0),
    "aw": ("AW", 1.0),
    "°c": ("°C", 1.0),
    "c": ("°C", 1.0),
    "mp": ("MP", 1.0),
    "bar": ("bar", 1.0),
}

_NUMBER_WITH_UNIT = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*([A-Za-z°\"][A-Za-z° ]*)?\s*$")
_BOOLEANS = {"yes": True, "true": True, "no": False, "false": False}


def convert(value: float, unit: str | None) -> tuple[float, str | None]:
    """Convert ``value`` in ``unit`` to its canonical unit (unknown units pass through)."""
    if unit is None:
        return value, None
    canonical = _UNITS.get(unit.strip().lower())
    if canonical is None:
        return value, unit.strip()
    name, factor = canonical
    return round(value * factor, 6), name


def normalize_attribute(name: str, raw: object) -> Attribute:
    """Turn what a feed wrote for attribute ``name`` into a normalized ``Attribute``."""
    if isinstance(raw, Attribute):
        return raw
    if isinstance(raw, dict):
        if "value" not in raw:
            raise ValueError(f"attribute {name!r}: an object needs a 'value'")
        unknown = set(raw) - {"value", "unit"}
        if unknown:
            raise ValueError(f"attribute {name!r}: unknown keys {sorted(unknown)}")
        value, unit = raw["value"], raw.get("unit")
        if isinstance(value, bool) or not isinstance(value, int | float):
            return _from_scalar(name, value)
        number, canonical = convert(float(value), unit)
        return Attribute(value=number, unit=canonical)
    return _from_scalar(name, raw)


def _from_scalar(name: str, raw: object) -> Attribute:
    if isinstance(raw, bool):
        return Attribute(value=raw)
    if isinstance(raw, int | float):
        return Attribute(value=float(raw))
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError(f"attribute {name!r}: expected a number, text, yes/no or an object")
    text = raw.strip()
    if text.lower() in _BOOLEANS:
        return Attribute(value=_BOOLEANS[text.lower()])
    match = _NUMBER_WITH_UNIT.match(text)
    if match:
        number = float(match.group(1).replace(",", "."))
        value, unit = convert(number, match.group(2))
        return Attribute(value=value, unit=unit)
    return Attribute(value=text)
