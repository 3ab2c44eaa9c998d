"""The translation from LangGraph's stream to wire events."""

from __future__ import annotations

from langgraph.types import Interrupt

from graph.events import InterruptEvent, PlanEvent, TokenEvent
from graph.wire import to_events


def test_custom_events_pass_through_typed() -> None:
    assert to_events("custom", {"type": "token", "text": "Hi"}) == [TokenEvent(text="Hi")]


def test_plan_events_are_validated() -> None:
    plan = {"intent": "search", "confidence": 0.9, "decided_by": "rules", "query": "blender"}
    [event] = to_events("custom", {"type": "plan", "plan": plan})
    assert isinstance(event, PlanEvent) and event.plan.intent == "search"


def test_interrupts_become_interrupt_events() -> None:
    chunk = {"__interrupt__": (Interrupt(value={"confirm": "add_to_cart"}),)}
    assert to_events("updates", chunk) == [InterruptEvent(value={"confirm": "add_to_cart"})]


def test_everything_else_is_internal() -> None:
    assert to_events("updates", {"plan": {"plan": {}}}) == []
    assert to_events("custom", "free text") == []
    assert to_events("messages", ("chunk", {})) == []
