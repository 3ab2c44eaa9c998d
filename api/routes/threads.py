"""The account's threads: list, history, and answering an ``interrupt``."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, HTTPException
from sse_starlette import EventSourceResponse

from api.backend import Backend
from api.deps import AccountDep, BackendDep
from api.routes.chat import EVENT_STREAM
from api.schemas import Problem, ResumeRequest, ThreadSummary, ThreadView
from api.streaming import detached, to_sse
from graph.turns import pending_interrupt, stream_resume
from memory.accounts import Account

router = APIRouter(prefix="/v1/threads", tags=["threads"])
NOT_YOURS: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "No such thread of this account."}
}


async def _own(backend: Backend, account: Account, thread_id: str) -> None:
    if not await asyncio.to_thread(backend.accounts.owns_thread, account.id, thread_id):
        raise HTTPException(404, detail=f"no conversation with id {thread_id!r}")


@router.get("", summary="The account's threads, newest first")
async def list_threads(account: AccountDep, backend: BackendDep) -> list[ThreadSummary]:
    """Threads of the signed-in account."""
    records = await asyncio.to_thread(backend.accounts.threads, account.id)
    return [
        ThreadSummary(
            thread_id=r.thread_id,
            title=r.title,
            created_at=r.created_at.isoformat(),
            updated_at=r.updated_at.isoformat(),
        )
        for r in records
    ]


@router.get("/{thread_id}", responses=NOT_YOURS, summary="A thread's history")
async def get_thread(thread_id: str, account: AccountDep, backend: BackendDep) -> ThreadView:
    """Every finished turn with its components, and the interrupt it waits on, if any."""
    await _own(backend, account, thread_id)
    snapshot = await backend.graph.aget_state({"configurable": {"thread_id": thread_id}})
    return ThreadView(
        thread_id=thread_id,
        turns=snapshot.values.get("turns", []),
        pending=await pending_interrupt(backend.graph, thread_id),
    )


@router.post(
    "/{thread_id}/resume",
    response_class=EventSourceResponse,
    responses={**EVENT_STREAM, 409: {"model": Problem, "description": "Nothing to answer."}},
    summary="Confirm or cancel the action a thread waits on",
)
async def resume(
    thread_id: str, body: ResumeRequest, account: AccountDep, backend: BackendDep
) -> EventSourceResponse:
    """Answer the thread's ``interrupt``; the rest of the run streams back."""
    await _own(backend, account, thread_id)
    if await pending_interrupt(backend.graph, thread_id) is None:
        raise HTTPException(409, detail="this conversation is not waiting for an answer")
    events = stream_resume(backend.graph, thread_id, body.model_dump(), account_id=account.id)
    frames = (to_sse(event) async for event in detached(events))
    return EventSourceResponse(frames, ping=backend.settings.ping_s)
