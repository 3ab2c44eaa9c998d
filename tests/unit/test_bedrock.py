"""Bedrock models through langchain-aws, fully offline.

``converse`` is stubbed with botocore's ``Stubber``; ``converse_stream`` is answered by
``tests.bedrock_stub.BedrockStandIn`` with real event-stream frames. Every test runs with
fake credentials, no instance metadata, and a guard that fails on any network connection
beyond 127.0.0.1 and on any HTTP request botocore would really send.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.httpsession import URLLib3Session
from botocore.stub import Stubber
from langchain_aws import ChatBedrockConverse
from langchain_core.messages import AIMessageChunk, BaseMessage, HumanMessage
from langgraph.checkpoint.memory import InMemorySaver

from graph.generation import ModelError, looks_like_text, stream_text
from graph.graph import AssistantApp, compile_graph
from graph.models import ModelRegistry, ModelSpec
from graph.models.bedrock import (
    CLAUDE_SONNET_MODEL_ID,
    NOVA_MODEL_ID,
    BedrockConfigError,
    bedrock_chat_model,
)
from graph.services import Services
from graph.settings import AssistantSettings
from graph.turns import TurnRequest, stream_turn
from store.catalog import Catalog
from tests.bedrock_stub import (
    LOOPBACK,
    BedrockStandIn,
    error_reply,
    event,
    exception_event,
    finish,
    start,
    stream_reply,
    text_frames,
)
from tests.fakes import scripted

FAKE_KEY_ID = "AKIDSHOPGRAPHTEST"
URL_PATH = f"/model/{NOVA_MODEL_ID.replace(':', '%3A')}/converse-stream"
MESSAGES: list[BaseMessage] = [HumanMessage("Which kettle boils fastest?")]
_LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture(autouse=True)
def aws_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Fake credentials from the environment; no metadata service, no shared files."""
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", FAKE_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "fake-secret-for-tests")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    for name in ("AWS_REGION", "AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_BEARER_TOKEN_BEDROCK"):
        monkeypatch.delenv(name, raising=False)


