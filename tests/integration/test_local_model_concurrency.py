"""The embedded model under concurrent turns: answered one at a time, never crashed.

Two turns decoding on one llama.cpp context at once abort the process (GGML_ASSERT): the
server would die with two shoppers. ``SerialChatLlamaCpp`` queues them.
"""

from __future__ import annotations

import asyncio
import time

from langchain_core.messages import HumanMessage

from graph.models.local import local_chat_model
from graph.settings import AssistantSettings

PROMPT = [HumanMessage("Name three kitchen appliances.")]


async def _answer(model: object) -> str:
    return "".join([chunk.text async for chunk in model.astream(PROMPT)])  # type: ignore[attr-defined]


async def test_concurrent_streams_queue_and_give_the_same_greedy_answer() -> None:
    model = local_chat_model(AssistantSettings(local_max_tokens=24))
    answers = await asyncio.gather(*(_answer(model) for _ in range(3)))
    assert answers[0] and answers == [answers[0]] * 3


async def test_an_abandoned_stream_frees_the_model_at_once() -> None:
    model = local_chat_model(AssistantSettings(local_max_tokens=400))
    stream = model.astream(PROMPT)
    async for _ in stream:
        break
    assert model._lock.locked()  # still decoding its 400 tokens
    await stream.aclose()  # the reader leaves after one chunk
    deadline = time.monotonic() + 2
    while model._lock.locked() and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    assert not model._lock.locked(), "the abandoned answer kept the model busy"
    assert await _answer(model)
