"""Models behind an OpenAI-compatible HTTP API: the custom shopping model on AWS Neuron.

TGI and vLLM with their Neuron backends (and llama.cpp's own server, which the tests use
as a local stand-in) speak ``/v1/chat/completions`` with streaming; langchain-openai's
``ChatOpenAI`` talks to them with ``base_url`` set. Retries are off: the router's fallback
chain decides what happens when an endpoint fails.
"""

from __future__ import annotations

import os

from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from graph.models.config import OpenAICompatibleEntry
from graph.settings import AssistantSettings

NO_KEY = "none"
"""Self-hosted endpoints usually need no key; the client insists on one."""


def openai_compatible_chat_model(
    entry: OpenAICompatibleEntry, settings: AssistantSettings
) -> ChatOpenAI:
    """A chat model for ``entry``'s endpoint (nothing is sent until it is used)."""
    key = os.environ.get(entry.api_key_env, "") if entry.api_key_env else NO_KEY
    return ChatOpenAI(
        model=entry.model_id,
        base_url=entry.endpoint,
        api_key=SecretStr(key or NO_KEY),
        temperature=0.0,
        max_tokens=settings.remote_max_tokens,
        max_retries=0,
        timeout=settings.first_token_timeout_s,
        stream_usage=False,
    )
