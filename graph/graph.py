"""The assistant graph, top-down.

    context → plan ─┬─→ retrieve ─→ route → answer → suggest → remember → memorize ─┬─→ END
                    └───────────────↗ (nothing to retrieve)          (cart, alert) └─→ act ─┬─→ END
                                                                        (a proposal) └─→ confirm

``answer`` is generation and the streaming renderer in one node: the renderer reads the
model's tokens as they arrive, so splitting them across nodes would hold the stream back
until the model finished. ``remember`` writes the thread's conversation and ``memorize`` the
account's memory (preferences, in LangGraph's store), both last so a failed turn changes
neither; ``act`` works on the account's cart or alerts and may propose an order or an
alert, which ``confirm`` puts to the shopper with ``interrupt()``: nothing is bought or set
without the shopper's "confirm".
"""

from __future__ import annotations

from functools import cache, partial

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.store.base import BaseStore

from graph.context import Context
from graph.nodes.act import act, after_act, after_remember
from graph.nodes.answer import answer
from graph.nodes.confirm import confirm
from graph.nodes.context import load_context
from graph.nodes.memorize import memorize
from graph.nodes.plan import plan_turn
from graph.nodes.remember import remember_turn
from graph.nodes.retrieve import retrieve_evidence
from graph.nodes.route import route_model
from graph.nodes.suggest import suggest
from graph.services import Services
from graph.state import State, TurnInput, TurnOutput

Graph = StateGraph[State, Context, TurnInput, TurnOutput]
AssistantApp = CompiledStateGraph[State, Context, TurnInput, TurnOutput]


def build_graph(services: Services) -> Graph:
    """The state machine, with ``services`` bound into the nodes that need them."""
    builder: Graph = StateGraph(
        State, context_schema=Context, input_schema=TurnInput, output_schema=TurnOutput
    )
    builder.add_node("context", partial(load_context, services=services))
    builder.add_node(
        "plan", partial(plan_turn, services=services), destinations=("retrieve", "route")
    )
    builder.add_node("retrieve", partial(retrieve_evidence, services=services))
    builder.add_node("route", partial(route_model, services=services))
    builder.add_node("answer", partial(answer, services=services))
    builder.add_node("suggest", suggest)
    builder.add_node("remember", partial(remember_turn, services=services))
    builder.add_node("memorize", memorize)
    builder.add_node("act", partial(act, services=services))
    builder.add_node("confirm", partial(confirm, services=services))

    builder.add_edge(START, "context")
    builder.add_edge("context", "plan")
    # plan → retrieve | route: the planner's Command decides
    builder.add_edge("retrieve", "route")
    builder.add_edge("route", "answer")
    builder.add_edge("answer", "suggest")
    builder.add_edge("suggest", "remember")
    builder.add_edge("remember", "memorize")
    builder.add_conditional_edges("memorize", after_remember)
    builder.add_conditional_edges("act", after_act)
    builder.add_edge("confirm", END)
    return builder


def compile_graph(
    services: Services,
    checkpointer: BaseCheckpointSaver[str] | None = None,
    store: BaseStore | None = None,
) -> AssistantApp:
    """The runnable graph, with ``checkpointer`` and the accounts' memory ``store`` if given.

    Without them, the caller's server attaches its own (LangGraph's server does).
    """
    return build_graph(services).compile(checkpointer=checkpointer, store=store)


def make_graph() -> AssistantApp:
    """The graph LangGraph's server runs (``langgraph.json``).

    The server attaches its own checkpointer. Services are shared by every run; the
    catalog and the model load on the first one.
    """
    return compile_graph(shared_services())


@cache
def shared_services() -> Services:
    """The process's services, from the environment."""
    return Services.from_environment()
