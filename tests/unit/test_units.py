"""Attribute normalization: one canonical unit per family, clear errors."""

from __future__ import annotations

import pytest

from store.units import Attribute, normalize_attribute


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("62 dB", Attribute(value=62.0, unit="dB")),
        ("1.5 kW", Attribute(value=1500.0, unit="W")),
        ("540 g", Attribute(value=0.54, unit="kg")),
        ("2 lb", Attribute(value=0.907185, unit="kg")),
        ("55 min", Attribute(value=0.916667, unit="h")),
        ("250 ml", Attribute(value=0.25, unit="L")),
        ("1,5 L", Attribute(value=1.5, unit="L")),
        ('15.6"', Attribute(value=39.624, unit="cm")),
        ("12 widgets", Attribute(value=12.0, unit="widgets")),
        ({"value": 40, "unit": "hours"}, Attribute(value=40.0, unit="h")),
        ({"value": "red"}, Attribute(value="red")),
        ("yes", Attribute(value=True)),
        (False, Attribute(value=False)),
        (7, Attribute(value=7.0)),
        ("stainless steel", Attribute(value="stainless steel")),
    ],
)
def test_normalize(raw: object, expected: Attribute) -> None:
    assert normalize_attribute("x", raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"unit": "W"}, "an object needs a 'value'"),
        ({"value": 1, "units": "W"}, "unknown keys ['units']"),
        ("", "expected a number"),
        ([1, 2], "expected a number"),
    ],
)
def test_bad_attributes_are_named(raw: object, message: str) -> None:
    with pytest.raises(ValueError, match="attribute 'power'") as caught:
        normalize_attribute("power", raw)
    assert message in str(caught.value)
