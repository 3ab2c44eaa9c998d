"""Products named outright: by id, brand, title word, or kind.

"the Sony", "the ProBlend", "the blender" (when the product in view is a blender).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from graph.plan import ShownProduct
from graph.planner.filler import FILLER
from graph.planner.mentions import Found
from graph.planner.numbers import ORDINALS, WORDS
from graph.planner.text import words
from graph.planner.variants import COLOURS
from graph.planner.vocabulary import TermMatch

_ID = re.compile(r"[a-z0-9][a-z0-9_.:-]*")
_THE_WORD = re.compile(r"\b(?i:the)\s+([A-Za-z][\w-]*)(?:\s+one)?\b")
_DEFINITE = re.compile(r"\b(?:the|this|that|my|these|those)\s+$")
_ONE = re.compile(r"\s+ones?\b")
_NOT_NAMES = FILLER | ORDINALS.keys() | WORDS.keys() | set(COLOURS.split("|"))
_NOT_NAMES |= {"last", "other", "same", "price", "first", "rated", "reviews", "page"}


def find_ids(text: str, candidates: Sequence[ShownProduct]) -> list[Found]:
    """Product ids typed out, when they belong to a product on screen."""
    ids = {product.id.lower(): product.id for product in candidates}
    return [
        Found(match.span(), (ids[match.group()],), "id")
        for match in _ID.finditer(text)
        if match.group() in ids
    ]


def find_brands(
    text: str, terms: Sequence[TermMatch], shown: Sequence[ShownProduct], page: ShownProduct | None
) -> list[Found]:
    """Brands of the catalog named in the message, matched among the products on screen.

    "the Sony" or "the Sony one" with no Sony in view is a failed reference; "Sony vs Bose"
    or "the Sony headphones" with none in view is something to search for.
    """
    found = []
    for match in terms:
        if match.term.kind != "brand":
            continue
        brand = match.term.name.lower()
        pool = [p for p in shown if (p.brand or "").lower() == brand]
        pool = pool or [p for p in [page] if p and (p.brand or "").lower() == brand]
        definite = _DEFINITE.search(text[: match.span[0]])
        described = any(t.term.kind == "category" and t.first == match.last for t in terms)
        if pool or (definite and not described):
            start = definite.start() if definite else match.span[0]
            one = _ONE.match(text, match.span[1])
            span = (start, one.end() if one else match.span[1])
            found.append(Found(span, tuple(p.id for p in pool[:1]), "name"))
    return found


def find_kinds(
    text: str, terms: Sequence[TermMatch], in_view: Sequence[ShownProduct]
) -> list[Found]:
    """Kinds: "the blender", "this jacket" mean the product in view of that category."""
    found = []
    for match in terms:
        definite = _DEFINITE.search(text[: match.span[0]])
        if match.term.kind != "category" or not definite:
            continue
        name = match.term.name.lower()
        pool = [p for p in in_view if name in _levels(p.category)]
        if pool:
            found.append(Found((definite.start(), match.span[1]), (pool[0].id,), "name"))
    return found


def _levels(path: str) -> list[str]:
    return [level.strip() for level in path.lower().split(">")]


def find_title_words(
    message: str, terms: Sequence[TermMatch], shown: Sequence[ShownProduct]
) -> list[Found]:
    """Title words: "the ProBlend" is the shown product with it; "the Sony" fails if none has it.

    Reads the original message: a capitalised unknown name is a reference that failed.
    """
    found = []
    titles = [(product, set(words(f"{product.title} {product.brand or ''}"))) for product in shown]
    for match in _THE_WORD.finditer(message):
        word = match.group(1).lower()
        if word in _NOT_NAMES or any(t.span[0] <= match.start(1) < t.span[1] for t in terms):
            continue
        pool = [product for product, title in titles if word in title]
        if pool and len(pool) < len(shown):
            found.append(Found(match.span(), (pool[0].id,), "name"))
        elif not pool and match.group(1)[0].isupper():
            found.append(Found(match.span(), (), "name"))
    return found
