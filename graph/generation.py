"""Streaming text out of a chat model, with time limits and errors the turn can report."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Sequence

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from langchain_core.runnables import RunnableConfig

# Raw model output (markup included) must never reach clients through LangGraph's
# "messages" stream: only the renderer's events do.
NOSTREAM = RunnableConfig(tags=["nostream"])
EMPTY_STREAM = "No generation chunks were returned"
"""What langchain-core raises when a provider's stream ends without a chunk."""


class ModelError(RuntimeError):
    """The model could not produce an answer."""


class ModelTimeoutError(ModelError):
    """The model sent nothing, or not all, within the time allowed."""


class ModelOutputError(ModelError):
    """The model answered with nothing usable."""


async def stream_text(
    model: BaseChatModel,
    messages: Sequence[BaseMessage],
    *,
    first_token_s: float,
    total_s: float,
) -> AsyncGenerator[str, None]:
    """The model's answer as text chunks; raises ``ModelError`` subclasses on failure."""
    chunks = model.astream(list(messages), config=NOSTREAM).__aiter__()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + total_s
    first = True
    while True:
        budget = deadline - loop.time()
        if first:
            budget = min(budget, first_token_s)
        try:
            chunk = await asyncio.wait_for(anext(chunks), timeout=max(budget, 0.001))
        except StopAsyncIteration:
            return
        except TimeoutError as exc:
            raise ModelTimeoutError("the model did not answer in time") from exc
        except ModelError:
            raise
        except Exception as exc:  # any provider error: the turn reports it, the run ends
            if "Timeout" in type(exc).__name__:  # httpx, openai and botocore read timeouts
                raise ModelTimeoutError(f"the model timed out: {type(exc).__name__}") from exc
            if first and str(exc) == EMPTY_STREAM:
                raise ModelOutputError("the model sent an empty answer") from exc
            raise ModelError(f"the model failed: {type(exc).__name__}") from exc
        first = False
        text = chunk.text  # content may be a string or a list of blocks (Bedrock)
        if text:
            yield text


def looks_like_text(text: str) -> bool:
    """Whether a model's output reads as words (not empty, not symbols or control bytes)."""
    letters = sum(ch.isalpha() for ch in text)
    controls = sum(not ch.isprintable() and ch not in "\n\t" for ch in text)
    return letters >= 2 and letters >= len(text.strip()) * 0.3 and controls == 0
