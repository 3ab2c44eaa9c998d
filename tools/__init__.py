"""Retrieval tools: the LangChain face over the store.

Each tool is a plain async function taking the ``Catalog`` first, so it can be called and
tested directly; ``build_retrieval_tools(catalog)`` binds them to one catalog as LangChain
tools whose schemas show the model only the arguments it should choose.
"""

from tools.binding import build_retrieval_tools

__all__ = ["build_retrieval_tools"]
