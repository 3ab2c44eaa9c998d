"""The assistant graph, top-down.

This first graph searches the catalog and lists what it found; the planner, router,
generation and streaming renderer come next (see the project's issues).
"""

from langgraph.graph import END, START, StateGraph

from graph.nodes import respond, retrieve
from graph.state import State

builder = StateGraph(State)
builder.add_node("retrieve", retrieve)
builder.add_node("respond", respond)
builder.add_edge(START, "retrieve")
builder.add_edge("retrieve", "respond")
builder.add_edge("respond", END)

graph = builder.compile()
