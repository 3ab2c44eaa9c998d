"""Circuit breakers: a model that keeps failing is left alone for a while.

A dead endpoint costs a connection error at best and a first-token timeout at worst on
every turn that tries it. After ``failures`` failures in a row its breaker opens and the
router passes it over; once ``cooldown_s`` has gone by one turn may try it again (half
open). A success closes the breaker; a failure opens it for another cooldown.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

BreakerState = Literal["closed", "open", "half_open"]


@dataclass
class _Record:
    failures: int = 0
    opened_at: float | None = None


class CircuitBreakers:
    """One breaker per model name, shared by every turn of the process."""

    def __init__(
        self,
        *,
        failures: int = 3,
        cooldown_s: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._threshold = failures
        self._cooldown_s = cooldown_s
        self._clock = clock
        self._records: dict[str, _Record] = {}

    def state(self, name: str) -> BreakerState:
        """Whether ``name`` may be tried: closed, open (not now) or half open (once)."""
        record = self._records.get(name)
        if record is None or record.opened_at is None:
            return "closed"
        if self._clock() - record.opened_at >= self._cooldown_s:
            return "half_open"
        return "open"

    def allows(self, name: str) -> bool:
        """Whether a turn may try ``name`` now."""
        return self.state(name) != "open"

    def succeeded(self, name: str) -> None:
        """``name`` answered: close its breaker."""
        self._records.pop(name, None)

    def failed(self, name: str) -> None:
        """``name`` failed: count it, and open (or re-open) the breaker at the threshold."""
        record = self._records.setdefault(name, _Record())
        half_open = self.state(name) == "half_open"
        record.failures += 1
        if half_open or record.failures >= self._threshold:
            record.opened_at = self._clock()
