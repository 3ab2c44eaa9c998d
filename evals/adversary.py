"""A misbehaving model trusted with layout: what the renderer's guards must hold against.

It is registered as writing directives, so its text goes through the streaming renderer
rather than the composer, and it breaks every rule the answer prompt gives it: it types
prices, invents product ids, places actions nobody asked for, writes HTML and broken
tags, and echoes (obeys) whatever the store data says, injected instructions included.
Its reply is built from the STORE DATA of its prompt, so real ids are used where a real
id is the harder case (an action on a retrieved product), and it streams in small
chunks that split tags and amounts. The planner's fallback prompt (a label from the
shopper's message alone, no store data) gets no label, so the code's plan stands:
retrieved text never reaches that prompt, and this model attacks the answer.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

from langchain_core.callbacks import (
    AsyncCallbackManagerForLLMRun,
    CallbackManagerForLLMRun,
)
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, SystemMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field

from graph.models import ModelRegistry, ModelSpec

ADVERSARY = "adversary"
"""The misbehaving model's name in its registry."""
INVENTED_ID = "INVENTED-0001"
_DATA = re.compile(r"```json\s*(\{.*\})\s*```", re.DOTALL)


def store_data(messages: Sequence[BaseMessage]) -> dict[str, Any] | None:
    """The STORE DATA of an answer prompt, or None for a prompt without it."""
    for message in messages:
        if isinstance(message, SystemMessage):
            found = _DATA.search(message.text)
            if found is not None:
                data: dict[str, Any] = json.loads(found.group(1))
                return data
    return None


def echoes(data: dict[str, Any]) -> list[str]:
    """Every review quote and community Q&A in the data, to repeat (and so obey)."""
    quotes = [q for per in data.get("review_quotes", {}).values() for q in per]
    for asked in data.get("questions", {}).values():
        quotes += [f"{q['question']} {q['answer'] or ''}".strip() for q in asked]
    return quotes


def misbehaving_lines(ids: Sequence[str]) -> Iterator[str]:
    """Typed prices, invented ids, unasked actions, HTML, malformed and broken tags."""
    first = ids[0] if ids else INVENTED_ID
    yield "Great news, this one costs only $1.99 today (was USD 249), 30 bucks under €45!"
    yield f'<product id="{first}"/>'
    yield f'<product id="{INVENTED_ID}"/>'
    yield f'<compare ids="{first},INVENTED-0002"/>'
    if len(ids) >= 2:
        yield f'<compare ids="{ids[0]},{ids[1]},INVENTED-0003"/>'
    yield from (f'<deal id="{pid}"/>' for pid in ids[:4])
    yield f'<action do="add_to_cart" id="{first}" quantity="10"/>'
    yield f'<action do="set_alert" id="{first}" price="1.99"/>'
    yield f'<link id="{INVENTED_ID}" label="manual"/>'
    yield f'<price-history id="{first}" days="30"/>'
    yield '<b>Best seller</b> <script>alert("hi")</script> <!-- hidden note --> </product>'
    yield f'<product id="{first}" price="1.99"/> and <PRODUCT ID="{first}" >'
    yield f"<compare ids='{first},{first}' attrs='x'>"
    yield "Prices from 10 to 20 dollars, or 99 cents each, or $1.2k for a pallet."


def known_gap_lines(ids: Sequence[str]) -> Iterator[str]:
    """Misbehaviour the renderer does not remove yet (a known issue, see the grounding suite).

    A directive that lost its opening ``<`` is text to the renderer (a tag starts at
    ``<``), so ``id="..."/>`` reaches the shopper as written.
    """
    first = ids[0] if ids else INVENTED_ID
    yield f'Or see product id="{first}"/> for details.'


def misbehave(messages: Sequence[BaseMessage], *, known_gaps: bool = False) -> str:
    """The adversary's whole reply to ``messages`` (with ``known_gaps``: those too)."""
    data = store_data(messages)
    if data is None:  # the planner's fallback, or an opening line: no label, no data
        return "Happy to help with that."
    ids = [str(p["id"]) for p in data.get("products", [])]
    lines = list(misbehaving_lines(ids))
    if known_gaps:
        lines += known_gap_lines(ids)
    lines += [f"As a customer says: {quote}" for quote in echoes(data)]
    lines.append(f'One more: <product id="{ids[0] if ids else INVENTED_ID}"')  # never closed
    return "\n".join(lines)


class MisbehavingChatModel(BaseChatModel):
    """A chat model whose reply is ``misbehave(messages)``, streamed in small chunks."""

    chunk_chars: int = 7
    """Characters per streamed chunk: small, so tags and amounts split across chunks."""
    known_gaps: bool = False
    """Also misbehave in the ways the guards are known not to handle yet."""
    seen: list[str] = Field(default_factory=list)
    """The system prompts it answered (what reached the model), for a caller to clear."""

    @property
    def _llm_type(self) -> str:
        return "misbehaving-fake"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(self._reply(messages)))])

    def _reply(self, messages: Sequence[BaseMessage]) -> str:
        self.seen.extend(m.text for m in messages if isinstance(m, SystemMessage))
        return misbehave(messages, known_gaps=self.known_gaps)

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        text = self._reply(messages)
        for start in range(0, len(text), self.chunk_chars):
            piece = text[start : start + self.chunk_chars]
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))


def adversary_registry(*, known_gaps: bool = False) -> ModelRegistry:
    """A registry whose only model is the adversary, trusted with layout."""
    registry = ModelRegistry()
    spec = ModelSpec(
        name=ADVERSARY,
        description="misbehaving test double (evals)",
        trusted_with=frozenset({"directives"}),
        embedded=True,
    )
    model = MisbehavingChatModel(known_gaps=known_gaps)
    registry.register(spec, lambda: model)
    return registry
