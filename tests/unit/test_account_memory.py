"""Accounts' memories in LangGraph's store, on SQLite and PostgreSQL: kept per account."""

from __future__ import annotations

import asyncio
from pathlib import Path

from memory.account_memory import AccountMemory
from memory.checkpoints import open_memory_store
from memory.preferences import Preference
from store.config import StoreSettings


def said(kind: str, value: str, subject: str | None = None, at: str = "2026-12-01") -> Preference:
    amount = float(value) if kind == "budget" else None
    return Preference(
        kind=kind,
        value=value,
        subject=subject,
        amount=amount,
        said="...",
        at=at,  # type: ignore[arg-type]
    )


def test_memories_are_kept_per_account_replaced_by_key_and_erased(store_env: Path) -> None:
    async def scenario() -> None:
        async with open_memory_store(StoreSettings()) as store:
            memory = AccountMemory(store)
            await memory.keep("ann", [said("brand_like", "Sony"), said("size", "M", "shirts")])
            await memory.keep("bob", [said("diet", "vegan")])
            # Avoiding a brand replaces liking it; a new shirt size replaces the old one.
            await memory.keep(
                "ann",
                [said("brand_avoid", "Sony", at="2026-12-02"), said("size", "L", "shirts")],
            )
            ann = await memory.recall("ann")
            assert {(p.kind, p.value) for p in ann} == {("brand_avoid", "Sony"), ("size", "L")}
            assert [(p.kind, p.value) for p in await memory.recall("bob")] == [("diet", "vegan")]

            await memory.forget("ann", ["size:shirts", "no-such-key"])
            assert [p.kind for p in await memory.recall("ann")] == ["brand_avoid"]
            assert await memory.erase("ann") == 1
            assert await memory.recall("ann") == []
            assert len(await memory.recall("bob")) == 1

        async with open_memory_store(StoreSettings()) as reopened:  # it is durable
            assert len(await AccountMemory(reopened).recall("bob")) == 1

    asyncio.run(scenario())
