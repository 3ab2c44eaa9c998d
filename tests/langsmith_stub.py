"""A local stand-in for LangSmith's REST API, enough for datasets, experiments and feedback.

The langsmith client is pointed at it with ``LANGSMITH_ENDPOINT`` (127.0.0.1 only) and it
keeps what it was sent in memory, so a test can check the datasets, examples, runs and
feedback that ``langsmith.evaluation.aevaluate`` uploaded. ``/info`` answers like a
self-hosted LangSmith without the multipart endpoints, so the client speaks plain JSON:
``/datasets``, ``/examples`` and ``/examples/bulk``, ``/sessions``, ``/runs/batch``,
``/feedback``. Like LangSmith, it files new examples under the ``base`` split (in their
metadata). Anything else answers 404 and is recorded in ``unknown``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TENANT = "00000000-0000-0000-0000-00000000cafe"
BATCH_INGEST_CONFIG = {
    "use_multipart_endpoint": False,
    "size_limit": 100,
    "size_limit_bytes": 20_000_000,
    "scale_up_nthreads_limit": 16,
    "scale_up_qsize_trigger": 1000,
    "scale_down_nempty_trigger": 4,
}


@dataclass
class LangSmithState:
    """What the stand-in holds and what it was asked, guarded by ``lock``."""

    api_key: str
    url: str = ""
    datasets: dict[str, dict[str, Any]] = field(default_factory=dict)
    examples: dict[str, dict[str, Any]] = field(default_factory=dict)
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    runs: dict[str, dict[str, Any]] = field(default_factory=dict)
    feedback: list[dict[str, Any]] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)
    unknown: list[tuple[str, str]] = field(default_factory=list)
    unauthorized: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def dataset_named(self, name: str) -> dict[str, Any] | None:
        """The dataset called ``name``, if one was created."""
        return next((d for d in self.datasets.values() if d["name"] == name), None)

    def examples_of(self, dataset_id: str) -> list[dict[str, Any]]:
        """The dataset's examples, in creation order."""
        return [e for e in self.examples.values() if e["dataset_id"] == dataset_id]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state: LangSmithState

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PATCH(self) -> None:
        self._serve("PATCH")

    def _serve(self, method: str) -> None:
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = (
            json.loads(raw)
            if raw and "json" in (self.headers.get("Content-Type") or "json")
            else None
        )
        query = parse_qs(split.query)
        path = split.path.removeprefix("/api/v1").removeprefix("/v1").rstrip("/") or "/"
        state = self.state
        with state.lock:
            state.requests.append((method, path))
            if path != "/info" and self.headers.get("x-api-key") != state.api_key:
                state.unauthorized += 1
                self._reply(401, {"detail": "invalid api key"})
                return
            status, answer = _route(state, method, path, query, body)
            if status == 404:
                state.unknown.append((method, path))
        self._reply(status, answer)

    def _reply(self, status: int, answer: Any) -> None:
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _route(
    state: LangSmithState, method: str, path: str, query: dict[str, list[str]], body: Any
) -> tuple[int, Any]:
    """The status and JSON answer of one request (the caller holds the lock)."""
    one = {key: values[0] for key, values in query.items()}
    if (method, path) == ("GET", "/info"):
        return 200, {"version": "", "batch_ingest_config": BATCH_INGEST_CONFIG}
    if (method, path) == ("GET", "/datasets"):
        found = [d for d in state.datasets.values() if d["name"] == one.get("name", d["name"])]
        return 200, found[: int(one.get("limit", 100))]
    if method == "GET" and (match := re.fullmatch(r"/datasets/([\w-]+)", path)):
        dataset = state.datasets.get(match[1])
        return (200, dataset) if dataset else (404, {"detail": "dataset not found"})
    if (method, path) == ("POST", "/datasets"):
        return _create_dataset(state, body)
    if (method, path) == ("GET", "/examples"):
        return 200, _list_examples(state, query)
    if (method, path) == ("POST", "/examples/bulk"):
        return _create_examples(state, body)
    if (method, path) == ("PATCH", "/examples/bulk"):
        return _update_examples(state, body)
    if (method, path) == ("POST", "/sessions"):
        return _create_session(state, body)
    if (method, path) == ("GET", "/sessions"):
        return 200, list(state.sessions.values())[: int(one.get("limit", 100))]
    if method == "PATCH" and (match := re.fullmatch(r"/sessions/([\w-]+)", path)):
        return _update_session(state, match[1], body)
    if (method, path) == ("POST", "/runs/batch"):
        for run in body.get("post", []):
            state.runs[run["id"]] = run
        for patch in body.get("patch", []):
            state.runs.setdefault(patch["id"], {}).update(patch)
        return 202, {}
    if (method, path) == ("POST", "/runs"):
        state.runs[body["id"]] = body
        return 202, {}
    if method == "PATCH" and (match := re.fullmatch(r"/runs/([\w-]+)", path)):
        state.runs.setdefault(match[1], {}).update(body)
        return 202, {}
    if (method, path) == ("POST", "/feedback"):
        state.feedback.append(body)
        return 200, body
    return 404, {"detail": f"the stand-in does not serve {method} {path}"}


