"""Chat models on Amazon Bedrock, through langchain-aws's ``ChatBedrockConverse``.

Credentials always come from the standard AWS chain (environment, shared files, SSO,
container or instance role); nothing here reads or stores a secret. The region is required:
the registry entry's ``region``, else ``AWS_REGION`` / ``AWS_DEFAULT_REGION``.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

from langchain_aws import ChatBedrockConverse

CLAUDE_SONNET_MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
"""Default for the shipped Claude Sonnet entry: Claude Sonnet 4.5 through the US
cross-region inference profile (Sonnet 4.x has no on-demand throughput without a profile;
outside the US use ``eu.``/``apac.`` or ``global.``). Operators change it in the registry."""

NOVA_MODEL_ID = "amazon.nova-lite-v1:0"
"""Default for the shipped Amazon Nova entry: Nova Lite, on demand (``amazon.nova-pro-v1:0``
is the larger sibling). Operators change it in the registry."""


class BedrockConfigError(ValueError):
    """A Bedrock model is configured so that it cannot be reached."""


def _resolve_region(model_id: str, region: str | None, client: Any | None) -> str:
    """The region to use: the given one, then the environment, then a given client's."""
    resolved = region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    if not resolved and client is not None:
        resolved = getattr(getattr(client, "meta", None), "region_name", None)
    if not resolved:
        raise BedrockConfigError(
            f"Bedrock model {model_id}: no region; set region in the model registry or AWS_REGION"
        )
    return str(resolved)


def _check_endpoint(model_id: str, endpoint_url: str | None) -> None:
    """Refuse an endpoint that is not an absolute http(s) URL."""
    if endpoint_url is None:
        return
    parts = urlsplit(endpoint_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BedrockConfigError(
            f"Bedrock model {model_id}: endpoint {endpoint_url!r} is not an http(s) URL"
        )


def bedrock_chat_model(
    model_id: str,
    *,
    region: str | None,
    max_tokens: int = 1024,
    temperature: float = 0.2,
    endpoint_url: str | None = None,
    client: Any | None = None,
) -> ChatBedrockConverse:
    """Build a Bedrock chat model that streams through the Converse API.

    Creating the model sends no request; credentials are resolved by botocore on the
    first call, from the standard AWS chain.

    Args:
        model_id: Bedrock model or inference-profile id, e.g. ``NOVA_MODEL_ID``.
        region: AWS region; ``None`` falls back to ``AWS_REGION`` / ``AWS_DEFAULT_REGION``
            (and then to the region of ``client``, if one is given).
        max_tokens: Most tokens the model may write per answer.
        temperature: Sampling temperature.
        endpoint_url: An http(s) URL replacing the regional Bedrock endpoint (a VPC
            endpoint, or a local stand-in in tests).
        client: A prebuilt boto3 ``bedrock-runtime`` client to use instead of a new one.

    Returns:
        The configured ``ChatBedrockConverse``.

    Raises:
        BedrockConfigError: No region can be found, or ``endpoint_url`` is not http(s).
    """
    resolved_region = _resolve_region(model_id, region, client)
    _check_endpoint(model_id, endpoint_url)
    return ChatBedrockConverse(
        model_id=model_id,
        region_name=resolved_region,
        max_tokens=max_tokens,
        temperature=temperature,
        endpoint_url=endpoint_url,
        client=client,
    )
