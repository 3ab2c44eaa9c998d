"""Binding the plain async tool functions to one catalog as LangChain tools."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool
from langchain_core.tools.base import create_schema_from_function

from store.catalog import Catalog


def bind_tool(function: Callable[..., Awaitable[Any]], catalog: Catalog) -> BaseTool:
    """Wrap ``function(catalog, ...)`` as a tool; the model never sees ``catalog``."""
    schema = create_schema_from_function(
        function.__name__, function, filter_args=["catalog"], parse_docstring=True
    )

    @functools.wraps(function)
    async def bound(**kwargs: Any) -> Any:
        return await function(catalog, **kwargs)

    return StructuredTool.from_function(
        coroutine=bound,
        name=function.__name__,
        description=inspect.cleandoc(function.__doc__ or "").split("\n\nArgs:")[0],
        args_schema=schema,
    )


def build_retrieval_tools(catalog: Catalog) -> list[BaseTool]:
    """All retrieval tools, bound to ``catalog``."""
    from tools.catalog import get_product, search_products
    from tools.offers import get_offer, get_price_history, list_deals
    from tools.qa import search_questions
    from tools.reviews import review_aspects, search_reviews

    functions: list[Callable[..., Awaitable[Any]]] = [
        search_products,
        get_product,
        get_offer,
        get_price_history,
        list_deals,
        search_reviews,
        review_aspects,
        search_questions,
    ]
    return [bind_tool(function, catalog) for function in functions]
