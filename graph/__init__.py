"""The assistant's LangGraph state machine (``graph.graph:graph``)."""
