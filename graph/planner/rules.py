"""High-precision intent rules: patterns that, when they match, are rarely wrong.

A message the rules do not recognise goes to the classifier. Besides the table in
``graph.planner.intent_patterns``, one rule reads the conversation: a short follow-up that
only adds a constraint ("under 100?", "what about in blue") keeps the last turn's intent.
``has_alert_cue`` vetoes a price alert that nothing in the message asks for. A message
about a regulated topic (``graph.safety.regulated_topic``, the vocabulary the refusals
are chosen with) is out of scope, at that rule's place in the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from graph.plan import Conversation, Intent
from graph.planner.intent_patterns import ALERT_CUE, PATTERNS
from graph.planner.reading import Reading
from graph.safety import regulated_topic

_REFINEMENT = re.compile(
    r"^(?:and |what about |how about |ok,? |now |maybe |only |just |any |but )*(?:in |under |"
    r"below |over |less than |around |from |by |with |without |cheaper|smaller|bigger|lighter|"
    r"quieter|something |ones? |the same |similar )",
)
_REFINED: frozenset[Intent] = frozenset({"search", "deals", "compare"})
_QUESTION = re.compile(
    r"\b(?:is|are|does|do|did|can|could|will|would|has|have|was|were|how|why|when|who|should"
    r"|if|my|it|its|this|that|these|those|them)\b"
)
_ALERT_CUE = re.compile(ALERT_CUE)


@dataclass(frozen=True)
class RuleHit:
    """An intent a rule recognised, with how sure the rule is."""

    intent: Intent
    confidence: float


@cache
def _compiled() -> tuple[tuple[Intent, float, re.Pattern[str]], ...]:
    return tuple((intent, conf, re.compile(pattern)) for intent, conf, pattern in PATTERNS)


def normalize(message: str) -> str:
    """Lower case, straight apostrophes, single spaces: the text the patterns read."""
    return " ".join(message.lower().replace("\u2019", "'").split())


def has_alert_cue(message: str) -> bool:
    """Whether ``message`` asks for an alert ("tell me when...", "auto-buy it at $70").

    Without one a message is no price alert, whoever says it is: "laundry bag up to 50
    dollars" is a search with a ceiling, not an alert at 50.
    """
    return bool(_ALERT_CUE.search(normalize(message)))


def _catalog_hit(reading: Reading, text: str) -> RuleHit | None:
    """A catalog name with constraints and no question about a product: a search.

    "tablets from 200 to 400 bucks", "top 5 air fryers", "Sonavik under 200".
    """
    named = bool(reading.terms)
    constrained = reading.prices.spans or reading.sort != "relevance" or reading.count
    if named and constrained and not _QUESTION.search(text):
        return RuleHit("search", 0.8)
    return None


def rule_hits(
    message: str, conversation: Conversation | None = None, reading: Reading | None = None
) -> list[RuleHit]:
    """Every intent a rule recognises in ``message``, highest priority first.

    Args:
        message: The shopper's message.
        conversation: The conversation so far, for follow-ups that refine the last search.
        reading: The message's slots, for the catalog-phrase rule.
    """
    text = normalize(message)
    regulated = regulated_topic(text) is not None
    hits = [
        RuleHit(intent, confidence)
        for intent, confidence, pattern in _compiled()
        if pattern.search(text) or (regulated and intent == "out_of_scope")
    ]
    last = conversation.last_intent if conversation else None
    short = len(text.split()) <= 6
    if not hits and last is not None and last in _REFINED and short and _REFINEMENT.search(text):
        hits.append(RuleHit(last, 0.75))
    catalog = _catalog_hit(reading, text) if reading and not hits else None
    return [catalog] if catalog else hits
