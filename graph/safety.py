"""Safety rules applied in code: retrieved text is data, regulated topics are declined.

The wording of refusals lives in ``prompts/`` (``refuse_*.md``, ``out_of_scope.md``) and
the policy for models that write answers in ``prompts/policy.md``.
"""

from __future__ import annotations

import re
from typing import Literal

RegulatedTopic = Literal["medical", "legal", "unsafe"]

_MARKUP = re.compile(r"<[^<>]{0,400}>|[<>]")
_SPACE = re.compile(r"\s+")
_TOPICS: dict[RegulatedTopic, re.Pattern[str]] = {
    "medical": re.compile(
        r"\b(diagnos\w*|dosage|dose|symptoms?|prescri\w+|medication|disease|infection|"
        r"cure|treat(ment)?|rash|pregnan\w*|side effects?|overdose)\b",
        re.IGNORECASE,
    ),
    "legal": re.compile(
        r"\b(lawsuit|sue|legal advice|lawyer|attorney|contract dispute|custody|visa|"
        r"is it legal|court)\b",
        re.IGNORECASE,
    ),
    "unsafe": re.compile(
        r"\b(gun|firearm|ammo|ammunition|explosive|bomb|poison|silencer|untraceable|"
        r"make a weapon|meth|drugs?|lock ?pick(ing)? someone)\b",
        re.IGNORECASE,
    ),
}


def quote_data(text: str, limit: int = 280) -> str:
    """Retrieved text made safe to show inside an answer: no markup, quoted, bounded."""
    clean = _SPACE.sub(" ", _MARKUP.sub("", text)).strip().replace('"', "'")
    if len(clean) > limit:
        clean = clean[: limit - 1].rstrip() + "…"
    return f'"{clean}"'


def regulated_topic(text: str) -> RegulatedTopic | None:
    """The regulated topic a request is about (medical, legal, unsafe), if any."""
    for topic, pattern in _TOPICS.items():
        if pattern.search(text):
            return topic
    return None
