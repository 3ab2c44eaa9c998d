"""Fake chat models and a registry of them, for fast deterministic graph tests."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Iterable, Sequence
from typing import Any

import pytest
from langchain_core.callbacks import AsyncCallbackManagerForLLMRun
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGenerationChunk
from pydantic import Field

from graph.models import ModelRegistry, ModelSpec
from tools.reviews import ReviewSnippet


class ScriptedChatModel(GenericFakeChatModel):
    """Answers with the given replies in turn (the last one repeats); records prompts."""

    prompts: list[list[BaseMessage]] = Field(default_factory=list)

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        self.prompts.append(messages)
        async for chunk in super()._astream(messages, stop, run_manager, **kwargs):
            yield chunk


class StalledChatModel(GenericFakeChatModel):
    """Never sends a token (a model that timed out)."""

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        await asyncio.sleep(3600)
        yield ChatGenerationChunk(message=AIMessageChunk(content="late"))


def scripted(replies: Sequence[str]) -> ScriptedChatModel:
    """A model answering ``replies`` in turn, then the last one forever."""
    stream: Iterable[str] = itertools.chain(replies, itertools.repeat(replies[-1]))
    return ScriptedChatModel(messages=iter(AIMessage(r) for r in stream), prompts=[])


def fake_registry(
    replies: Sequence[str] = ("Here are some good picks for you.",),
    *,
    writes_directives: bool = False,
    stalled: bool = False,
) -> ModelRegistry:
    """A registry whose only model, ``fake``, answers ``replies`` (or never answers)."""
    registry = ModelRegistry()
    model = StalledChatModel(messages=iter([])) if stalled else scripted(replies)
    spec = ModelSpec(
        name="fake",
        description="test double",
        trusted_with=frozenset({"directives"} if writes_directives else ()),
        embedded=True,
    )
    registry.register(spec, lambda: model)
    return registry


class SlowChatModel(GenericFakeChatModel):
    """Streams its reply a word every ``delay_s``; records a stream stopped part-way."""

    delay_s: float = 0.05
    stopped: bool = False
    """Whether a stream was cancelled or closed before its last word."""

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        finished = False
        try:
            async for chunk in super()._astream(messages, stop, run_manager, **kwargs):
                await asyncio.sleep(self.delay_s)
                yield chunk
            finished = True
        finally:
            self.stopped = self.stopped or not finished


def poison_reviews(monkeypatch: pytest.MonkeyPatch, sentence: str) -> None:
    """Make every review search return one review that says ``sentence`` (an injection)."""
    injected = ReviewSnippet(
        review_id="R-X", rating=5, sentence=sentence, polarity="positive", helpful_votes=99
    )

    async def poisoned(*args: object, **kwargs: object) -> list[ReviewSnippet]:
        return [injected]

    monkeypatch.setattr("graph.retrieval.search_reviews", poisoned)
