"""``POST /v1/feedback``: a thumbs up or down on one answer, kept for the eval suites."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, HTTPException, status

from api.deps import AccountDep, BackendDep
from api.schemas import FeedbackRequest, Problem

router = APIRouter(tags=["feedback"])


@router.post(
    "/v1/feedback",
    status_code=status.HTTP_201_CREATED,
    responses={404: {"model": Problem, "description": "No such thread of this account."}},
    summary="Rate an answer",
)
async def feedback(
    body: FeedbackRequest, account: AccountDep, backend: BackendDep
) -> dict[str, int]:
    """Store the rating with the account, thread and run it is about."""
    accounts = backend.accounts
    if not await asyncio.to_thread(accounts.owns_thread, account.id, body.thread_id):
        raise HTTPException(404, detail=f"no conversation with id {body.thread_id!r}")
    record = await asyncio.to_thread(
        accounts.add_feedback, account.id, body.thread_id, body.run_id, body.rating, body.comment
    )
    return {"id": record.id}
