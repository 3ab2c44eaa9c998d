"""What a shopper asks of the assistant's memory: to recall it, or to forget part or all of it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from memory.preferences import Preference

MemoryAsk = Literal["recall", "forget", "forget_all"]

_RECALL = re.compile(
    r"\bwhat (?:do|did) you (?:remember|know|have (?:saved|stored|on file))"
    r"(?: about me| of me| on me)?\b"
    r"|\bwhat (?:are|is) my (?:saved )?(?:preferences|profile|settings)\b"
    r"|\bwhat have you (?:remembered|saved|stored|learned)(?: about me)?\b"
    r"|\bwhat (?:have|did) i (?:told|tell) you(?: about (?:me|myself))?\b"
    r"|\b(?:show|list|tell)(?: me)? (?:my (?:saved )?preferences|what you (?:remember|know))\b",
    re.IGNORECASE,
)
_FORGET_ALL = re.compile(
    r"\b(?:forget|erase|delete|clear|wipe)(?: about)? (?:everything|all)(?: about me"
    r"| you (?:know|remember)(?: about me)?| of it)?\b"
    r"|\b(?:erase|delete|clear|wipe|reset) (?:my (?:saved )?(?:memory|preferences|profile|data)"
    r"|what you (?:know|remember))\b",
    re.IGNORECASE,
)
_FORGET = re.compile(
    r"\b(?:forget|stop remembering|don'?t remember|do not remember|no longer remember)"
    r"(?: (?:that|about|the fact that))?\s+(?P<what>.+)",
    re.IGNORECASE,
)
_NOT_CLUES = frozenset(
    "i i'm im am a an the my me that about is are was like likes prefer dislike hate avoid "
    "love don't dont do not never wear have has we it its of for on in to please".split()
)
_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "size": ("size", "sizes"),
    "budget": ("budget", "spend", "spending", "price", "prices"),
    "diet": ("diet", "dietary", "allergy", "allergies", "allergic", "food"),
    "household": ("household", "family", "kids", "children", "pets"),
    "brand_like": ("brand", "brands", "favorite", "favourite"),
    "brand_avoid": ("brand", "brands"),
}

_ALL_KIND_WORDS = frozenset(word for words in _KIND_WORDS.values() for word in words)


@dataclass(frozen=True)
class MemoryRequest:
    """What the message asks of memory, and the words that say which part to forget."""

    ask: MemoryAsk | None
    clues: frozenset[str] = field(default_factory=frozenset)


def memory_request(message: str) -> MemoryRequest:
    """Whether ``message`` asks to recall or forget, and what."""
    if _FORGET_ALL.search(message):
        return MemoryRequest("forget_all")
    if forget := _FORGET.search(message):
        words = re.findall(r"[\w'’.-]+", forget["what"].lower())
        clues = frozenset(w.strip(".") for w in words if w.strip(".") not in _NOT_CLUES)
        return MemoryRequest("forget", clues)
    if _RECALL.search(message):
        return MemoryRequest("recall")
    return MemoryRequest(None)


def to_forget(request: MemoryRequest, remembered: list[Preference]) -> list[Preference]:
    """The remembered preferences the request names (all of them for ``forget_all``)."""
    if request.ask == "forget_all":
        return list(remembered)
    if request.ask != "forget":
        return []
    # Specific words pick preferences by what they say ("forget that I'm allergic to
    # nuts" must not forget a vegan diet); only words naming a kind pick a kind ("my size").
    specific = request.clues - _ALL_KIND_WORDS
    if specific:
        return [p for p in remembered if specific & _words_of(p)]
    return [p for p in remembered if request.clues & set(_KIND_WORDS[p.kind])]


def _words_of(preference: Preference) -> set[str]:
    words = set(re.findall(r"[\w'’.-]+", f"{preference.value} {preference.subject or ''}".lower()))
    if preference.subject:  # "shoes" is named "shoe" too
        words.add(preference.subject.lower().rstrip("s"))
    return words
