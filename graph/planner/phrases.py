"""The phrase index behind ``Vocabulary``: every way a shopper may name a catalog term.

A category is named by its leaf ("Robot Vacuums"), its other levels ("Headphones"), the parts
of a compound name ("fitness trackers" of "Smartwatches & Fitness Trackers"), and synonyms
from ``synonyms.jsonl`` ("earbuds"). Phrases are keyed by singular words, so plural and
singular forms meet.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from graph.planner.text import phrase_key, words

TermKind = Literal["brand", "category"]

_PART_SPLIT = re.compile(r"\s*(?:&|,| and )\s*")
_VAGUE_PARTS = frozenset({"accessories", "more", "other", "supplies", "video", "audio", "gear"})
_VAGUE_BRANDS = frozenset({"generic", "unknown", "unbranded", "none", "other", "na"})
_COMMON_WORDS = frozenset(
    {"top", "set", "case", "home", "best", "sale", "deal", "new", "one", "pack", "kit", "line"}
)
"""Single words too common to mean a catalog name on their own ("top 5" is not Tops & Tees)."""


@dataclass(frozen=True)
class Term:
    """A catalog name a phrase stands for."""

    kind: TermKind
    name: str


@cache
def packaged_synonyms() -> tuple[tuple[str, str], ...]:
    """(phrase, category name) pairs from ``synonyms.jsonl``: shoppers' words for categories."""
    text = resources.files("graph.planner").joinpath("synonyms.jsonl").read_text("utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return tuple((row["phrase"], row["category"]) for row in rows)


def _parts(name: str) -> list[str]:
    if not _PART_SPLIT.search(name):
        return []
    parts = [part.strip() for part in _PART_SPLIT.split(name)]
    return [p for p in parts if len(p) > 2 and p.lower() not in _VAGUE_PARTS]


def build_index(
    brands: Iterable[str], paths: Iterable[str], synonyms: Iterable[tuple[str, str]]
) -> dict[tuple[str, ...], Term]:
    """Phrase key -> term; earlier entries win: leaves, brands, levels, name parts, synonyms."""
    levels = [[level.strip() for level in path.split(">")] for path in paths]
    leaves = [path[-1] for path in levels if path]
    inner = [name for path in levels for name in path[:-1]]
    entries: list[tuple[str, Term]] = [(leaf, Term("category", leaf)) for leaf in leaves]
    entries += [(b, Term("brand", b)) for b in brands if b.lower() not in _VAGUE_BRANDS]
    entries += [(name, Term("category", name)) for name in inner]
    below_root = leaves + [name for path in levels for name in path[1:-1]]
    entries += [(part, Term("category", name)) for name in below_root for part in _parts(name)]
    known = set(leaves) | set(inner)
    entries += [(p, Term("category", name)) for p, name in synonyms if name in known]
    index: dict[tuple[str, ...], Term] = {}
    for phrase, term in entries:
        key = phrase_key(words(phrase))
        if key and len("".join(key)) > 1 and not (len(key) == 1 and key[0] in _COMMON_WORDS):
            index.setdefault(key, term)
    return index
