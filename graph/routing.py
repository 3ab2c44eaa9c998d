"""The router's policy: which models may write this answer, best first (pure, no I/O).

The plan's intent says what the answer needs (``NEEDS``): laying out components with
directives, long-form writing, tool arguments. Among the models the run may use, within
the latency budget and with a closed circuit breaker, the router ranks:

1. the models trusted with more of those needs first;
2. then the configured default model;
3. then the cheaper, then the faster, then the registry file's order.

The top ``max_attempts`` form the fallback chain, and an embedded model (no network) is
always its last link when one is registered. A model the run asks for by name goes first.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Literal

from pydantic import BaseModel, Field

from graph.models import ModelSpec
from graph.models.config import Cost, Latency, Trust
from graph.plan import Intent

NEEDS: dict[Intent, frozenset[Trust]] = {
    "search": frozenset({"directives"}),
    "compare": frozenset({"directives", "long_answers"}),
    "product_question": frozenset({"long_answers"}),
    "review_summary": frozenset({"directives", "long_answers"}),
    "price_history": frozenset({"directives"}),
    "deals": frozenset({"directives"}),
    "price_alert": frozenset({"directives", "tool_arguments"}),
    "cart_action": frozenset({"directives", "tool_arguments"}),
    "account_memory": frozenset({"tool_arguments"}),
    "store_policy": frozenset({"long_answers"}),
    "chit_chat": frozenset(),
    "out_of_scope": frozenset(),
}
"""What a good answer to each intent needs a model to be trusted with."""

QUICK_INTENTS: frozenset[Intent] = frozenset({"chit_chat", "out_of_scope"})
"""Intents answered in a line: only ``fast`` models, whatever the budget."""

_LATENCY: dict[Latency, int] = {"fast": 0, "medium": 1, "slow": 2}
_COST: dict[Cost, int] = {"free": 0, "low": 1, "medium": 2, "high": 3}


class ModelNotAllowedError(LookupError):
    """The run asked for a model its account may not use."""

    def __init__(self, name: str, allowed: Collection[str]) -> None:
        may_use = ", ".join(sorted(allowed)) or "none of the enabled models"
        super().__init__(f"model {name!r} is not available to this account; it may use: {may_use}")
        self.name = name


class Route(BaseModel):
    """The router's decision for one turn (kept in the state, sent in ``metadata``)."""

    chain: list[str] = Field(description="Models to try, in order; the first answers if it can.")
    reason: str = Field(description="Why the first model, in words.")
    needs: list[Trust] = Field(description="What the intent asks of the model.")
    budget: Latency = Field(description="The slowest latency class allowed this turn.")
    passed_over: list[str] = Field(
        default_factory=list, description="Models left out because their breaker is open."
    )


Failure = Literal["timeout", "failed", "bad_output", "unavailable"]


class Attempt(BaseModel):
    """A model that did not answer this turn, and how it failed."""

    model: str
    failure: Failure


def choose_route(
    intent: Intent,
    models: Sequence[ModelSpec],
    *,
    default: str,
    requested: str | None = None,
    allowed: Collection[str] | None = None,
    budget: Latency = "medium",
    available: Callable[[str], bool] = lambda name: True,
    max_attempts: int = 3,
) -> Route:
    """The fallback chain for a turn of ``intent`` (``models`` in registry order)."""
    pool = [m for m in models if allowed is None or m.name in allowed]
    if not pool:
        raise ModelNotAllowedError(requested or "any", [])
    if requested is not None and requested not in {m.name for m in pool}:
        raise ModelNotAllowedError(requested, [m.name for m in pool])
    needs = NEEDS[intent]
    if intent in QUICK_INTENTS:
        budget = "fast"
    within = [m for m in pool if _LATENCY[m.latency] <= _LATENCY[budget]]
    order = {m.name: i for i, m in enumerate(models)}
    ranked = sorted(
        within or pool,
        key=lambda m: (
            -len(needs & m.trusted_with),
            m.name != default,
            _COST[m.cost],
            _LATENCY[m.latency],
            order[m.name],
        ),
    )
    if requested is not None:  # the run's choice beats the policy, even over budget
        ranked = [m for m in pool if m.name == requested] + [
            m for m in ranked if m.name != requested
        ]
    live = [m for m in ranked if available(m.name)]
    chain = _with_last_resort(live[:max_attempts], [m for m in pool if available(m.name)])
    if not chain:  # every breaker is open: trying beats refusing
        chain = ranked[:max_attempts]
    return Route(
        chain=[m.name for m in chain],
        reason=_reason(chain[0], intent, needs, requested, default),
        needs=sorted(needs),
        budget=budget,
        passed_over=[m.name for m in ranked if not available(m.name)],
    )


def planning_model(
    models: Sequence[ModelSpec],
    *,
    default: str,
    requested: str | None = None,
    available: Callable[[str], bool] = lambda name: True,
) -> str:
    """The model that picks an intent when the planner's code is unsure.

    The run's model if it asked for one; else the quickest, cheapest model trusted with
    planning; else the default.
    """
    if requested is not None:
        return requested
    planners = [m for m in models if "planning" in m.trusted_with and m.latency != "slow"]
    planners = [m for m in planners if available(m.name)]
    if not planners:
        return default
    return min(planners, key=lambda m: (_LATENCY[m.latency], _COST[m.cost])).name


def _with_last_resort(chain: list[ModelSpec], pool: list[ModelSpec]) -> list[ModelSpec]:
    """``chain``, ending with an embedded model if it has none and one is in ``pool``."""
    if not chain or any(m.embedded for m in chain):
        return chain
    embedded = next((m for m in pool if m.embedded), None)
    if embedded is None:
        return chain
    return [*chain[: max(len(chain) - 1, 1)], embedded]


def _reason(
    chosen: ModelSpec,
    intent: Intent,
    needs: frozenset[Trust],
    requested: str | None,
    default: str,
) -> str:
    if chosen.name == requested:
        return f"{chosen.name} was asked for"
    if not needs:
        who = "the default model" if chosen.name == default else "the cheapest model"
        return f"{intent} needs nothing special: {who}"
    met = sorted(needs & chosen.trusted_with)
    wanted = ", ".join(sorted(needs))
    if not met:
        return (
            f"{intent} needs {wanted}; no model at hand is trusted with it: the composer lays out"
        )
    return f"{intent} needs {wanted}; {chosen.name} is trusted with {', '.join(met)}"
