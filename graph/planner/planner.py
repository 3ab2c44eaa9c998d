"""The planner: one message and the conversation in, a ``Plan`` out, in code and fast.

Rules decide first, when one recognises the message; otherwise the classifier does. When
the winner's confidence is below ``MODEL_FALLBACK_BELOW`` the graph may ask the chat model
instead (``graph.planner.fallback.intent_from_model``); this module never calls a model.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.plan import Conversation, Decider, Intent, Plan
from graph.planner.cart_ops import cart_operation
from graph.planner.classifier import intent_model
from graph.planner.reading import Reading, read_message
from graph.planner.references import resolve_references
from graph.planner.rules import has_alert_cue, rule_hits
from graph.planner.slots import slots_for
from graph.planner.sources import filters_for, policy_topic, search_query, sources_for
from graph.planner.vocabulary import Vocabulary
from graph.safety import regulated_topic

MODEL_FALLBACK_BELOW = 0.5
"""Below this confidence the planner's intent is a guess worth checking with the model."""
RULES_DECIDE_FROM = 0.9
"""Rules this sure decide alone; less sure ones ("show me...", "how big...") yield to a
classifier that is confident of another intent."""


@dataclass(frozen=True)
class IntentDecision:
    """The intent chosen for a message, how sure, and by what."""

    intent: Intent
    confidence: float
    decided_by: Decider
    also: tuple[Intent, ...] = ()
    """Other intents the rules recognised, in priority order."""


def decide_intent(
    message: str, conversation: Conversation | None = None, reading: Reading | None = None
) -> IntentDecision:
    """Sure rules first, then the classifier, with weaker rules breaking its doubts.

    Args:
        message: The shopper's message.
        conversation: The conversation so far (follow-ups keep the last search's intent).
        reading: The message's slots (``read_message``), which one rule reads.
    """
    hits = rule_hits(message, conversation, reading)
    rule = hits[0] if hits else None
    others = tuple(dict.fromkeys(h.intent for h in hits[1:] if rule and h.intent != rule.intent))
    if rule and rule.confidence >= RULES_DECIDE_FROM:
        return IntentDecision(rule.intent, rule.confidence, "rules", others)
    intent, probability = _classified(message)
    if rule and (intent == rule.intent or probability < MODEL_FALLBACK_BELOW):
        confidence = max(rule.confidence, probability) if intent == rule.intent else rule.confidence
        return IntentDecision(rule.intent, round(confidence, 4), "rules", others)
    return IntentDecision(intent, round(probability, 4), "classifier")


def _classified(message: str) -> tuple[Intent, float]:
    """The classifier's intent and probability; a price alert needs an alert cue.

    Without one the classifier's alert is a search (its price then bounds the search), as
    sure as the classifier is of a search once an alert is ruled out.
    """
    probabilities = intent_model().probabilities(message)
    intent = max(probabilities, key=probabilities.__getitem__)
    if intent == "price_alert" and not has_alert_cue(message):
        return "search", probabilities["search"] / (1.0 - probabilities["price_alert"])
    return intent, probabilities[intent]


def plan_message(
    message: str,
    conversation: Conversation,
    vocabulary: Vocabulary,
    *,
    intent: Intent | None = None,
) -> Plan:
    """Plan one turn: intent, slots, referenced products, sources, filters and search text.

    Args:
        message: The shopper's message.
        conversation: What the shopper has in view (shown products, page, focus).
        vocabulary: The catalog's brands and categories (``load_vocabulary``).
        intent: An intent decided elsewhere (the model's fallback) to plan for instead;
            the plan then says ``decided_by="model"`` with confidence
            ``MODEL_FALLBACK_BELOW``, since nothing measures the model's certainty.
    """
    reading = read_message(message, vocabulary)
    decision = (
        IntentDecision(intent, MODEL_FALLBACK_BELOW, "model")
        if intent is not None
        else decide_intent(message, conversation, reading)
    )
    slots = slots_for(reading, decision.intent)
    if decision.intent == "cart_action":
        slots = slots.model_copy(update={"cart_op": cart_operation(message)})
    resolution = resolve_references(reading, decision.intent, slots, conversation)
    sources = sources_for(decision.intent, resolution.products, slots, message)
    if slots.cart_op in ("view", "checkout"):
        sources = []  # the cart is the account's, read after the answer (graph.nodes.act)
    return Plan(
        intent=decision.intent,
        also=list(decision.also),
        confidence=decision.confidence,
        decided_by=decision.decided_by,
        query=search_query(reading, resolution.products),
        slots=slots,
        products=resolution.products,
        sources=sources,
        filters=filters_for(slots, sources, reading),
        policy_topic=policy_topic(message) if decision.intent == "store_policy" else None,
        regulated_topic=regulated_topic(message) if decision.intent == "out_of_scope" else None,
        unresolved=resolution.unresolved,
    )
