"""The text each product is indexed under, shared by the lexical and dense indexes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_WORD = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
STOPWORDS = frozenset(
    """
    a an and are as at be but by for from has have i in is it its of on or that the this
    to was were will with my me we you your our their they them what which who how can
    does do did want need looking look find show get some any about under over below
    above less than more
    """.split()
)


def attribute_text(attributes: Mapping[str, Any]) -> str:
    """``noise 62 dB; dishwasher safe`` from normalized attributes."""
    parts = []
    for name, attr in attributes.items():
        label = name.replace("_", " ")
        value = attr.get("value") if isinstance(attr, Mapping) else attr
        if value is True:
            parts.append(label)
        elif value is False:
            parts.append(f"not {label}")
        else:
            number = f"{value:g}" if isinstance(value, float) else str(value)
            unit = attr.get("unit") if isinstance(attr, Mapping) else None
            parts.append(f"{label} {number}{' ' + unit if unit else ''}")
    return "; ".join(parts)


def dense_text(row: Mapping[str, Any]) -> str:
    """Short text for the embedding model: what the product is, first (it reads 128 tokens)."""
    features = " ".join(row["features"][:3])
    return f"{row['title']}. {row['category']}. {row['brand'] or ''}. {features}"


def lexical_text(row: Mapping[str, Any]) -> str:
    """Everything a shopper's words may match: title, brand, category, features, attributes."""
    return " ".join(
        [
            row["title"],
            row["title"],  # titles count twice: they say what the product is
            row["brand"] or "",
            row["category"].replace(" > ", " "),
            " ".join(row["features"]),
            attribute_text(row["attributes"]),
            " ".join(row["compatibility"]),
            row["description"][:500],
        ]
    )


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens without stopwords, lightly stemmed (plural ``s``)."""
    return [_stem(token) for token in _WORD.findall(text.lower()) if token not in STOPWORDS]


def _stem(token: str) -> str:
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token
