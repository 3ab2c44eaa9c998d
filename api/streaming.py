"""From the turn's events to server-sent events (``to_sse`` is pure; ``detached`` runs them).

sse-starlette stops a response whose client left by cancelling it with anyio's cancel
scope, which keeps cancelling every ``await`` in that scope, LangGraph's own clean-up
included: the run's node went on, unseen, to its end. ``detached`` therefore runs the
turn in a task of its own and cancels that task once; LangGraph then stops the run.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from contextlib import aclosing

from sse_starlette import ServerSentEvent

from graph.events import Event


def to_sse(event: Event) -> ServerSentEvent:
    """An SSE frame: the event's type as the SSE event name, its JSON as the data."""
    return ServerSentEvent(data=event.model_dump_json(), event=event.type)


class _Done:
    """The producer's last item; carries its exception, if it raised one."""

    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error


async def detached(events: AsyncGenerator[Event, None]) -> AsyncGenerator[Event, None]:
    """``events``, produced in a separate task that is cancelled when this is closed."""
    queue: asyncio.Queue[Event | _Done] = asyncio.Queue()

    async def produce() -> None:
        try:
            async with aclosing(events):
                async for event in events:
                    queue.put_nowait(event)
        except Exception as exc:  # handed to the consumer, raised there
            queue.put_nowait(_Done(exc))
        else:
            queue.put_nowait(_Done())

    producer = asyncio.create_task(produce())
    try:
        while not isinstance(item := await queue.get(), _Done):
            yield item
        if item.error is not None:
            raise item.error
    finally:
        producer.cancel()
