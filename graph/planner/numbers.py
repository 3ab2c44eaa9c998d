"""Small whole numbers written as digits or words ("two", "a couple", "3")."""

from __future__ import annotations

WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "two": 2,
    "couple": 2,
    "pair": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
}
ORDINALS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
}
_SPELLED = sorted((w for w in WORDS if w not in ("a", "an")), key=len, reverse=True)
NUMBER = r"(?:\d{1,3}|" + "|".join(_SPELLED) + r")"
"""A regex alternative for one small number, in digits or words ("a" and "an" excluded)."""


def number(word: str) -> int | None:
    """The value of a digit string or number word, None if it is neither."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return WORDS.get(word)
