"""What every request uses, opened once in the app's lifespan."""

from __future__ import annotations

from dataclasses import dataclass

from api.settings import ApiSettings
from graph.graph import AssistantApp
from graph.services import Services
from memory.accounts import AccountStore


@dataclass(frozen=True)
class Backend:
    """The compiled graph (with its checkpointer), its services, the accounts, the settings."""

    graph: AssistantApp
    services: Services
    accounts: AccountStore
    settings: ApiSettings
