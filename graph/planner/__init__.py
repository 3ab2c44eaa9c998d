"""The query planner: a fast gating node in code that turns a message into a ``Plan``.

``plan_message`` is pure and synchronous (no model, no database); ``load_vocabulary`` reads
the catalog's brands and categories once; ``intent_from_model`` is the graph's fallback for
messages planned with a confidence below ``MODEL_FALLBACK_BELOW``.
"""

from graph.planner.fallback import intent_from_model
from graph.planner.planner import MODEL_FALLBACK_BELOW, decide_intent, plan_message
from graph.planner.vocabulary import Vocabulary, load_vocabulary

__all__ = [
    "MODEL_FALLBACK_BELOW",
    "Vocabulary",
    "decide_intent",
    "intent_from_model",
    "load_vocabulary",
    "plan_message",
]
