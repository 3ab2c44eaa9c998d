"""The one translation from LangGraph's stream to the wire's events (pure, no I/O).

Nodes write finished events to LangGraph's ``custom`` stream (``runtime.stream_writer``);
an ``interrupt()`` arrives in the ``updates`` stream. Everything else is internal.
"""

from __future__ import annotations

from typing import Any

from langgraph.types import StreamMode

from graph.events import EVENTS, Event, InterruptEvent

STREAM_MODES: list[StreamMode] = ["custom", "updates"]
"""The stream modes a client of the graph asks for."""


def to_events(mode: str, chunk: Any) -> list[Event]:
    """The wire events for one ``(mode, chunk)`` item of ``graph.astream``."""
    if mode == "custom" and isinstance(chunk, dict) and "type" in chunk:
        return [EVENTS.validate_python(chunk)]
    if mode == "updates" and isinstance(chunk, dict) and "__interrupt__" in chunk:
        return [InterruptEvent(value=_interrupt_value(i)) for i in chunk["__interrupt__"]]
    return []


def _interrupt_value(interrupt: Any) -> dict[str, Any]:
    value = getattr(interrupt, "value", interrupt)
    return value if isinstance(value, dict) else {"value": value}
