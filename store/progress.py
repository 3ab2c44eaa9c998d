"""How long-running store work (ingest, indexing) reports how far it got."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Where long work reports its phases and steps."""

    def phase(self, name: str, total: int) -> None:
        """A new phase of ``total`` steps begins."""

    def advance(self, steps: int) -> None:
        """``steps`` more steps are done."""


class QuietProgress:
    """Progress that reports nothing."""

    def phase(self, name: str, total: int) -> None:
        """Ignore the phase."""

    def advance(self, steps: int) -> None:
        """Ignore the steps."""
