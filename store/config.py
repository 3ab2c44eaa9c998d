"""Infrastructure settings for the store, read from ``SHOPGRAPH_*`` environment variables."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_home() -> Path:
    """``$XDG_DATA_HOME/shopgraph``, i.e. ``~/.local/share/shopgraph`` by default."""
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "shopgraph"


class StoreSettings(BaseSettings):
    """Where the store keeps its data. Validated when the store is opened."""

    model_config = SettingsConfigDict(env_prefix="SHOPGRAPH_", extra="ignore")

    home: Path = default_home()
    """Data home: the SQLite database and the search indexes live here."""
    database_url: str | None = None
    """SQLAlchemy URL; unset means SQLite at ``HOME/shopgraph.db``. Use
    ``postgresql://user@host/db`` when a deployment outgrows one machine."""
    webhook_allow_private: bool = False
    """Let webhooks reach loopback, private and link-local addresses (tests, a trusted
    network). Off: a shopper's webhook URL must not make the server call internal services."""

    @field_validator("home")
    @classmethod
    def _expand_home(cls, value: Path) -> Path:
        return value.expanduser().absolute()

    @field_validator("database_url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        url = value.strip()
        if url.startswith(("postgresql://", "postgres://")):
            return "postgresql+psycopg://" + url.split("://", 1)[1]
        if url.startswith(("postgresql+psycopg://", "sqlite:///")):
            return url
        raise ValueError(
            "SHOPGRAPH_DATABASE_URL must start with postgresql:// or sqlite:///"
            f" (got {url.split(':', 1)[0]}://...)"
        )

    @property
    def resolved_database_url(self) -> str:
        """The database URL in effect."""
        return self.database_url or f"sqlite:///{self.home / 'shopgraph.db'}"

    @property
    def index_dir(self) -> Path:
        """Folder of the search indexes (chromadb and bm25s)."""
        return self.home / "index"
