"""The suggestions suite: the share of suggested follow-up questions the store can answer.

Each example (``evals/datasets/suggestions.jsonl``) is a shopper's message, maybe sent from
a product page (``product_id``) and after earlier messages in the same thread (``before``).
The target runs those turns through the real graph (``compile_graph`` with an in-memory
checkpointer, the context's ``services``, its default model: the embedded local model
unless ``--model``), keeps the last turn's ``suggestions`` event, and for each suggested
question does what the next turn would: plans it in the thread as the turn left it (the
products shown, the focus, the last intent, the same page) with ``plan_message``, and
retrieves for the plan (``graph.retrieval.retrieve``, as many products as a turn shows).
Planning is the planner in code: the graph's model fallback for unsure plans is not run.

Scores (``evals.answerability`` defines "answerable" precisely):

- ``answerable``: one score per suggestion, 1 when the store can answer it: a store intent,
  references that resolve to products of the turn that suggested it, and the evidence its
  intent needs (products, details, an attribute or answered question, review aspects, a
  price history, deals, a watchable alert, a policy topic);
- ``answerable:<intent>``: the same, by the intent the suggestion is planned as;
- ``suggested``: per turn, 1 when the turn suggested anything.
"""

from __future__ import annotations

import asyncio
from typing import Any

from evals.answerability import answerability
from evals.dataset import Dataset, Example
from evals.evaluation import Score
from evals.graph_runs import graph_for, new_account, repo_dataset
from evals.suite import EvalContext, Part, Suite
from graph.context import Context
from graph.events import Event
from graph.evidence import Evidence
from graph.graph import AssistantApp
from graph.nodes.context import shown_product
from graph.plan import Conversation, Plan, ShownProduct
from graph.planner import plan_message
from graph.retrieval import retrieve
from graph.services import Services
from graph.turns import TurnRequest, stream_turn

SERVICES = "services"


class TurnFailedError(RuntimeError):
    """A turn of the example ended with an ``error`` event."""


def suggestion_set(context: EvalContext) -> Dataset:
    """Our shopper messages, or the JSONL file given with ``--data``."""
    return repo_dataset(context, "suggestions.jsonl")


async def _turn(
    app: AssistantApp, services: Services, request: TurnRequest, account: str
) -> list[Event]:
    events = [e async for e in stream_turn(app, services, request, account_id=account)]
    for event in events:
        if event.type == "error":
            raise TurnFailedError(f"{request.message!r}: {event.code}: {event.message}")
    return events


async def next_conversation(
    services: Services, state: dict[str, Any], page_id: str | None
) -> Conversation:
    """The conversation the thread's next turn, sent from the same page, starts from."""
    page: ShownProduct | None = None
    if page_id is not None:
        catalog = await services.catalog()
        found = await asyncio.to_thread(catalog.summaries, [page_id])
        page = shown_product(found[0]) if found else None
    return Conversation(
        page_product=page,
        shown=[ShownProduct.model_validate(p) for p in state.get("shown", [])],
        focus=state.get("focus"),
        last_intent=state.get("last_intent"),
    )


async def suggestions_target(inputs: dict[str, Any], context: EvalContext) -> dict[str, Any]:
    """Run the example's turns; plan and retrieve for each suggestion of the last one."""
    services: Services = context.resource(SERVICES)
    app = graph_for(context, SERVICES)
    account, page, thread = new_account(), inputs.get("product_id"), None
    events: list[Event] = []
    for message in [*inputs.get("before", []), inputs["message"]]:
        request = TurnRequest(message=message, thread_id=thread, product_id=page)
        events = await _turn(app, services, request, account)
        thread = next(e.thread_id for e in events if e.type == "metadata")
    state = (await app.aget_state({"configurable": {"thread_id": thread}})).values
    turn = Evidence.model_validate(state.get("evidence") or {})
    conversation = await next_conversation(services, state, page)
    vocabulary, catalog = await services.vocabulary(), await services.catalog()
    judged = []
    for question in [q for e in events if e.type == "suggestions" for q in e.questions]:
        plan = plan_message(question, conversation, vocabulary)
        evidence = await retrieve(plan, catalog, limit=Context().result_count)
        judged.append(
            {
                "question": question,
                "plan": plan.model_dump(mode="json"),
                "evidence": evidence.model_dump(mode="json"),
            }
        )
    return {
        "intent": next((e.plan.intent for e in events if e.type == "plan"), None),
        "subject": [p.id for p in (turn.products or turn.deals)],
        "suggestions": judged,
    }


def suggestion_answerability(outputs: dict[str, Any], example: Example) -> list[Score]:
    """``answerable`` and ``answerable:<intent>`` per suggestion; ``suggested`` per turn."""
    suggestions = outputs.get("suggestions", [])
    scores = [Score("suggested", 1.0 if suggestions else 0.0)]
    for suggestion in suggestions:
        plan = Plan.model_validate(suggestion["plan"])
        evidence = Evidence.model_validate(suggestion["evidence"])
        verdict = answerability(suggestion["question"], plan, evidence, outputs.get("subject", []))
        value = 1.0 if verdict.answerable else 0.0
        comment = f"{suggestion['question']!r} ({plan.intent}): {verdict.reason}"
        scores += [Score("answerable", value, comment), Score(f"answerable:{plan.intent}", value)]
    return scores


def suite() -> Suite:
    """The suggestions suite: real turns through the graph, then a plan per suggestion."""
    return Suite(
        name="suggestions",
        description="Share of suggested follow-up questions the store can answer.",
        parts=[
            Part(
                "follow_ups",
                suggestion_set,
                suggestions_target,
                [suggestion_answerability],
                group_by="intent",
            )
        ],
        fast=True,  # a subset gates the test command (tests/evals/test_suggestions_gate.py)
    )
