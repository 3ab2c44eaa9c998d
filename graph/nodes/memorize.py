"""Memorize: save what the turn changed in the account's memory, after the thread is written.

Runs after ``remember``, so a turn that failed on its way changes neither the thread nor
the memory.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from graph.context import Context
from graph.memory_turn import MemoryTurn
from graph.state import State
from memory.account_memory import AccountMemory


async def memorize(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Forget what the shopper took back, keep what they stated."""
    memory = MemoryTurn.model_validate(state.get("memory") or {})
    account = runtime.context.account_id
    if not (memory.enabled and memory.changed) or account is None or runtime.store is None:
        return {}
    book = AccountMemory(runtime.store)
    await book.forget(account, [p.key for p in memory.forgotten])
    await book.keep(account, memory.stated)
    return {}