class NetworkGuard:
    """Records (and refuses) every connection or HTTP send that is not loopback-only."""

    def __init__(self) -> None:
        self.attempts: list[str] = []

    def http_send(self, request: Any) -> Any:
        self.attempts.append(f"HTTP {request.method} {request.url}")
        raise AssertionError(f"botocore tried to send a request: {request.url}")

    def connect(self, sock: socket.socket, address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else None
        if sock.family in (socket.AF_INET, socket.AF_INET6) and host not in _LOOPBACK_HOSTS:
            self.attempts.append(f"connect {address}")
            raise AssertionError(f"connection beyond 127.0.0.1: {address}")
        _REAL_CONNECT(sock, address)


_REAL_CONNECT = socket.socket.connect


@pytest.fixture(autouse=True)
def network(monkeypatch: pytest.MonkeyPatch) -> Iterator[NetworkGuard]:
    guard = NetworkGuard()
    monkeypatch.setattr(URLLib3Session, "send", lambda _session, request: guard.http_send(request))
    monkeypatch.setattr(
        socket.socket, "connect", lambda sock, address: guard.connect(sock, address)
    )
    yield guard
    assert guard.attempts == [], f"network use during the test: {guard.attempts}"


@pytest.fixture
def runtime_client() -> Any:
    """A real ``bedrock-runtime`` client at a loopback URL, without retries."""
    return boto3.session.Session().client(
        "bedrock-runtime",
        region_name="us-east-1",
        endpoint_url=LOOPBACK,
        config=Config(retries={"mode": "standard", "total_max_attempts": 1}),
    )


@pytest.fixture
def bedrock(runtime_client: Any) -> Iterator[BedrockStandIn]:
    stand_in = BedrockStandIn(runtime_client)
    yield stand_in
    assert stand_in.unexpected == [], f"unexpected Bedrock requests: {stand_in.unexpected}"


@pytest.fixture
def model(runtime_client: Any) -> ChatBedrockConverse:
    return bedrock_chat_model(
        NOVA_MODEL_ID, region="us-east-1", endpoint_url=LOOPBACK, client=runtime_client
    )


async def _chunks(model: ChatBedrockConverse) -> list[AIMessageChunk]:
    return [chunk async for chunk in model.astream(MESSAGES)]


async def _stream_text(model: ChatBedrockConverse) -> list[str]:
    return [text async for text in stream_text(model, MESSAGES, first_token_s=5, total_s=10)]


# --- answers ---------------------------------------------------------------------------


async def test_ainvoke_uses_converse_and_returns_the_text(
    model: ChatBedrockConverse, runtime_client: Any
) -> None:
    response = {
        "output": {"message": {"role": "assistant", "content": [{"text": "The Swift 2000."}]}},
        "stopReason": "end_turn",
        "usage": {"inputTokens": 9, "outputTokens": 4, "totalTokens": 13},
        "metrics": {"latencyMs": 20},
    }
    with Stubber(runtime_client) as stubber:
        stubber.add_response("converse", response)
        answer = await model.ainvoke(MESSAGES)
        stubber.assert_no_pending_responses()
    assert answer.text == "The Swift 2000."
    assert answer.usage_metadata is not None
    assert answer.usage_metadata["output_tokens"] == 4


async def test_astream_uses_converse_stream_token_by_token(
    model: ChatBedrockConverse, bedrock: BedrockStandIn
) -> None:
    bedrock.reply("ConverseStream", stream_reply(text_frames("The", " Swift", " 2000", ".")))

    chunks = await _chunks(model)

    assert [c.text for c in chunks if c.text] == ["The", " Swift", " 2000", "."]
    whole = sum(chunks[1:], chunks[0])
    assert whole.text == "The Swift 2000."
    assert whole.usage_metadata is not None
    assert whole.usage_metadata["output_tokens"] == 4
    [(operation, request)] = bedrock.requests
    assert operation == "ConverseStream"
    assert request.url.startswith(f"{LOOPBACK}{URL_PATH}")
    assert b'"maxTokens": 1024' in request.body and b'"temperature": 0.2' in request.body


async def test_model_built_without_client_signs_with_the_aws_chain(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_REGION", "eu-west-1")
    built = bedrock_chat_model(
        CLAUDE_SONNET_MODEL_ID, region=None, max_tokens=64, temperature=0.0, endpoint_url=LOOPBACK
    )
    assert built.client.meta.region_name == "eu-west-1"
    assert built.client.meta.endpoint_url == LOOPBACK
    stand_in = BedrockStandIn(built.client)
    stand_in.reply("ConverseStream", stream_reply(text_frames("Hi", "!")))

    assert "".join(c.text for c in await _chunks(built)) == "Hi!"
    [(_, request)] = stand_in.requests
    authorization = request.headers["Authorization"].decode()
    assert f"Credential={FAKE_KEY_ID}/" in authorization
    assert "/eu-west-1/bedrock/aws4_request" in authorization
    assert stand_in.unexpected == []


# --- failures --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error_type"),
    [
        (429, "ThrottlingException"),
        (500, "InternalServerException"),
        (503, "ServiceUnavailableException"),
    ],
)
async def test_error_responses_become_model_errors(
    model: ChatBedrockConverse, bedrock: BedrockStandIn, status: int, error_type: str
) -> None:
    bedrock.reply("ConverseStream", error_reply(status, error_type, "Too many requests"))

    with pytest.raises(ModelError) as caught:
        await _stream_text(model)

    cause = caught.value.__cause__
    assert isinstance(cause, ClientError)
    assert cause.response["Error"]["Code"] == error_type
    assert cause.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert len(bedrock.requests) == 1  # retries are off: one attempt, no back-off


async def test_throttling_inside_an_open_stream_becomes_a_model_error(
    model: ChatBedrockConverse, bedrock: BedrockStandIn
) -> None:
    delta = event("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": "The"}})
    frames = [*start(), delta, exception_event("throttlingException", "Too many tokens")]
    bedrock.reply("ConverseStream", stream_reply(frames))

    with pytest.raises(ModelError) as caught:
        await _stream_text(model)

    cause = caught.value.__cause__
    assert isinstance(cause, ClientError)
    assert cause.response["Error"]["Code"] == "throttlingException"


