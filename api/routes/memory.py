"""The account's memory: what the assistant remembers about the shopper, to export or erase."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from api.deps import AccountDep, BackendDep
from api.schemas import Problem
from memory.account_memory import AccountMemory
from memory.preferences import Preference

router = APIRouter(prefix="/v1/memory", tags=["memory"])

UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    503: {"model": Problem, "description": "This server keeps no account memory."}
}


class MemoryExport(BaseModel):
    """Everything the assistant remembers about the account."""

    account_id: str
    preferences: list[Preference] = Field(description="Oldest first, each with its turn.")


class MemoryErased(BaseModel):
    """What ``DELETE /v1/memory`` removed."""

    erased: int = Field(description="How many preferences were forgotten.")


def _memory(backend: BackendDep) -> AccountMemory:
    if backend.memory is None:
        raise HTTPException(503, "this server keeps no account memory")
    return backend.memory


@router.get("", responses=UNAVAILABLE, summary="Export what the assistant remembers")
async def export_memory(account: AccountDep, backend: BackendDep) -> MemoryExport:
    """Each preference with the thread, run and time it was said in."""
    preferences = await _memory(backend).recall(account.id)
    return MemoryExport(account_id=account.id, preferences=preferences)


@router.delete("", responses=UNAVAILABLE, summary="Erase what the assistant remembers")
async def erase_memory(account: AccountDep, backend: BackendDep) -> MemoryErased:
    """Forget every preference of the account; threads and orders stay."""
    return MemoryErased(erased=await _memory(backend).erase(account.id))
