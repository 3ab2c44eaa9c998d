"""Remember: the turn's only write to the thread, done last so a failed turn changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from langchain_core.messages import AIMessage, HumanMessage
from langgraph.runtime import Runtime

from graph.context import Context
from graph.evidence import Evidence
from graph.nodes.context import shown_product
from graph.plan import Plan
from graph.services import Services
from graph.state import ShownRecord, State, TurnRecord
from graph.thread_log import record_event


def shown_ids(components: list[dict[str, Any]]) -> list[str]:
    """Product ids in the order the answer's components showed them."""
    ids: list[str] = []
    for component in components:
        if component.get("kind") == "comparison":
            ids.extend(card["id"] for card in component.get("products", []))
        elif component.get("kind") == "deal":
            ids.append(component["card"]["id"])
        elif "id" in component:
            ids.append(component["id"])
        elif "product_id" in component:
            ids.append(component["product_id"])
    return list(dict.fromkeys(ids))


def _focus(ids: list[str], plan: Plan) -> str | None:
    """The one product this turn was about, if it was about one."""
    if len(ids) == 1:
        return ids[0]
    if not ids and len(plan.product_ids) == 1:
        return plan.product_ids[0]
    return None


def turn_record(state: State, run_id: str | None) -> TurnRecord:
    """The finished turn as the shopper saw it."""
    return TurnRecord(
        run_id=run_id,
        at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        message=state["message"],
        answer=state.get("answer", ""),
        components=state.get("components", []),
        suggestions=state.get("suggestions", []),
        model=state.get("model"),
    )


async def remember_turn(
    state: State, runtime: Runtime[Context], *, services: Services
) -> dict[str, Any]:
    """Append the exchange and what the shopper saw, for the next turn's references.

    The shopper's question also goes to the thread's event log, for ``shopgraph kpis``.
    """
    plan = Plan.model_validate(state["plan"])
    evidence = Evidence.model_validate(state.get("evidence") or {})
    ids = shown_ids(state.get("components", []))
    summaries = {p.id: p for p in (*evidence.products, *evidence.deals)}
    # ShownProduct's JSON is a ShownRecord: the state keeps the JSON form.
    shown = [
        cast(ShownRecord, shown_product(summaries[pid]).model_dump())
        for pid in ids
        if pid in summaries
    ]
    update: dict[str, Any] = {
        "messages": [HumanMessage(state["message"]), AIMessage(state.get("answer", ""))],
        "last_intent": plan.intent,
        "focus": _focus(ids, plan),
        "turns": [turn_record(state, runtime.context.run_id)],
        "page": runtime.context.product_id,
    }
    if shown:  # a turn without products (chit-chat) keeps the last ones referable
        update["shown"] = shown
    await record_event(services, runtime.context.account_id, "question")
    return update
