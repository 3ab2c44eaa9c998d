"""Attribute snippets of the ePQA dataset.

They are Amazon catalog fields written in a loose notation::

    item_part_number:  { value:"ler2629" }
    item_weight:  { unit:kilograms, normalized_value:{ unit:pounds, value:1.6 }, value:0.73 }
    material:  { value:"polycarbonate" }; { value:"silicone" }

Flat values (with an optional unit) are mapped; nested structures (dimensions split into
length, width and height, nutrition tables) are left out: in the source their parts do not
always agree with each other.
"""

from __future__ import annotations

import re

from store.units import Attribute, normalize_attribute

_SNIPPET = re.compile(r"^([a-z0-9_]+):\s*(\{.*\})\s*$", re.DOTALL)
_NORMALIZED = re.compile(r"normalized_value:\s*\{[^{}]*\},?\s*")
_VALUE = re.compile(r"(?:^|,\s*)(?:value|decimal_value):\s*")
_UNIT = re.compile(r"(?:^|,\s*)unit:\s*([a-z_]+)")
_IDENTIFIER = re.compile(r"(?:^|_)(?:number|model|upc|ean|isbn|gtin|sku|id|asin)(?:_|$)")
_UNITS = {
    "inches": "in",
    "centimeters": "cm",
    "millimeters": "mm",
    "meters": "m",
    "feet": "ft",
    "pounds": "lb",
    "kilograms": "kg",
    "grams": "g",
    "ounces": "oz",
    "milligrams": "mg",
    "liters": "l",
    "milliliters": "ml",
    "fluid_ounces": "fl oz",
    "volts": "v",
    "watts": "w",
    "watt_hours": "wh",
    "amps": "A",
    "hours": "h",
    "minutes": "min",
    "gb": "gb",
    "mb": "mb",
    "degrees_celsius": "°c",
    "megapixels": "mp",
    "mhz": "MHz",
    "kilocalories": "kcal",
}
"""ePQA unit names -> units ``store.units`` knows (others are kept as written)."""
_NO_UNIT = {"unknown_modifier"}


def parse_attribute_snippet(snippet: str) -> tuple[str, Attribute] | None:
    """Return ``(name, attribute)`` for a flat attribute snippet, else ``None``."""
    match = _SNIPPET.match(snippet.strip())
    if match is None:
        return None
    name, body = match.groups()
    blocks = _top_level_blocks(body)
    values = [value for value in map(_block_value, blocks) if value is not None]
    if not values or len(values) != len(blocks):
        return None
    if len(values) == 1:
        value, unit = values[0]
        return name, _attribute(name, value, unit)
    return name, Attribute(value="; ".join(str(value) for value, _unit in values))


def _top_level_blocks(body: str) -> list[str]:
    """Split ``{ a }; { b }`` into the insides of its outermost braces."""
    blocks, depth, start = [], 0, 0
    for index, char in enumerate(body):
        if char == "{":
            depth += 1
            if depth == 1:
                start = index + 1
        elif char == "}" and depth > 0:
            depth -= 1
            if depth == 0:
                blocks.append(body[start:index].strip())
    return blocks


def _block_value(block: str) -> tuple[str | float | bool, str | None] | None:
    """Read ``unit:..., value:...`` from one flat block; ``None`` for a nested one."""
    flat = _NORMALIZED.sub("", block)
    found = _VALUE.search(flat)
    if "{" in flat or found is None:
        return None
    raw = flat[found.end() :].strip()
    if raw.startswith('"'):
        value: str | float | bool = raw[1 : raw.rfind('"')].replace('|"', '"').strip()
        is_text = True
    else:
        value, is_text = raw.split(",", 1)[0].strip(), False
    unit = _UNIT.search(flat)
    unit_name = unit.group(1) if unit and unit.group(1) not in _NO_UNIT else None
    if not value:
        return None
    return (value if is_text else _scalar(str(value))), unit_name


def _scalar(text: str) -> str | float | bool:
    if text in {"true", "false"}:
        return text == "true"
    try:
        return float(text)
    except ValueError:
        return text


def _attribute(name: str, value: str | float | bool, unit: str | None) -> Attribute:
    if isinstance(value, float) and unit is not None:
        return normalize_attribute(name, {"value": value, "unit": _UNITS.get(unit, unit)})
    if isinstance(value, str) and _IDENTIFIER.search(name):
        return Attribute(value=value)
    return normalize_attribute(name, value)