async def test_converse_throttling_raises_a_client_error(
    model: ChatBedrockConverse, runtime_client: Any
) -> None:
    with Stubber(runtime_client) as stubber:
        stubber.add_client_error("converse", "ThrottlingException", "Slow down", 429)
        with pytest.raises(ClientError, match="ThrottlingException"):
            await model.ainvoke(MESSAGES)


async def test_an_empty_stream_gives_empty_text(
    model: ChatBedrockConverse, bedrock: BedrockStandIn
) -> None:
    bedrock.reply("ConverseStream", stream_reply([*start(), *finish(output_tokens=0)]))
    bedrock.reply("ConverseStream", stream_reply([*start(), *finish(output_tokens=0)]))

    chunks = await _chunks(model)
    streamed = await _stream_text(model)

    assert "".join(c.text for c in chunks) == ""
    assert streamed == []
    assert not looks_like_text("".join(streamed))  # the graph's garbage check rejects it


async def test_a_stream_cut_before_message_stop_is_a_model_error(
    model: ChatBedrockConverse, bedrock: BedrockStandIn
) -> None:
    delta = event("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": "The"}})
    bedrock.reply("ConverseStream", stream_reply([*start(), delta]))

    with pytest.raises(ModelError) as caught:
        await _stream_text(model)

    assert isinstance(caught.value.__cause__, ConnectionError)


async def test_a_corrupt_frame_is_a_model_error(
    model: ChatBedrockConverse, bedrock: BedrockStandIn
) -> None:
    frame = bytearray(event("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": "x"}}))
    frame[-6] ^= 0xFF  # a payload byte: the message CRC no longer matches
    bedrock.reply("ConverseStream", stream_reply([*start(), bytes(frame), *finish()]))

    with pytest.raises(ModelError):
        await _stream_text(model)


# --- configuration ---------------------------------------------------------------------


def test_a_missing_region_is_a_clear_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_DEFAULT_REGION")

    with pytest.raises(BedrockConfigError) as caught:
        bedrock_chat_model(NOVA_MODEL_ID, region=None)

    assert isinstance(caught.value, ValueError)
    assert str(caught.value) == (
        f"Bedrock model {NOVA_MODEL_ID}: no region; set region in the model registry or AWS_REGION"
    )


def test_the_given_region_beats_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_REGION", "eu-west-1")

    built = bedrock_chat_model(NOVA_MODEL_ID, region="us-west-2")

    assert built.region_name == "us-west-2"
    assert built.client.meta.region_name == "us-west-2"
    assert (built.max_tokens, built.temperature) == (1024, 0.2)


def test_a_given_client_supplies_the_region(
    monkeypatch: pytest.MonkeyPatch, runtime_client: Any
) -> None:
    monkeypatch.delenv("AWS_DEFAULT_REGION")

    built = bedrock_chat_model(NOVA_MODEL_ID, region=None, client=runtime_client)

    assert built.client is runtime_client
    assert built.region_name == "us-east-1"


@pytest.mark.parametrize(
    "endpoint", ["ftp://bedrock.example", "127.0.0.1:8080", "file:///tmp/bedrock", "http://"]
)
def test_a_non_http_endpoint_is_refused(endpoint: str) -> None:
    with pytest.raises(BedrockConfigError, match=f"Bedrock model {NOVA_MODEL_ID}: endpoint"):
        bedrock_chat_model(NOVA_MODEL_ID, region="us-east-1", endpoint_url=endpoint)


