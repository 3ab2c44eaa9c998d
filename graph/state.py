"""The graph's state."""

from __future__ import annotations

from typing import Any

from langgraph.graph import MessagesState


class State(MessagesState):
    """Conversation messages plus what this turn retrieved."""

    products: list[dict[str, Any]]
    """Search results of this turn (product summaries), best first."""
