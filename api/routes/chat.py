"""``POST /v1/chat``: one shopper message in, the turn's events out over SSE."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import Any

from fastapi import APIRouter, HTTPException, status
from sse_starlette import EventSourceResponse, ServerSentEvent

from api.backend import Backend
from api.deps import AccountDep, BackendDep
from api.schemas import ChatRequest, Problem
from api.streaming import detached, to_sse
from graph.events import ErrorCode, MetadataEvent
from graph.turns import TurnError, TurnRequest, check_turn, stream_turn
from memory.accounts import Account

router = APIRouter(tags=["chat"])

STATUS_OF: dict[ErrorCode, int] = {
    "invalid_message": status.HTTP_422_UNPROCESSABLE_CONTENT,
    "unknown_thread": status.HTTP_404_NOT_FOUND,
    "unknown_product": status.HTTP_404_NOT_FOUND,
    "unknown_model": status.HTTP_404_NOT_FOUND,
    "model_not_allowed": status.HTTP_403_FORBIDDEN,
}
"""HTTP status of a request refused before the turn starts."""

EVENT_STREAM: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Server-sent events: `metadata` first, then `plan`, `token`, "
        "`component`, `suggestions`, `interrupt`, `error`, and `end` last; each frame's "
        "`event` is the type and its `data` the JSON of the `Event` schema.",
        "content": {
            "text/event-stream": {"schema": {"$ref": "#/components/schemas/ServerSentEvent"}}
        },
    },
    401: {"model": Problem, "description": "No valid API key or session."},
    403: {"model": Problem, "description": "The account may not use that model."},
    404: {"model": Problem, "description": "No such thread (of this account), product or model."},
    422: {"model": Problem, "description": "A malformed body, or a message over the limit."},
}


async def refuse_bad_turn(
    backend: Backend, account: Account, request: TurnRequest, allowed: list[str] | None
) -> None:
    """Raise the HTTP error for a request the turn would refuse; nothing is stored."""
    if request.thread_id is not None and not await asyncio.to_thread(
        backend.accounts.owns_thread, account.id, request.thread_id
    ):
        raise HTTPException(404, detail=f"no conversation with id {request.thread_id!r}")
    try:
        await check_turn(request, backend.graph, backend.services, allowed)
    except TurnError as refused:
        raise HTTPException(STATUS_OF.get(refused.code, 400), detail=refused.message) from None


@router.post(
    "/v1/chat",
    response_class=EventSourceResponse,
    responses=EVENT_STREAM,
    summary="Send a message; the answer streams back as server-sent events",
)
async def chat(body: ChatRequest, account: AccountDep, backend: BackendDep) -> EventSourceResponse:
    """Run one turn. A new thread belongs to the account; closing the stream cancels the run."""
    request = TurnRequest(**body.model_dump())
    allowed = backend.settings.selectable_models
    await refuse_bad_turn(backend, account, request, allowed)
    events = _turn_events(backend, account, request, allowed)
    return EventSourceResponse(events, ping=backend.settings.ping_s)


async def _turn_events(
    backend: Backend, account: Account, request: TurnRequest, allowed: list[str] | None
) -> AsyncGenerator[ServerSentEvent, None]:
    title = request.message.strip()[:80]
    events = detached(
        stream_turn(
            backend.graph,
            backend.services,
            request,
            allowed,
            account_id=account.id,
            checked=True,  # refuse_bad_turn ran the same checks, to answer 4xx
        )
    )
    async with aclosing(events):  # closing the response cancels the run
        async for event in events:
            if isinstance(event, MetadataEvent) and event.thread_id and request.thread_id is None:
                await asyncio.to_thread(
                    backend.accounts.claim_thread, account.id, event.thread_id, title
                )
            yield to_sse(event)
    if request.thread_id is not None:
        await asyncio.to_thread(backend.accounts.touch_thread, request.thread_id)
