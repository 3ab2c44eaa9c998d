"""The planner as a target: ``plan_message`` in-process over the demo store's vocabulary.

The vocabulary comes from the demo generator's categories and brands (``store.demo``), as
the unit tests build it, so the planner suite needs no store and runs in seconds. It plans
in code only: the graph's model fallback for plans below ``MODEL_FALLBACK_BELOW`` is not
run (``confidence`` is in the outputs, so evaluators can tell those plans apart).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from evals.planner_evaluators import SLOT_FIELDS
from evals.suite import EvalContext
from graph.plan import Conversation
from graph.planner import Vocabulary, plan_message
from graph.planner.memory_asks import memory_request
from store.demo.categories import CATEGORIES


@cache
def demo_vocabulary() -> Vocabulary:
    """The demo store's brands and category paths (the same words its catalog holds)."""
    return Vocabulary(
        brands=tuple(sorted({brand for spec in CATEGORIES for brand in spec.brands})),
        categories=tuple(" > ".join(spec.path) for spec in CATEGORIES),
    )


def plan_outputs(
    message: str, conversation: Conversation, vocabulary: Vocabulary
) -> dict[str, Any]:
    """The plan of ``message`` as flat outputs: intent, slots, references, memory ask."""
    plan = plan_message(message, conversation, vocabulary)
    slots = plan.slots.model_dump(mode="json")
    return {
        "intent": plan.intent,
        "confidence": plan.confidence,
        "decided_by": plan.decided_by,
        **{key: slots[key] for key in SLOT_FIELDS},
        "policy_topic": plan.policy_topic,
        "memory_ask": memory_request(message).ask,
        "unresolved": plan.unresolved is not None,
        "product_ids": plan.product_ids,
    }


async def plan_target(inputs: dict[str, Any], context: EvalContext) -> dict[str, Any]:
    """Plan ``inputs["message"]`` in ``inputs["conversation"]`` (none: a first turn)."""
    conversation = Conversation.model_validate(inputs.get("conversation") or {})
    return plan_outputs(inputs["message"], conversation, demo_vocabulary())
