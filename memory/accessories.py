"""Which products are accessories, and of what: read from the catalog's category paths.

The catalog has no "accessory of" link (``compatibility`` names devices, not product ids),
so the rule works on what every feed has, the category path (``"A > B > C"``):

- a product is an **accessory** when the *leaf* of its path (the last part) names a word
  of the lexicon ``accessory_words.txt``, singular or plural: "Chargers & Cables",
  "Blender Accessories", "Replacement Filters". Only the leaf counts, because retailers
  file primaries under accessory aisles ("Cell Phones & Accessories > Smartphones",
  "Cutlery & Knife Accessories > Chef's Knives");
- every other product is a **primary**;
- an accessory is **of** a primary when both sit in the same department (the first part of
  the path): a USB-C charger goes with a laptop, not with a blender.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_WORD = re.compile(r"[a-z]+")


@cache
def accessory_words() -> frozenset[str]:
    """The packaged lexicon: singular, lower-case words, comments and blanks left out."""
    text = resources.files("memory").joinpath("accessory_words.txt").read_text("utf-8")
    lines = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return frozenset(line for line in lines if line)


def path_parts(category: str) -> list[str]:
    """The parts of a ``" > "``-joined category path, trimmed, empty ones left out."""
    return [part.strip() for part in category.split(">") if part.strip()]


def singulars(word: str) -> set[str]:
    """``word`` and the singulars it may be the plural of (accessories, cases, brushes)."""
    forms = {word}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("es"):
        forms.add(word[:-2])
    if word.endswith("s"):
        forms.add(word[:-1])
    return forms


def is_accessory(category: str, words: frozenset[str] | None = None) -> bool:
    """Whether the leaf of ``category`` names an accessory word (default: the lexicon)."""
    parts = path_parts(category)
    if not parts:
        return False
    lexicon = accessory_words() if words is None else words
    return any(singulars(word) & lexicon for word in _WORD.findall(parts[-1].lower()))


def department(category: str) -> str:
    """The first part of the path, lower case ('' for an empty path)."""
    parts = path_parts(category)
    return parts[0].lower() if parts else ""


def accessory_of(accessory: str, primary: str, words: frozenset[str] | None = None) -> bool:
    """Whether a product filed under ``accessory`` is an accessory of one under ``primary``."""
    return (
        is_accessory(accessory, words)
        and not is_accessory(primary, words)
        and department(accessory) == department(primary) != ""
    )
