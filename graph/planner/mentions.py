"""Words that point at products the shopper has seen: "the second one", "the Sony", "both".

Each finder reads the lower-cased message and the products on screen and returns what it
found with the character span of the words, so the resolver can order mentions and the
search text can drop them. A finder never guesses: when its words match nothing on screen,
it says so (``Found.products`` empty) and the resolver records the mention as unresolved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from graph.plan import RefKind, ShownProduct
from graph.planner.numbers import ORDINALS, number

_NOT_ORDINAL_AFTER = (
    r"(?!\s+(?:\d|few|couple|week|month|year|day|time|quarter|price|hand|place|night))"
)
_ORDINAL = re.compile(
    rf"\b(?:the\s+)?(?P<word>{'|'.join(ORDINALS)}|(?<=the )last|last(?= one))"
    r"(?:\s+(?P<n>two|three|four|2|3|4)\b)?"
    rf"(?:\s+(?:one|item|product|option|choice|pick|result)\b)?{_NOT_ORDINAL_AFTER}"
    r"|#\s?(?P<hash>\d)\b|\b(?:number|no\.?|option|item|result)\s*(?P<num>\d)\b"
)
_GROUP = re.compile(
    r"\b(?:both(?: of (?:them|these|those))?|all (?:of )?(?:them|these|those|(?P<all>two|three"
    r"|four|five|\d))|(?:these|those|the) (?P<n>two|three|four|2|3|4)(?! (?:best|cheapest|top|"
    r"most|highest|lowest))|them|em|these|those)\b"
)
_SUPERLATIVE = re.compile(
    r"\bthe\s+(?:(?P<n>two|three|2|3)\s+)?(?P<sup>cheap(?:er|est)|less expensive|least expensive"
    r"|(?:more|most) expensive|pricier|priciest|(?:better|best|higher|highest|top)[- ]rated"
    r"|lower[- ]rated|worst[- ]rated|(?:best|worst)(?=\s+(?:ones?|options?|of)\b))(?:\s+(?:one|ones"
    r"|option|of (?:them|these|those|the (?:two|three))))?\b"
)


@dataclass(frozen=True)
class Found:
    """Products some words point at."""

    span: tuple[int, int]
    products: tuple[str, ...]
    """Product ids; empty when the words match nothing on screen."""
    kind: RefKind


def find_ordinals(text: str, shown: Sequence[ShownProduct]) -> list[Found]:
    """Ordinals among the products shown: "the second one", "#2", "the last one"."""
    found = []
    for match in _ORDINAL.finditer(text):
        word = match["word"]
        size = number(match["n"]) if match["n"] else 1
        if word == "last":
            picked = shown[-(size or 1) :] if shown else []
        else:
            index = ORDINALS[word] if word else int(match["hash"] or match["num"])
            picked = list(shown[index - 1 : index - 1 + (size or 1)]) if index >= 1 else []
        found.append(Found(match.span(), tuple(p.id for p in picked), "ordinal"))
    return found


def find_groups(text: str, shown: Sequence[ShownProduct]) -> list[Found]:
    """Groups: "these two", "both", "them", "all three" are the first products shown."""
    found = []
    for match in _GROUP.finditer(text):
        words = match.group()
        size = number(match["n"] or match["all"] or "") or (2 if "both" in words else None)
        picked = shown[:size] if size else shown
        found.append(Found(match.span(), tuple(p.id for p in picked), "pronoun"))
    return found


def find_superlatives(text: str, shown: Sequence[ShownProduct]) -> list[Found]:
    """Rankings among the products shown: "the cheaper one", "the best rated one"."""
    found = []
    for match in _SUPERLATIVE.finditer(text):
        sup, size = match["sup"], number(match["n"] or "") or 1
        if "cheap" in sup or "less" in sup or "least" in sup:
            ranked = sorted((p for p in shown if p.price is not None), key=lambda p: p.price or 0)
        elif "expensive" in sup or "pric" in sup:
            ranked = sorted(
                (p for p in shown if p.price is not None), key=lambda p: -(p.price or 0)
            )
        else:
            worst = "worst" in sup or "lower" in sup
            rated = [p for p in shown if p.rating is not None]
            ranked = sorted(rated, key=lambda p: (p.rating or 0) * (1 if worst else -1))
        found.append(Found(match.span(), tuple(p.id for p in ranked[:size]), "superlative"))
    return found
