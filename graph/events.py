"""The events a turn streams to clients: the same for the terminal client and the API.

Every event has a ``type``. A turn sends ``metadata`` first, then ``plan``, ``token`` and
``component`` events as the answer is written, ``suggestions``, and ``end`` last; or an
``error`` (then ``end``) when it fails; ``interrupt`` when it waits for the shopper.
``metadata`` comes again when the router has chosen a model (with its ``route``) and each
time a model fails before it wrote anything and the next one takes over (``fallbacks``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, TypeAdapter

from graph.components import Component
from graph.plan import Plan
from graph.routing import Attempt, Route

ErrorCode = Literal[
    "invalid_message",
    "unknown_thread",
    "unknown_product",
    "unknown_model",
    "model_not_allowed",
    "model_timeout",
    "model_failed",
    "internal",
]


class MetadataEvent(BaseModel):
    """About the turn: first which thread and run; then which model answers, and why."""

    type: Literal["metadata"] = "metadata"
    thread_id: str | None = None
    run_id: str | None = None
    model: str | None = Field(default=None, description="The model writing the answer now.")
    route: Route | None = Field(default=None, description="The router's decision.")
    fallbacks: list[Attempt] = Field(
        default_factory=list, description="Models that failed this turn before ``model``."
    )


class PlanEvent(BaseModel):
    """The planner's decision, before any retrieval or generation."""

    type: Literal["plan"] = "plan"
    plan: Plan


class TokenEvent(BaseModel):
    """A piece of the answer's text, to append to what came before."""

    type: Literal["token"] = "token"
    text: str


class ComponentEvent(BaseModel):
    """A UI component, hydrated with live store data, at its place in the text."""

    type: Literal["component"] = "component"
    component: Component


class SuggestionsEvent(BaseModel):
    """Follow-up questions the shopper may ask next."""

    type: Literal["suggestions"] = "suggestions"
    questions: list[str]


class InterruptEvent(BaseModel):
    """The turn waits for the shopper (e.g. to confirm a purchase)."""

    type: Literal["interrupt"] = "interrupt"
    value: dict[str, Any]


class ErrorEvent(BaseModel):
    """The turn failed; the thread is as it was before it. Never carries exception text."""

    type: Literal["error"] = "error"
    code: ErrorCode
    message: str
    fallbacks: list[Attempt] = Field(
        default_factory=list, description="The models tried this turn, and how each failed."
    )


class EndEvent(BaseModel):
    """Last event of a turn."""

    type: Literal["end"] = "end"
    model: str | None = Field(default=None, description="The model that wrote the answer.")
    dropped: int = Field(default=0, description="Directives not rendered (unknown id, etc.).")
    fallbacks: list[Attempt] = Field(
        default_factory=list, description="Models that failed this turn before ``model``."
    )


Event = Annotated[
    MetadataEvent
    | PlanEvent
    | TokenEvent
    | ComponentEvent
    | SuggestionsEvent
    | InterruptEvent
    | ErrorEvent
    | EndEvent,
    Field(discriminator="type"),
]
EVENTS: TypeAdapter[Event] = TypeAdapter(Event)
