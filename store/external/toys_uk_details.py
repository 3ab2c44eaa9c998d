"""Attributes from the toys_uk ``product_information`` text.

The scrape flattened Amazon's "Technical Details" table into one string with each label
glued to its value (``"Item Weight998 g Item model number36200 Scale1:22.5"``). Labels are
found from a known list; only those with a clear meaning become attributes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from store.units import Attribute, normalize_attribute

_ATTRIBUTE_NAMES: dict[str, str] = {
    "Item Weight": "weight",
    "Weight": "weight",
    "Product Dimensions": "dimensions",
    "Manufacturer recommended age:": "min_age",
    "Item model number": "model_number",
    "Model Number": "model_number",
    "Manufacturer reference": "manufacturer_reference",
    "Scale": "scale",
    "Track Width/Gauge": "track_gauge",
    "Assembly Required": "assembly_required",
    "Batteries Required?": "batteries_required",
    "Batteries Included?": "batteries_included",
    "Batteries:": "batteries",
    "Remote Control Included?": "remote_control_included",
    "Material Type(s)": "material",
    "Color": "color",
    "Colour": "color",
    "Number of Puzzle Pieces": "number_of_pieces",
    "Number of Game Players": "number_of_players",
}
"""Source label -> attribute name, for the labels that have a clear meaning."""

_OTHER_LABELS = (
    "Our recommended age:",
    "Main Language(s)",
    "Engine Type",
    "Remote Control Type",
    "Radio Control Suitability",
    "Radio Control Number of Channels",
    "Radio Control Frequency",
    "Material Composition",
    "Material Care Instructions",
    "Educational Objective(s)",
    "Manufacturer's Suggested Maximum Weight",
    "Size",
    "Number Of Pieces",
    "WEEE Directive",
    "Brand",
    "Units",
    "Directions",
    "Format",
    "Expand General Information",
)
"""Labels that end the previous value but are not mapped."""

_LABELS = re.compile(
    r"(?:(?<=\s)|^)(?:"
    + "|".join(
        re.escape(label)
        for label in sorted((*_ATTRIBUTE_NAMES, *_OTHER_LABELS), key=len, reverse=True)
    )
    + ")"
)
_AGE = re.compile(
    r"^(\d+(?:\.\d+)?)\s*(months?|years?)?\s*(?:-\s*(\d+(?:\.\d+)?)\s*"
    r"(months?|years?)|(?:and up|\+))",
    re.IGNORECASE,
)
_NOT_A_VALUE = {"", "n/a", "na", "none", "-"}
_WEIGHT_WORDS = {"grams": "g", "gram": "g", "kilograms": "kg", "kilogram": "kg"}


def technical_details(product_information: str) -> dict[str, str]:
    """Return ``{label: value}`` from the technical part of ``product_information``.

    Everything from "Additional Information" on (sales rank, shipping weight) is ignored.
    """
    details = product_information.split("Additional Information", 1)[0]
    details = details.removeprefix("Technical Details").replace("\xa0", " ")
    found = list(_LABELS.finditer(details))
    ends = [match.start() for match in found[1:]] + [len(details)] if found else []
    values: dict[str, str] = {}
    for match, end in zip(found, ends, strict=True):
        values.setdefault(match.group(), details[match.end() : end].strip())
    return values


def attributes_from_details(product_information: str) -> dict[str, Attribute]:
    """Map the clear technical details to normalized attributes; unclear values are left out."""
    attributes: dict[str, Attribute] = {}
    for label, raw in technical_details(product_information).items():
        name = _ATTRIBUTE_NAMES.get(label)
        if name is None or name in attributes or raw.lower() in _NOT_A_VALUE:
            continue
        attribute = _CONVERTERS.get(name, _as_text)(name, raw)
        if attribute is not None:
            attributes[name] = attribute
    return attributes


def _as_text(name: str, raw: str) -> Attribute:
    """Keep ``raw`` as written (identifiers like ``"0622100"`` must not become numbers)."""
    return Attribute(value=raw)


def _as_normalized(name: str, raw: str) -> Attribute:
    return normalize_attribute(name, raw)


def _as_weight(name: str, raw: str) -> Attribute | None:
    number, _, unit = raw.partition(" ")
    attribute = normalize_attribute(name, f"{number} {_WEIGHT_WORDS.get(unit.lower(), unit)}")
    return attribute if attribute.unit == "kg" else None


def _as_min_age(name: str, raw: str) -> Attribute | None:
    """``"3 years and up"`` -> 3 years; ``"36 months - 8 years"`` -> 3 years.

    A range whose low end is above its high end (``"5 - 3 years"``, in the source) says
    nothing reliable, so it gives no attribute.
    """
    match = _AGE.match(raw)
    if match is None:
        return None
    low, low_unit, high, high_unit = match.groups()
    low_unit = low_unit or high_unit or "years"
    low_years = float(low) / (12 if low_unit.lower().startswith("month") else 1)
    if high is not None:
        high_years = float(high) / (12 if high_unit.lower().startswith("month") else 1)
        if low_years > high_years:
            return None
    return Attribute(value=round(low_years, 2), unit="years")


def _as_count(name: str, raw: str) -> Attribute | None:
    return Attribute(value=float(raw)) if raw.isdigit() else None


_CONVERTERS: dict[str, Callable[[str, str], Attribute | None]] = {
    "weight": _as_weight,
    "min_age": _as_min_age,
    "number_of_pieces": _as_count,
    "assembly_required": _as_normalized,
    "batteries_required": _as_normalized,
    "batteries_included": _as_normalized,
    "remote_control_included": _as_normalized,
}
