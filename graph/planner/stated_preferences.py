"""Preferences a shopper states in passing: "I hate Oster", "my shoe size is 10.5", "I'm vegan".

Read by patterns, like prices: a small model can't be trusted to decide what to keep about
a person. A brand counts only when the catalog sells it, so "I prefer quiet ones" keeps
nothing. Only the shopper's own message is read, never retrieved text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from graph.planner.amounts import MONEY, amount
from memory.preferences import Preference

BrandOf = Callable[[str], str | None]
"""The catalog's name of the brand a phrase names, or None."""

_STOP = r"(?=\s*(?:[,.;!?]|\band\b|\bbut\b|\bso\b|\bbecause\b|\bsince\b|\bany ?more\b|$))"
_NAME = r"(?P<name>[\w&'’.+-]+(?: [\w&'’.+-]+){0,3}?)"
_LIKE = re.compile(
    r"(?:\bi (?:really |generally |usually |always |only |mostly )?"
    r"(?:prefer|love|like|trust|only buy|always buy)|\bi(?:'m| am) a (?:big |huge )?fan of)"
    rf"(?: the brand)? {_NAME}(?: products| stuff| gear| brand)?{_STOP}",
    re.IGNORECASE,
)
_AVOID = re.compile(
    r"\b(?:i (?:really |just )?(?:hate|dislike|avoid|can'?t stand|never buy|won'?t buy|"
    r"don'?t (?:like|want|trust|buy)|do not (?:like|want|trust|buy))"
    r"|i'?m not a fan of|i am not a fan of|(?:please )?(?:no more|never show me|"
    r"don'?t (?:show|recommend|suggest)(?: me)?|do not (?:show|recommend|suggest)(?: me)?))"
    rf"(?: the brand| anything from| anything by)? {_NAME}(?: products| stuff| gear| brand)?"
    rf"{_STOP}",
    re.IGNORECASE,
)
_BUDGET = re.compile(
    rf"\bmy budget(?: for (?P<for>[\w ]+?))? is (?:about |around |only |up to )?(?P<money>{MONEY})"
    rf"|\bi (?:never|don'?t|do not|won'?t) spend (?:more than|over) (?P<money2>{MONEY})"
    r"(?: on (?P<on>[\w ]+?))?(?=\s*(?:[,.;!?]|\band\b|\bbut\b|$))",
    re.IGNORECASE,
)
_SIZE_VALUE = (
    r"(?P<size>\d{1,2}(?:\.5)?|x{0,3}s|x{0,3}l|m|small|medium|large|extra[- ]large|"
    r"extra[- ]small)\b"
)
_SIZES = (
    re.compile(rf"\bmy (?P<subject>\w+ )?size is {_SIZE_VALUE}", re.IGNORECASE),
    re.compile(
        r"\b(?:i (?:always |usually |normally )?(?:wear|take) (?:a |an )?(?:size )?"
        rf"|i(?:'m| am) (?:a )?size ){_SIZE_VALUE}(?: in (?P<subject>\w+))?",
        re.IGNORECASE,
    ),
)
_SIZE_NAMES = {
    "small": "S",
    "medium": "M",
    "large": "L",
    "extra large": "XL",
    "extra-large": "XL",
    "extra small": "XS",
    "extra-small": "XS",
}
_DIET = re.compile(
    r"\bi(?:'m| am)(?: a)? (?P<diet>vegan|vegetarian|pescatarian|lactose[- ]intolerant|"
    r"gluten[- ]free|dairy[- ]free|keto|kosher|halal|diabetic|coeliac|celiac)\b"
    r"|\bi (?:eat|keep|follow|do) (?:a )?(?P<diet2>vegan|vegetarian|keto|kosher|halal|"
    r"gluten[- ]free|dairy[- ]free|paleo)\b"
    r"|\bi(?:'m| am) allergic to (?P<allergen>[\w -]+?)(?=\s*(?:[,.;!?]|\band\b|\bbut\b|$))"
    r"|\bi have an? (?P<allergen2>[\w-]+) allergy\b",
    re.IGNORECASE,
)
_HOUSEHOLD = re.compile(
    r"\b(?:i|we) (?:have|'ve got|have got) (?P<who>(?:a|an|one|two|three|four|five|\d) "
    r"(?:(?:young|little|small|big|new|teenage|toddler|newborn) )?"
    r"(?:kids?|children|child|sons?|daughters?|babies|baby|toddlers?|teens?|teenagers?|dogs?|"
    r"cats?|puppy|puppies|kittens?|twins))\b"
    r"|\b(?:we(?:'re| are) a|i(?:'m| am) shopping for a|i have a) (?P<family>family of "
    r"(?:two|three|four|five|six|\d))\b",
    re.IGNORECASE,
)


def stated_preferences(message: str, brand_of: BrandOf) -> list[Preference]:
    """The preferences ``message`` states, the last word on each key winning."""
    found = {p.key: p for p in _read(message, brand_of)}
    return list(found.values())


def _read(message: str, brand_of: BrandOf) -> Iterator[Preference]:
    for match in _LIKE.finditer(message):
        brand = _brand(match["name"], brand_of)
        if brand:
            yield Preference(kind="brand_like", value=brand, said=message)
    for match in _AVOID.finditer(message):
        brand = _brand(match["name"], brand_of)
        if brand:
            yield Preference(kind="brand_avoid", value=brand, said=message)
    for match in _BUDGET.finditer(message):
        money = amount(match["money"] or match["money2"])
        if money is not None and money > 0:
            subject = _subject(match["for"] or match["on"])
            yield Preference(
                kind="budget", value=f"{money:g}", amount=money, subject=subject, said=message
            )
    for match in (m for pattern in _SIZES for m in pattern.finditer(message)):
        size = match["size"].lower()
        value = _SIZE_NAMES.get(size, size.upper())
        subject = _subject(match["subject"])
        yield Preference(kind="size", value=value, subject=subject, said=message)
    for match in _DIET.finditer(message):
        if match["allergen"] or match["allergen2"]:
            value = f"allergic to {(match['allergen'] or match['allergen2']).strip().lower()}"
        else:
            value = (match["diet"] or match["diet2"]).lower().replace(" ", "-")
        yield Preference(kind="diet", value=value, said=message)
    for match in _HOUSEHOLD.finditer(message):
        who = (match["who"] or match["family"]).lower()
        yield Preference(kind="household", value=who, said=message)


def _brand(phrase: str, brand_of: BrandOf) -> str | None:
    """The catalog brand a phrase starts with ("Sony headphones" → "Sony")."""
    words = phrase.split()
    for end in range(len(words), 0, -1):
        brand = brand_of(" ".join(words[:end]))
        if brand:
            return brand
    return None


def _subject(words: str | None) -> str | None:
    """What a size or budget applies to ("shoe" → "shoes"), or None for anything."""
    if not words or not words.strip():
        return None
    subject = words.strip().lower()
    subject = re.sub(r"^(?:my |the |a |an )", "", subject)
    if subject in ("everything", "anything", "stuff", "things", "it", "them"):
        return None
    return subject if subject.endswith("s") else subject + "s"