# --- the offline guards themselves -----------------------------------------------------


async def test_a_request_without_a_queued_reply_fails(
    model: ChatBedrockConverse, bedrock: BedrockStandIn
) -> None:
    with pytest.raises(ModelError):
        await _stream_text(model)

    assert bedrock.unexpected == ["unexpected ConverseStream request"]
    bedrock.unexpected.clear()


async def test_a_request_that_would_really_be_sent_is_caught(
    model: ChatBedrockConverse, network: NetworkGuard
) -> None:
    with pytest.raises(ModelError):
        await _stream_text(model)  # no stand-in: botocore would send it

    assert network.attempts == [f"HTTP POST {LOOPBACK}{URL_PATH}"]
    network.attempts.clear()


def test_a_connection_beyond_loopback_is_caught(network: NetworkGuard) -> None:
    with pytest.raises(AssertionError, match=r"beyond 127\.0\.0\.1"):
        socket.create_connection(("192.0.2.1", 443), timeout=1)  # TEST-NET-1, never routed

    assert network.attempts == ["connect ('192.0.2.1', 443)"]
    network.attempts.clear()


async def test_stream_text_yields_bedrock_text(
    model: ChatBedrockConverse, bedrock: BedrockStandIn
) -> None:
    bedrock.reply("ConverseStream", stream_reply(text_frames("The", " Swift")))

    assert await _stream_text(model) == ["The", " Swift"]


# --- through the router ----------------------------------------------------------------


def _routed(model: ChatBedrockConverse, catalog: Catalog) -> tuple[AssistantApp, Services]:
    """``nova`` (trusted with layout) first, the embedded fake as the last resort."""
    registry = ModelRegistry()
    nova = ModelSpec("nova", "Bedrock", frozenset({"directives"}), cost="low")
    registry.register(nova, lambda: model)
    local = scripted(["Here is a quiet blender for you."])
    registry.register(ModelSpec("fake", "embedded", embedded=True), lambda: local)
    settings = AssistantSettings(default_model="fake", first_token_timeout_s=5)
    services = Services.for_catalog(catalog, registry, settings)
    return compile_graph(services, InMemorySaver()), services


async def _turn(app: AssistantApp, services: Services) -> list[dict[str, Any]]:
    request = TurnRequest(message="a quiet blender under $150")
    return [e.model_dump(mode="json") async for e in stream_turn(app, services, request)]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_bedrock_answer_streams_with_its_directives_through_the_router(
    model: ChatBedrockConverse, bedrock: BedrockStandIn, loaded: Catalog
) -> None:
    frames = text_frames("The Hushmix is quiet. ", '<product id="BL-QUIET"/>', " Enjoy.")
    bedrock.reply("ConverseStream", stream_reply([*start(), *frames, *finish()]))
    app, services = _routed(model, loaded)
    events = await _turn(app, services)
    assert "".join(e["text"] for e in events if e["type"] == "token").startswith("The Hushmix")
    assert [e["component"]["id"] for e in events if e["type"] == "component"] == ["BL-QUIET"]
    assert events[-1]["model"] == "nova" and events[-1]["fallbacks"] == []


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_throttled_bedrock_model_gives_way_to_the_embedded_one(
    model: ChatBedrockConverse, bedrock: BedrockStandIn, loaded: Catalog
) -> None:
    bedrock.reply("ConverseStream", error_reply(429, "ThrottlingException", "Too many requests"))
    app, services = _routed(model, loaded)
    events = await _turn(app, services)
    assert [e for e in events if e["type"] == "error"] == []
    assert events[-1]["model"] == "fake"
    assert events[-1]["fallbacks"] == [{"model": "nova", "failure": "failed"}]
    assert len(bedrock.requests) == 1
