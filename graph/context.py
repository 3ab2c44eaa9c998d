"""Per-run choices, passed with each run (``context=Context(...)``), never stored."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Context:
    """What a client chooses for one run; the environment's settings hold the rest."""

    model: str | None = None
    """A model name to use instead of the router's choice (``shopgraph chat --model``)."""
    product_id: str | None = None
    """The product page the shopper is on, if any."""
    account_id: str | None = None
    """The shopper's account, for memory and cart (anonymous when None)."""
    allowed_models: tuple[str, ...] | None = None
    """The models the account may use (every enabled one when None)."""
    run_id: str | None = None
    """The run's id, kept with the turn so feedback can name it."""
    result_count: int = 4
    """How many products an answer shows at most."""
