"""``Idempotency-Key``: every mutation of the cart runs once, its retries replay its answer.

Only successful answers are stored: a refused request changed nothing, so its retry runs
again (and may succeed once the shopper fixed the cause, e.g. stock came back).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from store.idempotency import (
    IdempotencyConflictError,
    IdempotencyInProgressError,
    IdempotencyKeys,
)

REPLAYED = "Idempotent-Replayed"
"""Response header set to ``true`` on an answer replayed from an earlier request."""


def idempotency_key(
    key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            description="A new unique value (e.g. a UUID) per change; send the same one "
            "when retrying it. Required.",
        ),
    ] = None,
) -> str:
    """The request's ``Idempotency-Key``; 400 when it is missing or unusable."""
    if key is None or not key.strip():
        raise HTTPException(400, detail="send an Idempotency-Key header (e.g. a new UUID)")
    if len(key) > 255 or not key.isascii() or not key.isprintable():
        raise HTTPException(400, detail="the Idempotency-Key must be 1 to 255 printable ASCII")
    return key


IdempotencyKeyDep = Annotated[str, Depends(idempotency_key)]


def request_hash(method: str, path: str, body: Any) -> str:
    """sha256 of the method, the path and the body as canonical JSON."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{method.upper()} {path}\n{canonical}".encode()).hexdigest()


async def run_once(
    keys: IdempotencyKeys,
    account_id: str,
    key: str,
    fingerprint: str,
    run: Callable[[], Awaitable[Any]],
    status_code: int = 200,
) -> JSONResponse:
    """``run``'s answer, or the stored answer of the earlier request with ``key``."""
    stored = await _replay(keys, account_id, key, fingerprint)
    if stored is not None:
        return stored
    if not await asyncio.to_thread(keys.reserve, account_id, key, fingerprint):
        stored = await _replay(keys, account_id, key, fingerprint)  # it finished meanwhile
        if stored is not None:
            return stored
        raise HTTPException(409, detail="a request with this Idempotency-Key is running")
    try:
        content = jsonable_encoder(await run())
    except BaseException:
        await asyncio.to_thread(keys.release, account_id, key)
        raise
    await asyncio.to_thread(keys.save, account_id, key, fingerprint, status_code, content)
    return JSONResponse(content, status_code=status_code)


async def _replay(
    keys: IdempotencyKeys, account_id: str, key: str, fingerprint: str
) -> JSONResponse | None:
    try:
        stored = await asyncio.to_thread(keys.replay, account_id, key, fingerprint)
    except IdempotencyConflictError as exc:
        raise HTTPException(422, detail=str(exc)) from None
    except IdempotencyInProgressError as exc:
        raise HTTPException(409, detail=str(exc)) from None
    if stored is None:
        return None
    headers = {REPLAYED: "true"}
    return JSONResponse(stored.response, status_code=stored.status_code, headers=headers)
