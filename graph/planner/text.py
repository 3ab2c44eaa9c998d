"""How the planner reads a message: lower-case word tokens that remember where they were.

Apostrophes are dropped inside words ("chef's" -> "chefs", "don't" -> "dont") and "&" reads
as "and", so catalog names and shoppers' spellings meet on the same tokens. Phrases are
compared by their singular keys, so "robot vacuums" and "robot vacuum" look alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_WORD = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?|&")
_IRREGULAR = {"knives": "knife", "shelves": "shelf", "series": "series", "news": "news"}
_KEEP = frozenset({"this", "its", "is", "has", "was", "does", "gas", "glass", "always", "yes"})


@dataclass(frozen=True)
class Token:
    """One word of a message."""

    text: str
    """Lower case, apostrophes removed, "&" written "and"."""
    start: int
    end: int
    """Character span in the message."""


def tokenize(message: str) -> list[Token]:
    """Split ``message`` into word tokens with their character spans."""
    tokens = []
    for match in _WORD.finditer(message.lower()):
        word = match.group().replace("'", "").replace("\u2019", "")
        tokens.append(Token("and" if word == "&" else word, match.start(), match.end()))
    return tokens


def words(text: str) -> list[str]:
    """The token texts of ``text``."""
    return [token.text for token in tokenize(text)]


def singular(word: str) -> str:
    """A rough singular of an English noun, good enough to compare plural and singular."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 2 or word in _KEEP or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def phrase_key(parts: Iterable[str]) -> tuple[str, ...]:
    """The comparison key of a phrase: its words, each made singular."""
    return tuple(singular(part) for part in parts)


def covered(tokens: Sequence[Token], spans: Iterable[tuple[int, int]]) -> list[bool]:
    """For each token, whether it lies inside one of ``spans``."""
    ranges = list(spans)
    return [any(start <= t.start and t.end <= end for start, end in ranges) for t in tokens]