def _create_dataset(state: LangSmithState, body: dict[str, Any]) -> tuple[int, Any]:
    if state.dataset_named(body["name"]) is not None:
        return 409, {"detail": "dataset already exists"}
    dataset = {
        "id": str(uuid.uuid4()),
        "name": body["name"],
        "description": body.get("description"),
        "data_type": body.get("data_type", "kv"),
        "created_at": _now(),
        "example_count": 0,
        "metadata": (body.get("extra") or {}).get("metadata"),
    }
    state.datasets[dataset["id"]] = dataset
    return 200, dataset


def _list_examples(state: LangSmithState, query: dict[str, list[str]]) -> list[dict[str, Any]]:
    found = list(state.examples.values())
    if "dataset" in query:
        found = [e for e in found if e["dataset_id"] == query["dataset"][0]]
    if "id" in query:
        found = [e for e in found if e["id"] in set(query["id"])]
    offset = int(query.get("offset", ["0"])[0])
    limit = int(query.get("limit", ["100"])[0])
    return found[offset : offset + limit]


def _create_examples(state: LangSmithState, body: list[dict[str, Any]]) -> tuple[int, Any]:
    if any(row.get("id") in state.examples for row in body):
        return 409, {"detail": "example already exists"}
    created = []
    for row in body:
        example = {
            "id": row.get("id") or str(uuid.uuid4()),
            "dataset_id": row["dataset_id"],
            "inputs": row.get("inputs"),
            "outputs": row.get("outputs"),
            "metadata": {**(row.get("metadata") or {}), "dataset_split": ["base"]},
            "created_at": row.get("created_at") or _now(),
            "modified_at": _now(),
        }
        state.examples[example["id"]] = example
        created.append(example)
    _count_examples(state)
    return 200, created


def _update_examples(state: LangSmithState, body: list[dict[str, Any]]) -> tuple[int, Any]:
    missing = [row["id"] for row in body if row["id"] not in state.examples]
    if missing:
        return 404, {"detail": f"no examples {missing}"}
    for row in body:
        example = state.examples[row["id"]]
        for key in ("inputs", "outputs", "metadata"):
            if key in row:
                example[key] = row[key]
        example["modified_at"] = _now()
    return 200, {"message": f"{len(body)} examples updated", "count": len(body)}


def _count_examples(state: LangSmithState) -> None:
    for dataset in state.datasets.values():
        dataset["example_count"] = len(state.examples_of(dataset["id"]))


def _create_session(state: LangSmithState, body: dict[str, Any]) -> tuple[int, Any]:
    if any(s["name"] == body["name"] for s in state.sessions.values()):
        return 409, {"detail": "session already exists"}
    session = {**body, "tenant_id": TENANT, "start_time": _now()}
    session.setdefault("id", str(uuid.uuid4()))
    session.setdefault("reference_dataset_id", None)
    state.sessions[session["id"]] = session
    return 200, session


def _update_session(
    state: LangSmithState, session_id: str, body: dict[str, Any]
) -> tuple[int, Any]:
    session = state.sessions.get(session_id)
    if session is None:
        return 404, {"detail": "session not found"}
    session.update({key: value for key, value in body.items() if value is not None})
    return 200, session


class _Server(ThreadingHTTPServer):
    daemon_threads = True


@contextmanager
def langsmith_stub(api_key: str = "lsv2-test-key") -> Iterator[LangSmithState]:
    """A running stand-in on a free port of 127.0.0.1; ``.url`` is its endpoint."""
    state = LangSmithState(api_key)
    handler = type("Handler", (_Handler,), {"state": state})
    httpd = _Server(("127.0.0.1", 0), handler)
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
