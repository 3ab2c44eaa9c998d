"""An account's memory, kept in LangGraph's store: one namespace per account, one item per key.

The graph reaches the store through its runtime (``runtime.store``), the API through the
same store object, so both see one memory. Namespaces are ``("memory", account_id)``:
nothing in one account's namespace is read for another.
"""

from __future__ import annotations

from collections.abc import Iterable

from langgraph.store.base import BaseStore

from memory.preferences import Preference

MAX_PREFERENCES = 200
"""Items read per account: far more than a shopper states; a bound on a runaway thread."""


def namespace(account_id: str) -> tuple[str, ...]:
    """The store namespace of ``account_id``'s memory."""
    return ("memory", account_id)


class AccountMemory:
    """Read, add to, forget from and erase accounts' memories in a LangGraph store."""

    def __init__(self, store: BaseStore) -> None:
        self.store = store

    async def recall(self, account_id: str) -> list[Preference]:
        """The account's preferences, oldest first."""
        items = await self.store.asearch(namespace(account_id), limit=MAX_PREFERENCES)
        found = [Preference.model_validate(item.value) for item in items]
        return sorted(found, key=lambda p: (p.at or "", p.key))

    async def keep(self, account_id: str, preferences: Iterable[Preference]) -> None:
        """Remember each preference, replacing an older one with the same key."""
        for preference in preferences:
            await self.store.aput(
                namespace(account_id),
                preference.key,
                preference.model_dump(mode="json"),
                index=False,
            )

    async def forget(self, account_id: str, keys: Iterable[str]) -> None:
        """Forget the preferences with these keys (an unknown key is no error)."""
        for key in keys:
            await self.store.adelete(namespace(account_id), key)

    async def erase(self, account_id: str) -> int:
        """Forget everything about the account; returns how many preferences went."""
        remembered = await self.recall(account_id)
        await self.forget(account_id, [p.key for p in remembered])
        return len(remembered)
