"""The HTTP server's settings, read from ``SHOPGRAPH_API_*`` and checked at start-up."""

from __future__ import annotations

import ipaddress

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ApiSettings(BaseSettings):
    """Where the server listens and how shoppers sign in."""

    model_config = SettingsConfigDict(env_prefix="SHOPGRAPH_API_", extra="ignore")

    host: str = Field(default="127.0.0.1", description="Address to listen on.")
    port: int = Field(default=8000, ge=1, le=65535)
    demo: bool = Field(
        default=True,
        description="Loading / gives the browser a session for a shared demo account.",
    )
    allow_public_demo: bool = Field(
        default=False,
        description="Allow demo sessions on an address other than loopback (anyone could chat).",
    )
    ping_s: float = Field(default=15.0, gt=0, description="Keep-alive interval of event streams.")
    notify_poll_s: float = Field(
        default=2.0,
        gt=0,
        le=60,
        description="How often a notification stream looks in the inbox (the worker that "
        "fills it is another process).",
    )
    selectable_models: list[str] | None = Field(
        default=None,
        description="Models a request may name in `model` (default: every enabled one).",
    )
    session_days: int = Field(default=30, ge=1, le=365, description="Lifetime of a demo session.")

    @model_validator(mode="after")
    def _demo_stays_local(self) -> ApiSettings:
        if self.demo and not self.allow_public_demo and not is_loopback(self.host):
            raise ValueError(
                f"demo sessions on {self.host} would let anyone chat: listen on 127.0.0.1, "
                "set SHOPGRAPH_API_DEMO=false (API keys only), "
                "or SHOPGRAPH_API_ALLOW_PUBLIC_DEMO=true"
            )
        return self


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address or ``localhost``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
