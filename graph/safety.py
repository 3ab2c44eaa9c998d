"""Safety rules applied in code: retrieved text is data, regulated topics are declined.

``regulated_topic`` is the one vocabulary of medical, legal and unsafe requests: the
planner files a message it matches as ``out_of_scope`` and the composer picks the
topic's refusal with it. Its words are advice words ("symptoms", "is it legal", "how do I
make poison"), and products that only sound regulated ("a nerf gun", "a pregnancy
pillow", "a pill organizer", "a bath bomb") are taken out before it reads: a regulated
product search stays a search, advice is declined. The wording of refusals lives in
``prompts/`` (``refuse_*.md``, ``out_of_scope.md``) and the policy for models that write
answers in ``prompts/policy.md``.
"""

from __future__ import annotations

import re
from typing import Literal

from graph.retrieved_text import clean_retrieved

RegulatedTopic = Literal["medical", "legal", "unsafe"]

_TOPICS: dict[RegulatedTopic, re.Pattern[str]] = {
    "medical": re.compile(
        r"\b(?:diagnos(?:e|es|ed|is|ing)|dosages?|doses?|symptoms?|prescri(?:be|bed|ption)s?"
        r"|medications?|medicines?|diseases?|infections?|cures? (?:for|a|an|my|the|your)"
        r"|(?:to|i|you) cure|how (?:do|can|should|to) (?:i |you |we )?treat|rash(?:es)?"
        r"|side effects?|overdos\w*|(?:safe|okay|ok|take|eat|drink|use) (?:\w+ ){0,3}"
        r"(?:while|when|during) pregnan\w*|(?:am i|if i'?m) pregnan\w*)\b",
        re.IGNORECASE,
    ),
    "legal": re.compile(
        r"\b(?:lawsuits?|sue (?:my|the|them|him|her|us|me|you|a|an|someone|somebody|for|over)"
        r"|(?:can|could|should) (?:i|we|you) sue|suing|legal advice|lawyers?|attorneys?"
        r"|contract dispute|custody|immigration|visa (?:application|sponsorship|interview|status)"
        r"|is it (?:il)?legal|court (?:case|date|hearing|order)s?|(?:in|to) court)\b",
        re.IGNORECASE,
    ),
    "unsafe": re.compile(
        r"\b(?:guns?|rifles?|pistols?|firearms?|ammo|ammunition|explosives?|bombs?|grenades?"
        r"|poisons?|silencers?|untraceable|make a weapon|meth|drugs?"
        r"|lock ?pick(?:ing)? someone)\b",
        re.IGNORECASE,
    ),
}
_LOOK_ALIKES = re.compile(
    r"\b(?:nerf|water|squirt|toy|bubble|foam|dart|glue|heat|massage|staple|nail|caulk(?:ing)?"
    r"|spray|paint|grease|tape|label|price|soldering)[ -]?guns?\b|\bgun ?metal\b"
    r"|\bpistol[ -]grips?\b|\b(?:bath|seed) bombs?\b|\bdrug tests?\b|\bpoison ivy\b"
    r"|\bpregnancy (?:pillows?|tests?|support belts?|belly bands?)\b"
    r"|\b(?:diaper |baby )?rash (?:creams?|ointments?|balms?)\b|\brash ?guards?\b"
    r"|\bprescription (?:glasses|sunglasses|goggles|lenses)\b|\bmedicine (?:balls?|cabinets?)\b"
    r"|\b(?:pill|medication|medicine) (?:organi[sz]ers?|box(?:es)?|cases?|dispensers?"
    r"|reminders?)(?: for (?:my |your |the )?(?:medications?|medicines?|pills|meds))?\b"
    r"|\bgifts? for (?:an? |my |our |the )?(?:\w+ )?(?:lawyer|attorney)s?\b",
    re.IGNORECASE,
)
"""Products whose names hold a regulated word: searched for, never declined."""


def quote_data(text: str, limit: int = 280) -> str:
    """Retrieved text made safe to show inside an answer: cleaned, quoted, bounded.

    Cleaning (``graph.retrieved_text``) takes out markup, links and money amounts; double
    quotes become single ones so the quote's own marks stay the only ones.
    """
    clean = clean_retrieved(text).replace('"', "'")
    if len(clean) > limit:
        clean = clean[: limit - 1].rstrip() + "…"
    return f'"{clean}"'


def regulated_topic(text: str) -> RegulatedTopic | None:
    """The regulated topic a request is about (medical, legal, unsafe), if any."""
    plain = _LOOK_ALIKES.sub(" ", text)
    for topic, pattern in _TOPICS.items():
        if pattern.search(plain):
            return topic
    return None
