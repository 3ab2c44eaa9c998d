"""The events a turn streams to clients: the same for the terminal client and the API.

Every event has a ``type``. A turn sends ``metadata`` first, then ``plan``, ``token`` and
``component`` events as the answer is written, ``suggestions``, and ``end`` last; or an
``error`` (then ``end``) when it fails; ``interrupt`` when it waits for the shopper.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, TypeAdapter

from graph.components import Component
from graph.plan import Plan

ErrorCode = Literal[
    "invalid_message",
    "unknown_thread",
    "unknown_product",
    "unknown_model",
    "model_timeout",
    "model_failed",
    "internal",
]


class MetadataEvent(BaseModel):
    """First event: which thread and run this is."""

    type: Literal["metadata"] = "metadata"
    thread_id: str
    run_id: str


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


class EndEvent(BaseModel):
    """Last event of a turn."""

    type: Literal["end"] = "end"
    model: str | None = None
    dropped: int = Field(default=0, description="Directives not rendered (unknown id, etc.).")


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
