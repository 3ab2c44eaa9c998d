"""What every request uses, opened once in the app's lifespan."""

from __future__ import annotations

from dataclasses import dataclass

from api.settings import ApiSettings
from graph.graph import AssistantApp
from graph.services import Services
from memory.account_memory import AccountMemory
from memory.accounts import AccountStore


@dataclass(frozen=True)
class Backend:
    """What the routes share: the graph, its services, accounts, settings and memories.

    ``memory`` is None where the server keeps no account memory.
    """

    graph: AssistantApp
    services: Services
    accounts: AccountStore
    settings: ApiSettings
    memory: AccountMemory | None = None
