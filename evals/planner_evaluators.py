"""Evaluators of the planner: its intent, each labelled slot, and the products referred to.

An example judges what its ``reference_outputs`` name: a key that is present says what the
plan must hold (``null`` included: "under 150" labels ``max_price: 150``, and "a 65 inch
tv" labels ``max_price: null``, no price read from a size), a key that is absent is not
judged and scores None. The run's outputs are flat (``graph``-independent): ``intent``,
``confidence``, the labelled fields by name, ``product_ids``.
"""

from __future__ import annotations

import math
from typing import Any

from evals.dataset import Example
from evals.evaluation import Score, exact
from graph.planner import MODEL_FALLBACK_BELOW

SLOT_FIELDS = (
    "min_price",
    "max_price",
    "brand",
    "category",
    "sort",
    "count",
    "quantity",
    "variant",
    "aspect",
    "window_days",
    "target_price",
    "cart_op",
    "alert_condition",
    "drop_percent",
    "auto_buy_quantity",
    "spend_cap",
)
"""Fields of ``graph.plan.Slots`` a label may name."""
PLAN_FIELDS = ("policy_topic", "memory_ask", "unresolved")
"""Other readings of the message: the plan's policy topic, what it asks of the account's
memory (``graph.planner.memory_asks``), and whether a reference pointed at nothing."""
LABELLED = (*SLOT_FIELDS, *PLAN_FIELDS)


def same(got: Any, want: Any) -> bool:
    """Equal, numbers within 1e-6 (labels say 150, plans hold 150.0)."""
    numbers = (int, float)
    if isinstance(got, numbers) and isinstance(want, numbers):
        if isinstance(got, bool) or isinstance(want, bool):
            return got is want
        return math.isclose(got, want, abs_tol=1e-6)
    return bool(got == want)


def _judged(key: str, got: Any, want: Any) -> Score:
    if same(got, want):
        return Score(key, 1.0)
    return Score(key, 0.0, f"got {got!r}, want {want!r}")


def intent_accuracy(outputs: dict[str, Any], example: Example) -> Score:
    """1 when the plan's intent is the labelled one."""
    return exact("intent", outputs.get("intent"), example.reference_outputs["intent"])


def confident_intent_accuracy(outputs: dict[str, Any], example: Example) -> Score:
    """Intent accuracy over plans the graph would not show the model (None for the others).

    Below ``MODEL_FALLBACK_BELOW`` the graph asks the chat model for the intent, so a miss
    there may be repaired; a confident miss reaches the shopper as it is.
    """
    if float(outputs.get("confidence", 0.0)) < MODEL_FALLBACK_BELOW:
        return Score("intent_confident", None)
    return exact("intent_confident", outputs.get("intent"), example.reference_outputs["intent"])


def slot_accuracy(outputs: dict[str, Any], example: Example) -> list[Score]:
    """``slot:<name>`` per labelled field, None where the example has no label.

    Also ``slots`` for each judged field: every labelled field of every example, pooled.
    """
    reference = example.reference_outputs
    scores: list[Score] = []
    for key in LABELLED:
        if key not in reference:
            scores.append(Score(f"slot:{key}", None))
            continue
        judged = _judged(f"slot:{key}", outputs.get(key), reference[key])
        scores += [
            judged,
            Score("slots", judged.score, judged.comment and f"{key}: {judged.comment}"),
        ]
    return scores


def reference_accuracy(outputs: dict[str, Any], example: Example) -> Score:
    """1 when the resolved product ids are the labelled ones, in order (None: no label)."""
    want = example.reference_outputs.get("product_ids")
    if want is None:
        return Score("references", None)
    return _judged("references", list(outputs.get("product_ids", [])), list(want))


PLANNER_EVALUATORS = (
    intent_accuracy,
    confident_intent_accuracy,
    slot_accuracy,
    reference_accuracy,
)


def stated_price(outputs: dict[str, Any], example: Example) -> Score:
    """A text that states a price: both bounds read as labelled (None for other texts)."""
    reference = example.reference_outputs
    if not reference.get("states_price"):
        return Score("price_bounds", None)
    got = (outputs.get("min_price"), outputs.get("max_price"))
    want = (reference.get("min_price"), reference.get("max_price"))
    ok = all(same(g, w) for g, w in zip(got, want, strict=True))
    return Score("price_bounds", 1.0 if ok else 0.0, None if ok else f"got {got}, want {want}")


def no_false_price(outputs: dict[str, Any], example: Example) -> Score:
    """A text that states no price: 1 when no price slot was read from it, 0 when one was.

    Any of ``min_price``, ``max_price``, ``target_price`` counts: "4 ounce (pack of 2)" or
    "60 capsules" read as a price would filter a search by it.
    """
    if example.reference_outputs.get("states_price", True):
        return Score("no_false_price", None)
    read = {k: outputs.get(k) for k in ("min_price", "max_price", "target_price")}
    found = {k: v for k, v in read.items() if v is not None}
    return Score("no_false_price", 0.0 if found else 1.0, f"read {found}" if found else None)


PRICE_EVALUATORS = (stated_price, no_false_price)
