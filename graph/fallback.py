"""Down the router's chain: the next model takes over when one fails before it wrote.

A model that errors, times out, returns nothing readable or cannot be loaded is recorded
as an ``Attempt`` and the next one in the chain is tried, as long as the shopper has not
seen any of the failed answer (text already streamed can't be taken back). Transport
failures count against the model's circuit breaker; a readable answer closes it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from graph.generation import ModelError, ModelOutputError, ModelTimeoutError
from graph.models.breaker import CircuitBreakers
from graph.routing import Attempt, Failure

log = logging.getLogger(__name__)


class ModelUnavailableError(ModelError):
    """The model could not be loaded or built (missing file, bad credentials...)."""


class AnswerFailedError(ModelError):
    """Every model the turn could try failed; ``attempts`` says how."""

    def __init__(self, attempts: Sequence[Attempt]) -> None:
        tried = ", ".join(f"{a.model} ({a.failure})" for a in attempts) or "none"
        super().__init__(f"no model could answer; tried {tried}")
        self.attempts = list(attempts)

    @property
    def timed_out(self) -> bool:
        """Whether the last model tried ran out of time."""
        return bool(self.attempts) and self.attempts[-1].failure == "timeout"


def failure_of(exc: ModelError) -> Failure:
    """How a model failed, for the events."""
    if isinstance(exc, ModelTimeoutError):
        return "timeout"
    if isinstance(exc, ModelOutputError):
        return "bad_output"
    if isinstance(exc, ModelUnavailableError):
        return "unavailable"
    return "failed"


async def answer_with_fallbacks(
    chain: Sequence[str],
    write: Callable[[str], Awaitable[None]],
    *,
    breakers: CircuitBreakers,
    started: Callable[[], bool],
    announce: Callable[[str, list[Attempt]], None],
) -> tuple[str, list[Attempt]]:
    """Run ``write(model)`` down ``chain`` until one succeeds.

    Returns the model that answered and the attempts that failed before it. Calls
    ``announce(model, failed_so_far)`` before each fallback. Raises ``AnswerFailedError``
    when the chain is exhausted or a model fails after ``started()`` became true.
    """
    attempts: list[Attempt] = []
    for name in chain:
        if attempts:
            announce(name, list(attempts))
        try:
            await write(name)
        except ModelError as exc:
            attempts.append(Attempt(model=name, failure=failure_of(exc)))
            if not isinstance(exc, ModelOutputError):  # garbage is not a dead endpoint
                breakers.failed(name)
            log.warning("model %r failed (%s): %s", name, attempts[-1].failure, exc)
            if started():
                raise AnswerFailedError(attempts) from exc
            continue
        breakers.succeeded(name)
        return name, attempts
    raise AnswerFailedError(attempts)
