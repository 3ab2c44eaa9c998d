"""The graph's state: a narrow input, and the full state the nodes share.

Values are JSON-shaped (TypedDicts), so every checkpointer stores them without custom
serializers; nodes turn them into pydantic models where they need behaviour.

Fields under "the thread" persist across turns and are written only by the last node
(``remember``), so a turn that fails part-way leaves the conversation as it was. Fields
under "this turn" are overwritten at the start of every turn.
"""

from __future__ import annotations

import operator
from typing import Annotated, Any, Required

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages

# typing_extensions' TypedDict: pydantic (the API's schemas) reads it on Python 3.11.
from typing_extensions import TypedDict


class TurnInput(TypedDict):
    """What a client sends for one turn."""

    message: str
    """The shopper's message."""


class ShownRecord(TypedDict):
    """A product the shopper was shown (JSON form of ``graph.plan.ShownProduct``)."""

    id: str
    title: str
    brand: str | None
    category: str
    price: float | None
    rating: float | None


class TurnRecord(TypedDict):
    """One finished turn as the shopper saw it, for the thread's history."""

    run_id: str | None
    at: str
    """When the turn finished (UTC, ISO 8601)."""
    message: str
    answer: str
    components: list[dict[str, Any]]
    suggestions: list[str]
    model: str | None


class TurnOutput(TypedDict, total=False):
    """What a turn returns besides its stream."""

    answer: str
    """The answer's text as the shopper read it (directives removed)."""
    components: list[dict[str, Any]]
    """The hydrated components, in order."""
    suggestions: list[str]
    """Follow-up questions."""


class State(TurnOutput, total=False):
    """Everything the nodes read and write."""

    # -- the thread ----------------------------------------------------------------------
    messages: Annotated[list[AnyMessage], add_messages]
    """The conversation, shopper and assistant (assistant text without markup)."""
    shown: list[ShownRecord]
    """Products of the last answer, in display order."""
    focus: str | None
    """The product the last turn was about, when it was about one."""
    last_intent: str | None
    """The last turn's intent."""
    page: str | None
    """The product page the shopper was on in the last turn, if any."""
    pending: dict[str, Any] | None
    """A proposal waiting for the shopper's confirmation (``graph.nodes.confirm``)."""
    turns: Annotated[list[TurnRecord], operator.add]
    """Every finished turn, oldest first: what a client shows as the thread's history."""

    # -- this turn -----------------------------------------------------------------------
    message: Required[str]
    """The shopper's message for this turn."""
    conversation: dict[str, Any]
    """What the planner knows of the conversation (``graph.plan.Conversation``, as JSON)."""
    plan: dict[str, Any]
    """The planner's ``Plan``, as JSON."""
    evidence: dict[str, Any]
    """What retrieval found (``graph.evidence.Evidence``, as JSON)."""
    route: dict[str, Any]
    """The router's decision (``graph.routing.Route``, as JSON): the chain and why."""
    model: str
    """The model writing the answer: the chain's first, then the one that answered."""
    fallbacks: list[dict[str, Any]]
    """Models that failed this turn before ``model`` (``graph.routing.Attempt``, as JSON)."""
    dropped: int
    """Directives the renderer did not render this turn (unknown ids, malformed...)."""
    memory: dict[str, Any]
    """The account's memory in this turn (``graph.memory_turn.MemoryTurn``, as JSON)."""
