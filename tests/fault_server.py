"""A local OpenAI-compatible endpoint that fails on demand, for fault-injection tests.

Speaks ``POST /v1/chat/completions`` with ``stream: true`` as TGI, vLLM and llama.cpp's
server do (server-sent events of ``chat.completion.chunk``, then ``[DONE]``), on
127.0.0.1 only. ``mode`` chooses the behaviour of the next requests.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal

Mode = Literal["ok", "http_500", "malformed", "empty", "garbage", "slow", "cut_off"]


class FaultServer:
    """The server's behaviour and what it was asked."""

    def __init__(self, answer: list[str]) -> None:
        self.mode: Mode = "ok"
        self.answer = answer
        self.requests = 0
        self.url = ""


def _chunk(text: str) -> bytes:
    body = {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "stand-in",
        "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}],
    }
    return b"data: " + json.dumps(body).encode() + b"\n\n"


def _handler(server: FaultServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            server.requests += 1
            mode = server.mode
            if mode == "http_500":
                body = b'{"error": {"message": "internal error", "type": "server_error"}}'
                self.send_response(500)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            if mode == "slow":
                time.sleep(3)
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            if mode == "malformed":
                self.wfile.write(b"data: {this is not json\n\n")
            elif mode == "garbage":
                self.wfile.write(_chunk("\x00\x01 ### @@@ ||| ~~~ ### \x02\x03"))
            elif mode in ("ok", "slow", "cut_off"):
                for piece in server.answer:
                    self.wfile.write(_chunk(piece))
                    self.wfile.flush()
                if mode == "cut_off":  # the stream breaks after the shopper saw text
                    self.wfile.write(b'data: {"error": {"message": "overloaded"}}\n\n')
                    self.wfile.flush()
                    return
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (a timeout test) breaks the pipe: expected


@contextmanager
def fault_server(answer: list[str]) -> Iterator[FaultServer]:
    """A running server on a free port of 127.0.0.1; ``.url`` is its ``/v1`` base."""
    state = FaultServer(answer)
    httpd = _Server(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
