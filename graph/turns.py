"""One turn of a conversation, end to end: check the request, stream the graph, report.

Shared by the terminal client and the API. Bad requests are refused before the graph
runs (``check_turn``, so the API can answer 4xx); failures during the run become an
``error`` event. Either way the thread keeps the state it had before the turn: only the
graph's last node writes it.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncGenerator, Collection
from contextlib import aclosing
from typing import Any, cast

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.types import Command
from pydantic import BaseModel, Field

from graph.context import Context
from graph.events import EndEvent, ErrorCode, ErrorEvent, Event, MetadataEvent
from graph.fallback import AnswerFailedError
from graph.generation import ModelError, ModelTimeoutError
from graph.graph import AssistantApp
from graph.models import UnknownModelError
from graph.routing import ModelNotAllowedError
from graph.services import Services
from graph.state import TurnInput
from graph.wire import STREAM_MODES, to_events
from memory.checkpoints import thread_exists
from tools.catalog import UnknownProductError

log = logging.getLogger(__name__)


class TurnRequest(BaseModel):
    """A shopper's message and the choices that go with it."""

    message: str
    thread_id: str | None = Field(default=None, description="Continue this thread.")
    product_id: str | None = Field(default=None, description="The product page open, if any.")
    model: str | None = Field(default=None, description="Use this model, not the router's.")


