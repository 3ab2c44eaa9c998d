"""The catalog's words: brands and category names, and where a message mentions them.

Built once per catalog generation (``load_vocabulary``), then read by every planning call:
a lookup is a dictionary probe per token window, so planning needs no database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select

from graph.planner.phrases import Term, build_index, packaged_synonyms
from graph.planner.text import Token, phrase_key, words
from store import schema
from store.catalog import Catalog


@dataclass(frozen=True)
class TermMatch:
    """Where a message names a brand or a category."""

    term: Term
    first: int
    """Index of the first token."""
    last: int
    """Index after the last token."""
    span: tuple[int, int]
    """Character span in the message."""


@dataclass(frozen=True)
class Vocabulary:
    """Brands and category paths of one catalog, with a phrase index over them."""

    brands: tuple[str, ...] = ()
    """Canonical brand names."""
    categories: tuple[str, ...] = ()
    """Category paths, levels joined with ' > '."""
    synonyms: tuple[tuple[str, str], ...] | None = None
    """(phrase, category name) pairs; None reads the packaged list."""
    _index: dict[tuple[str, ...], Term] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        synonyms = packaged_synonyms() if self.synonyms is None else self.synonyms
        object.__setattr__(self, "_index", build_index(self.brands, self.categories, synonyms))

    def lookup(self, phrase: str) -> Term | None:
        """The brand or category a whole phrase names ("robot vacuum" -> Robot Vacuums)."""
        return self._index.get(phrase_key(words(phrase)))

    def find(self, tokens: Sequence[Token]) -> list[TermMatch]:
        """Brand and category mentions in ``tokens``: longest first, left to right."""
        keys = phrase_key(token.text for token in tokens)
        found, position = [], 0
        while position < len(keys):
            for size in range(min(6, len(keys) - position), 0, -1):
                term = self._index.get(keys[position : position + size])
                if term is not None:
                    span = (tokens[position].start, tokens[position + size - 1].end)
                    found.append(TermMatch(term, position, position + size, span))
                    position += size
                    break
            else:
                position += 1
        return found


def load_vocabulary(catalog: Catalog) -> Vocabulary:
    """Read the distinct brands and category paths of ``catalog``'s products."""
    products = schema.products
    with catalog.engine.connect() as conn:
        brands = conn.execute(select(products.c.brand).distinct()).scalars().all()
        paths = conn.execute(select(products.c.category).distinct()).scalars().all()
    return Vocabulary(
        brands=tuple(sorted({b.strip() for b in brands if b and b.strip()})),
        categories=tuple(sorted({p for p in paths if p})),
    )
