"""The model's say on an unclear message: a few-shot prompt that asks for the intent label.

The graph calls this only when the planner's confidence is below ``MODEL_FALLBACK_BELOW``.
The reply is read strictly: the first intent label in it, or None, never a guess. A price
alert needs an alert cue in the message, as for the classifier: without one the model's
"price_alert" is read as a search ("laundry bag up to 50 dollars" keeps its ceiling).
"""

from __future__ import annotations

import re

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage

from graph.plan import INTENTS, Intent
from graph.planner.rules import has_alert_cue
from prompts import render_prompt

# Labels may come back with spaces or hyphens ("chit chat"); longest first so that
# "product_question" is not read as something shorter.
_LABEL = re.compile(
    r"\b("
    + "|".join(label.replace("_", r"[ _-]?") for label in sorted(INTENTS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


def parse_intent(reply: str) -> Intent | None:
    """The first intent label in ``reply``, or None."""
    match = _LABEL.search(reply)
    if match is None:
        return None
    label = re.sub(r"[ _-]?", "", match.group(1).lower())
    return next((intent for intent in INTENTS if intent.replace("_", "") == label), None)


async def intent_from_model(model: BaseChatModel, message: str) -> Intent | None:
    """Ask ``model`` for the intent of ``message``; None when the reply names none.

    A "price_alert" for a message with no alert cue (``has_alert_cue``) comes back as
    "search".

    Args:
        model: The chat model; the call is tagged ``nostream`` so its tokens never reach
            the shopper's stream.
        message: The shopper's message.
    """
    prompt = render_prompt("planner_fallback", labels=", ".join(INTENTS), message=message)
    reply = await model.ainvoke(
        [HumanMessage(prompt)], config={"tags": ["nostream", "planner_fallback"]}
    )
    intent = parse_intent(reply.text)
    if intent == "price_alert" and not has_alert_cue(message):
        return "search"
    return intent