class TurnError(Exception):
    """A request the assistant refuses, with a reason for the shopper."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code: ErrorCode = code
        self.message = message


async def check_turn(
    request: TurnRequest,
    app: AssistantApp,
    services: Services,
    allowed_models: Collection[str] | None = None,
) -> None:
    """Raise ``TurnError`` if the request can't be served as given.

    ``allowed_models``: the models the shopper's account may use (None: every one).
    """
    text = request.message.strip()
    if not text:
        raise TurnError("invalid_message", "the message is empty")
    limit = services.settings.max_message_chars
    if len(text) > limit:
        raise TurnError(
            "invalid_message", f"the message has {len(text)} characters; the limit is {limit}"
        )
    if request.model is not None:
        try:
            services.models.spec(request.model)
        except UnknownModelError as exc:
            raise TurnError("unknown_model", str(exc)) from None
        if allowed_models is not None and request.model not in allowed_models:
            error = ModelNotAllowedError(request.model, allowed_models)
            raise TurnError("model_not_allowed", str(error))
    if request.product_id is not None:
        catalog = await services.catalog()
        if not await asyncio.to_thread(catalog.has_product, request.product_id):
            raise TurnError("unknown_product", f"no product with id {request.product_id!r}")
    if request.thread_id is not None and not await _has_thread(app, request.thread_id):
        raise TurnError("unknown_thread", f"no conversation with id {request.thread_id!r}")


async def _has_thread(app: AssistantApp, thread_id: str) -> bool:
    saver = app.checkpointer
    return isinstance(saver, BaseCheckpointSaver) and await thread_exists(saver, thread_id)


async def stream_turn(
    app: AssistantApp,
    services: Services,
    request: TurnRequest,
    allowed_models: Collection[str] | None = None,
    account_id: str | None = None,
    *,
    checked: bool = False,
) -> AsyncGenerator[Event, None]:
    """The events of one turn: ``metadata`` first, ``end`` last, ``error`` on failure.

    ``allowed_models``: the models the shopper's account may use (None: every one);
    ``account_id``: the shopper's account (its cart, alerts, memory), if signed in;
    ``checked``: the caller already ran ``check_turn`` (the API, to answer 4xx).
    """
    thread_id = request.thread_id or str(uuid.uuid4())
    run_id = uuid.uuid4()
    yield MetadataEvent(thread_id=thread_id, run_id=str(run_id))
    try:
        if not checked:
            await check_turn(request, app, services, allowed_models)
    except TurnError as refused:
        yield ErrorEvent(code=refused.code, message=refused.message)
        yield EndEvent()
        return
    context = Context(
        model=request.model,
        product_id=request.product_id,
        allowed_models=None if allowed_models is None else tuple(allowed_models),
        run_id=str(run_id),
        account_id=account_id,
    )
    turn = TurnInput(message=request.message.strip())
    async with aclosing(_run(app, turn, thread_id, run_id, context)) as events:
        async for event in events:
            yield event


async def stream_resume(
    app: AssistantApp, thread_id: str, value: dict[str, Any], account_id: str | None = None
) -> AsyncGenerator[Event, None]:
    """The events of a thread's run resumed with the shopper's answer to its interrupt.

    The caller checks that the thread waits for one (``pending_interrupt``).
    """
    run_id = uuid.uuid4()
    yield MetadataEvent(thread_id=thread_id, run_id=str(run_id))
    context = Context(run_id=str(run_id), account_id=account_id)
    async with aclosing(_run(app, Command(resume=value), thread_id, run_id, context)) as events:
        async for event in events:
            yield event


async def pending_interrupt(app: AssistantApp, thread_id: str) -> dict[str, Any] | None:
    """The value of the interrupt ``thread_id`` waits on, if it waits on one."""
    snapshot = await app.aget_state({"configurable": {"thread_id": thread_id}})
    for interrupt in snapshot.interrupts:
        value = interrupt.value
        return value if isinstance(value, dict) else {"value": value}
    return None


async def _run(
    app: AssistantApp,
    graph_input: TurnInput | Command[Any],
    thread_id: str,
    run_id: uuid.UUID,
    context: Context,
) -> AsyncGenerator[Event, None]:
    """Stream one run of the graph as events, ending with ``end`` (after ``error``)."""
    config = RunnableConfig(configurable={"thread_id": thread_id}, run_id=run_id)
    failure: ErrorEvent | None = None
    finished: dict[str, Any] = {}
    # aclosing: a client that leaves closes this generator at a `yield`; closing the
    # graph's stream too cancels the run instead of leaving it to finish unseen.
    stream = cast(
        AsyncGenerator[tuple[str, Any], None],  # what astream returns, typed as an iterator
        app.astream(graph_input, config, context=context, stream_mode=STREAM_MODES),
    )
    try:
        async with aclosing(stream):
            async for mode, chunk in stream:
                for event in to_events(mode, chunk):
                    yield event
                if mode == "updates":
                    finished.update(_node_outputs(chunk))
    except Exception as exc:  # reported to the shopper without internals; logged in full
        failure = error_event(exc)
        log.warning("turn failed on thread %s: %s", thread_id, failure.code, exc_info=True)
    if failure is not None:
        yield failure
        yield EndEvent()
        return
    yield EndEvent(
        model=finished.get("model"),
        dropped=finished.get("dropped", 0),
        fallbacks=finished.get("fallbacks", []),
    )


def _node_outputs(chunk: Any) -> dict[str, Any]:
    """The state keys the nodes of one ``updates`` item wrote."""
    merged: dict[str, Any] = {}
    if isinstance(chunk, dict):
        for update in chunk.values():
            if isinstance(update, dict):
                merged.update(update)
    return merged


_MODEL_FAILED: dict[ErrorCode, str] = {
    "model_timeout": "The model took too long to answer.",
    "model_failed": "The model could not answer this time.",
}


def error_event(exc: BaseException) -> ErrorEvent:
    """The shopper-facing error for an exception raised during a run."""
    if isinstance(exc, AnswerFailedError):
        code: ErrorCode = "model_timeout" if exc.timed_out else "model_failed"
        return ErrorEvent(code=code, message=_MODEL_FAILED[code], fallbacks=exc.attempts)
    if isinstance(exc, ModelTimeoutError):
        return ErrorEvent(code="model_timeout", message=_MODEL_FAILED["model_timeout"])
    if isinstance(exc, ModelError):
        return ErrorEvent(code="model_failed", message=_MODEL_FAILED["model_failed"])
    if isinstance(exc, UnknownModelError):
        return ErrorEvent(code="unknown_model", message=str(exc))
    if isinstance(exc, ModelNotAllowedError):
        return ErrorEvent(code="model_not_allowed", message=str(exc))
    if isinstance(exc, UnknownProductError):
        return ErrorEvent(code="unknown_product", message=str(exc))
    return ErrorEvent(code="internal", message="Something went wrong; please try again.")
