"""An in-process Bedrock stand-in for tests: botocore serialises, signs and parses for real.

``converse_stream`` cannot be stubbed with botocore's ``Stubber``, so ``BedrockStandIn``
answers on the client's ``before-send`` event with an ``AWSResponse`` whose body is real
``application/vnd.amazon.eventstream`` frames, encoded by ``encode_frame``. Nothing is sent
over the network: a request without a queued reply fails the test.
"""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from botocore.awsrequest import AWSPreparedRequest, AWSResponse

LOOPBACK = "http://127.0.0.1:9"
"""Endpoint the test clients are built with (port 9 is discard; nothing is sent there)."""


def _crc(data: bytes) -> int:
    return zlib.crc32(data) & 0xFFFFFFFF


def encode_frame(headers: dict[str, str], payload: bytes) -> bytes:
    """One event-stream message: prelude, prelude CRC, string headers, payload, message CRC."""
    encoded = b""
    for name, value in headers.items():
        raw_name, raw_value = name.encode(), value.encode()
        # name length (u8), name, value type 7 = string, value length (u16), value
        encoded += struct.pack("!B", len(raw_name)) + raw_name
        encoded += struct.pack("!BH", 7, len(raw_value)) + raw_value
    total = 12 + len(encoded) + len(payload) + 4
    prelude = struct.pack("!II", total, len(encoded))
    message = prelude + struct.pack("!I", _crc(prelude)) + encoded + payload
    return message + struct.pack("!I", _crc(message))


def event(event_type: str, body: dict[str, Any]) -> bytes:
    """A ``ConverseStream`` event frame (``contentBlockDelta``, ``messageStop``, ...)."""
    headers = {
        ":event-type": event_type,
        ":content-type": "application/json",
        ":message-type": "event",
    }
    return encode_frame(headers, json.dumps(body).encode())


def exception_event(exception_type: str, message: str) -> bytes:
    """An error delivered inside an open stream, e.g. ``throttlingException``."""
    headers = {
        ":exception-type": exception_type,
        ":content-type": "application/json",
        ":message-type": "exception",
    }
    return encode_frame(headers, json.dumps({"message": message}).encode())


def start() -> list[bytes]:
    """The frames that open an assistant message."""
    return [event("messageStart", {"role": "assistant"})]


def finish(stop_reason: str = "end_turn", output_tokens: int = 3) -> list[bytes]:
    """The frames that close a message: ``messageStop`` then usage ``metadata``."""
    usage = {"inputTokens": 5, "outputTokens": output_tokens, "totalTokens": 5 + output_tokens}
    return [
        event("messageStop", {"stopReason": stop_reason}),
        event("metadata", {"usage": usage, "metrics": {"latencyMs": 12}}),
    ]


def text_frames(*pieces: str) -> list[bytes]:
    """A complete streamed answer whose text arrives in ``pieces``."""
    deltas = [
        event("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": p}}) for p in pieces
    ]
    block_stop = event("contentBlockStop", {"contentBlockIndex": 0})
    return [*start(), *deltas, block_stop, *finish(output_tokens=len(pieces))]


class _RawStream:
    """What botocore reads an event stream from (the part of urllib3's response it uses)."""

    def __init__(self, chunks: list[bytes]) -> None:
        self._chunks = chunks

    def stream(self, *_args: Any, **_kwargs: Any) -> Iterator[bytes]:
        yield from self._chunks

    def close(self) -> None:
        self._chunks = []


def stream_reply(frames: list[bytes], *, split: bool = True) -> AWSResponse:
    """A 200 event-stream response; ``split`` also cuts frames across chunk boundaries."""
    body = b"".join(frames)
    chunks = [body[i : i + 7] for i in range(0, len(body), 7)] if split else [body]
    headers = {
        "content-type": "application/vnd.amazon.eventstream",
        "x-amzn-requestid": "00000000-0000-0000-0000-000000000000",
    }
    return AWSResponse(LOOPBACK, 200, headers, _RawStream(chunks))


def error_reply(status: int, error_type: str, message: str) -> AWSResponse:
    """An error response as Bedrock's REST-JSON protocol sends it (e.g. 429 throttling)."""
    headers = {
        "content-type": "application/json",
        "x-amzn-errortype": f"{error_type}:http://internal.amazon.com/coral/com.amazon.bedrock/",
        "x-amzn-requestid": "00000000-0000-0000-0000-000000000000",
    }
    body = json.dumps({"message": message}).encode()
    return AWSResponse(LOOPBACK, status, headers, _RawStream([body]))


class BedrockStandIn:
    """Answers a boto3 ``bedrock-runtime`` client in-process, in the order replies are queued."""

    def __init__(self, client: Any) -> None:
        self.requests: list[tuple[str, AWSPreparedRequest]] = []
        self.unexpected: list[str] = []
        self._replies: list[tuple[str, AWSResponse]] = []
        client.meta.events.register_first("before-send", self._before_send)

    def reply(self, operation: str, response: AWSResponse) -> None:
        """Queue ``response`` for the next ``operation`` request (``ConverseStream``...)."""
        self._replies.append((operation, response))

    def _before_send(self, request: AWSPreparedRequest, event_name: str, **_: Any) -> AWSResponse:
        operation = event_name.rsplit(".", 1)[-1]
        self.requests.append((operation, request))
        host = urlsplit(request.url).hostname
        if host != "127.0.0.1":
            self.unexpected.append(f"{operation} to {request.url}")
            raise AssertionError(f"request would leave 127.0.0.1: {request.url}")
        if not self._replies or self._replies[0][0] != operation:
            self.unexpected.append(f"unexpected {operation} request")
            raise AssertionError(f"no reply queued for {operation}")
        return self._replies.pop(0)[1]
