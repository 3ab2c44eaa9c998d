"""Follow-up suggestions node."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from graph.context import Context
from graph.events import SuggestionsEvent
from graph.evidence import Evidence
from graph.plan import Plan
from graph.state import State
from graph.suggestions import suggest_followups


def suggest(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Suggest what to ask next and stream it."""
    plan = Plan.model_validate(state["plan"])
    evidence = Evidence.model_validate(state.get("evidence") or {})
    questions = suggest_followups(plan, evidence)
    runtime.stream_writer(SuggestionsEvent(questions=questions).model_dump(mode="json"))
    return {"suggestions": questions}
