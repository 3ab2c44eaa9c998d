"""``shopgraph chat``: the terminal client, one turn or an interactive session."""

from __future__ import annotations

import asyncio
import sys
from typing import Annotated

import typer
from rich.console import Console

from graph.events import ErrorEvent, MetadataEvent
from graph.graph import AssistantApp, compile_graph
from graph.services import Services
from graph.turns import TurnRequest, stream_turn
from memory.checkpoints import open_checkpointer
from shopgraph.chat_view import ChatView
from shopgraph.stores import DEMO_PRODUCTS, assistant_services, ensure_demo_store, open_catalog


def chat(
    message: Annotated[
        str | None, typer.Argument(help="One message; without it, an interactive session.")
    ] = None,
    thread: Annotated[
        str | None, typer.Option("--thread", help="Continue this conversation.")
    ] = None,
    product: Annotated[
        str | None, typer.Option("--product", help="The product page you are on (an id).")
    ] = None,
    model: Annotated[
        str | None, typer.Option("--model", help="Answer with this model (default: router).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the events, one JSON object a line.")
    ] = False,
) -> None:
    """Ask the shopping assistant; answers stream with product cards and suggestions."""
    err = Console(stderr=True, soft_wrap=True)
    view = ChatView(Console(soft_wrap=True, highlight=False), as_json=as_json)
    request = TurnRequest(message=message or "", thread_id=thread, product_id=product, model=model)
    failed = asyncio.run(_chat(request, interactive=message is None, view=view, err=err))
    if failed:
        raise typer.Exit(1)


async def _chat(request: TurnRequest, *, interactive: bool, view: ChatView, err: Console) -> bool:
    """Run the turn(s); True when the (last) turn failed."""
    catalog = open_catalog(err)
    try:
        await asyncio.to_thread(ensure_demo_store, catalog, DEMO_PRODUCTS, err)
        services = assistant_services(catalog, err)
        async with open_checkpointer(catalog.settings) as checkpointer:
            app = compile_graph(services, checkpointer=checkpointer)
            if not interactive:
                failure, _ = await _turn(app, services, request, view)
                return failure is not None
            view.welcome()
            while (text := await asyncio.to_thread(view.ask)) is not None:
                request = request.model_copy(update={"message": text})
                failure, thread_id = await _turn(app, services, request, view)
                if failure is None:  # a refused first turn created no thread to continue
                    request = request.model_copy(update={"thread_id": thread_id})
            return False
    finally:
        catalog.close()


async def _turn(
    app: AssistantApp, services: Services, request: TurnRequest, view: ChatView
) -> tuple[ErrorEvent | None, str | None]:
    """Stream one turn to the view; its error event if it failed, and its thread."""
    failure: ErrorEvent | None = None
    thread_id = request.thread_id
    async for event in stream_turn(app, services, request):
        view.show(event)
        if isinstance(event, ErrorEvent):
            failure = event
        elif isinstance(event, MetadataEvent):
            thread_id = event.thread_id or thread_id
    sys.stdout.flush()
    return failure, thread_id
