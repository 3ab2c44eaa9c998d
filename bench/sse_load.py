"""Many concurrent SSE chats against one server: what the server adds to every token.

**Server cost.** The real app (``api.app.create_app``) runs under uvicorn on 127.0.0.1 in
a process of its own (``multiprocessing`` spawn), so the load generator's CPU is not the
server's. It runs on a scratch copy of the demo store (the threads and accounts the run
writes are thrown away with it) with a fake model, ``PacedChatModel``: ``--words`` words,
word k due at the stream's start + k / ``--tokens-per-s``, slept for with
``asyncio.sleep``. The model is trusted with directives, so every word goes straight
through the renderer as a ``token`` event. Each word spells the ``time.monotonic()`` it
was due at (digits as letters a-j): on one machine that clock is shared by processes
(checked at start-up), so the client takes, per ``token`` event, its arrival minus the
due time of the event's last word: the **added latency** (everything between the model
and the client's parser: the graph, the renderer, SSE, HTTP, the client's own event
loop). The first ``token`` event is left out of it: the answer's first 24 characters are
held until they read as words (``graph.writers.HOLD_CHARS``), so with 12-character words
the first is always one model interval late, by design; time to first token counts it.

For each ``--clients`` C, C clients (one ``httpx.AsyncClient``, streaming) chat
back-to-back for ``--seconds`` over the shopper queries of ``bench.first_token``; chats
started in the window run to their end. Per C: chats completed, chats/s, the
time-averaged number of open streams (response headers to stream end) in the window,
errors (non-200, ``error`` events, broken streams or no ``end``), CPU of the server and
of the load generator (% of one core), the server's CPU time per chat; then time to
first token and added latency per token (p50, p99, ms).

**Baseline.** The same fake model in this process, through ``graph.turns.stream_turn``
(the same SQLite checkpointer, no HTTP), one stream back to back for ``--seconds``;
the server's figures are printed as ratios to it.

**Local model.** A server whose registry is the default one (``local``: SmolLM2 on
llama.cpp): ``--local-chats`` chats one after another, then the same number from 2
concurrent clients; chats per minute and time to first token p50. Each server gets one
warm-up chat, not counted.

    python -m bench.sse_load [--home DIR] [--clients 1 8 32 64] [--seconds 20]
        [--tokens-per-s 20] [--words 40] [--local-chats 6]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import multiprocessing
import os
import re
import shutil
import signal
import socket
import tempfile
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from langchain_core.callbacks import (
    AsyncCallbackManagerForLLMRun,
    CallbackManagerForLLMRun,
)
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from api.app import create_app
from api.settings import ApiSettings
from bench.common import build_store, demo_catalog, percentile
from bench.first_token import QUERIES
from graph.events import ErrorEvent, TokenEvent
from graph.graph import AssistantApp, compile_graph
from graph.models import ModelRegistry, ModelSpec
from graph.services import Services
from graph.settings import AssistantSettings
from graph.turns import TurnRequest, stream_turn
from memory.accounts import AccountStore
from memory.checkpoints import open_checkpointer
from store.catalog import Catalog

N_PRODUCTS = 2400
STARTUP_S = 180.0
"""Longest a server process may take to open the store and listen."""
TIMEOUT = httpx.Timeout(180.0, connect=30.0)
_STAMP = re.compile(r"t([a-j]{6,})")

# -- the paced fake model ----------------------------------------------------------------


def stamp_word(due: float) -> str:
    """A word spelling ``due`` (seconds) in microseconds, digits as letters a-j."""
    return "t" + "".join(chr(97 + int(d)) for d in str(round(due * 1e6)))


def last_stamp(text: str) -> float | None:
    """The time spelled by the last word of ``text``, if it is a ``stamp_word``."""
    words = text.split()
    match = _STAMP.fullmatch(words[-1]) if words else None
    if match is None:
        return None
    return int("".join(str(ord(c) - 97) for c in match.group(1))) / 1e6


class PacedChatModel(GenericFakeChatModel):
    """Streams ``words`` stamp words, word k due ``k / rate`` s after the stream starts."""

    words: int = 40
    rate: float = 20.0

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage("search"))])

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        start = time.monotonic()
        for k in range(self.words):
            due = start + k / self.rate
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            yield ChatGenerationChunk(message=AIMessageChunk(content=stamp_word(due) + " "))


def paced_services(catalog: Catalog, words: int, rate: float) -> Services:
    """Services whose only model, ``paced``, is a ``PacedChatModel``."""
    registry = ModelRegistry()
    spec = ModelSpec("paced", "fake, paced", trusted_with=frozenset({"directives"}), embedded=True)
    registry.register(spec, lambda: PacedChatModel(messages=iter(()), words=words, rate=rate))
    return Services.for_catalog(catalog, registry, AssistantSettings(default_model="paced"))


# -- what a client saw -------------------------------------------------------------------


@dataclass
class Chat:
    """One chat as its client saw it; times are ``time.monotonic()``."""

    started: float
    opened: float | None = None
    """When the response headers arrived."""
    ended: float = 0.0
    first_token: float | None = None
    """Seconds from sending the message to the first ``token`` event."""
    added: list[float] = field(default_factory=list)
    """Per ``token`` event after the first: arrival minus its last word's due time (s)."""
    saw_end: bool = False
    error: str | None = None

    def see(self, kind: str, text: str, at: float) -> None:
        """Record one event (``text``: a token's text, an error's code)."""
        if kind == "token":
            if self.first_token is None:  # held back by design: see the module doc
                self.first_token = at - self.started
            elif (stamp := last_stamp(text)) is not None:
                self.added.append(at - stamp)
        elif kind == "error":
            self.error = self.error or f"error event ({text})"
        elif kind == "end":
            self.saw_end = True

    @property
    def failure(self) -> str | None:
        """Why the chat failed, or None."""
        return self.error or (None if self.saw_end else "no end event")


class SseReader:
    """Server-sent events from a stream's lines: ``line`` returns each finished frame."""

    def __init__(self) -> None:
        self._event = "message"
        self._data: list[str] = []

    def line(self, line: str) -> tuple[str, str] | None:
        """Read one line; a blank line ends a frame and returns ``(event, data)``."""
        line = line.rstrip("\r\n")
        if not line:
            frame = (self._event, "\n".join(self._data)) if self._data else None
            self._event, self._data = "message", []
            return frame
        if line.startswith(":"):  # a comment: the keep-alive ping
            return None
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "event":
            self._event = value
        elif name == "data":
            self._data.append(value)
        return None


def mean_open(chats: Sequence[Chat], start: float, end: float) -> float:
    """Time-averaged number of chats whose stream was open between ``start`` and ``end``."""
    open_s = sum(
        max(0.0, min(c.ended, end) - max(c.opened, start)) for c in chats if c.opened is not None
    )
    return open_s / (end - start)


# -- the server, in a process of its own -------------------------------------------------


def _serve(home: str, paced: tuple[int, float] | None, conn: Connection) -> None:
    """Entry of the server process: serve until told "stop"; answer "cpu" with CPU seconds.

    It leads a process group of its own, so what it forks ends with it (``serving``).
    """
    os.setsid()
    catalog = build_store(Path(home), N_PRODUCTS)
    services = paced_services(catalog, *paced) if paced else Services.for_catalog(catalog)
    app = create_app(ApiSettings(demo=False), services)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("uvicorn did not start (see the log above)")
        time.sleep(0.02)
    conn.send((f"http://127.0.0.1:{sock.getsockname()[1]}", time.monotonic()))
    while conn.recv() != "stop":
        conn.send(time.process_time())
    server.should_exit = True
    thread.join(10)
    catalog.close()


@dataclass
class Server:
    """A running server process: its URL, and a line to ask it for its CPU time."""

    url: str
    conn: Connection
    process: multiprocessing.process.BaseProcess

    def died(self) -> str | None:
        """How the process ended, if it did."""
        if self.process.is_alive():
            return None
        return f"the server process died (exit code {self.process.exitcode})"

    def cpu(self) -> float:
        """CPU seconds the server process has used so far (NaN once it died)."""
        try:
            self.conn.send("cpu")
            return float(self.conn.recv())
        except (OSError, EOFError):
            return float("nan")


def _ready(conn: Connection, process: multiprocessing.process.BaseProcess) -> tuple[str, float]:
    """The server's URL and clock reading, once it listens."""
    deadline = time.monotonic() + STARTUP_S
    while not conn.poll(0.5):
        if not process.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server process did not start (see the log above)")
    url, clock = conn.recv()
    return str(url), float(clock)


@contextmanager
def serving(home: Path, paced: tuple[int, float] | None) -> Iterator[Server]:
    """A server on ``home`` in a spawned process (``paced``: words, rate of the fake model)."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=_serve, args=(str(home), paced, theirs), daemon=True)
    before = time.monotonic()
    process.start()
    try:
        url, their_clock = _ready(ours, process)
        if not before <= their_clock <= time.monotonic():
            raise RuntimeError("time.monotonic() differs between processes here")
        yield Server(url, ours, process)
    finally:
        with suppress(OSError):  # a process that died has closed its end
            ours.send("stop")
        process.join(15)
        if process.is_alive():
            process.terminate()
            process.join()
        # llama.cpp's crash handler forks helpers that can outlive a crashed server.
        if process.pid is not None:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)


# -- the load ----------------------------------------------------------------------------


async def http_chat(client: httpx.AsyncClient, url: str, key: str, message: str) -> Chat:
    """One chat over HTTP, read frame by frame."""
    chat = Chat(time.monotonic())
    headers = {"Authorization": f"Bearer {key}"}
    try:
        body = {"message": message}
        async with client.stream("POST", f"{url}/v1/chat", json=body, headers=headers) as reply:
            chat.opened = time.monotonic()
            if reply.status_code != 200:
                await reply.aread()
                chat.error = f"HTTP {reply.status_code}"
            else:
                reader = SseReader()
                async for line in reply.aiter_lines():
                    if (frame := reader.line(line)) is not None:
                        chat.see(frame[0], _detail(*frame), time.monotonic())
    except httpx.HTTPError as exc:
        chat.error = f"broken stream ({type(exc).__name__})"
    chat.ended = time.monotonic()
    return chat


def _detail(kind: str, data: str) -> str:
    """A token's text or an error's code (other frames are not parsed: that costs CPU)."""
    if kind not in ("token", "error"):
        return ""
    payload = json.loads(data)
    return str(payload.get("text") or payload.get("code") or "")


async def drive(url: str, key: str, clients: int, more: Callable[[], bool]) -> list[Chat]:
    """``clients`` clients chatting back to back while ``more()`` allows another chat."""
    queries = itertools.cycle(QUERIES)
    chats: list[Chat] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client_loop(client: httpx.AsyncClient) -> None:
        while more():
            chats.append(await http_chat(client, url, key, next(queries)))

    async with httpx.AsyncClient(timeout=TIMEOUT, limits=limits) as client:
        await asyncio.gather(*(client_loop(client) for _ in range(clients)))
    return chats


def for_seconds(seconds: float) -> Callable[[], bool]:
    """A ``more`` that allows chats to start for ``seconds`` from now."""
    deadline = time.monotonic() + seconds
    return lambda: time.monotonic() < deadline


def for_count(count: int) -> Callable[[], bool]:
    """A ``more`` that allows ``count`` chats in all."""
    left = iter(range(count))
    return lambda: next(left, None) is not None


@dataclass
class Level:
    """One load level's chats, its window and what it cost in CPU."""

    clients: int
    chats: list[Chat]
    start: float
    seconds: float
    server_cpu: float
    client_cpu: float


def run_level(server: Server, key: str, clients: int, seconds: float) -> Level:
    """C clients for ``seconds``; CPU of both processes over the whole level."""
    cpu = (server.cpu(), time.process_time())
    start = time.monotonic()
    chats = asyncio.run(drive(server.url, key, clients, for_seconds(seconds)))
    used = (server.cpu() - cpu[0], time.process_time() - cpu[1])
    return Level(clients, chats, start, seconds, *used)


# -- the baseline ------------------------------------------------------------------------


async def direct_chat(app: AssistantApp, services: Services, message: str) -> Chat:
    """One turn through ``stream_turn`` in this process."""
    chat = Chat(time.monotonic())
    chat.opened = chat.started
    async for event in stream_turn(app, services, TurnRequest(message=message)):
        text = event.text if isinstance(event, TokenEvent) else ""
        text = event.code if isinstance(event, ErrorEvent) else text
        chat.see(event.type, text, time.monotonic())
    chat.ended = time.monotonic()
    return chat


async def baseline(catalog: Catalog, words: int, rate: float, seconds: float) -> Level:
    """The paced model in this process, one stream back to back for ``seconds``."""
    services = paced_services(catalog, words, rate)
    async with open_checkpointer(catalog.settings) as saver:
        app = compile_graph(services, saver)
        await services.warm_up()
        await direct_chat(app, services, QUERIES[0])  # loads the embedder and indexes
        cpu, start = time.process_time(), time.monotonic()
        more, queries = for_seconds(seconds), itertools.cycle(QUERIES)
        chats = []
        while more():
            chats.append(await direct_chat(app, services, next(queries)))
    return Level(1, chats, start, seconds, time.process_time() - cpu, math.nan)


# -- reports -----------------------------------------------------------------------------


def _ms(values: Sequence[float], q: float) -> float:
    return percentile(values, q) * 1000 if values else float("nan")


def figures(level: Level) -> dict[str, float]:
    """The figures of a level, by column name (times in ms)."""
    done = [c for c in level.chats if c.failure is None]
    elapsed = max((c.ended for c in level.chats), default=level.start) - level.start
    firsts = [c.first_token for c in done if c.first_token is not None]
    added = [a for c in done for a in c.added]
    return {
        "chats": len(done),
        "chats/s": len(done) / elapsed if elapsed > 0 else 0.0,
        "streams": mean_open(level.chats, level.start, level.start + level.seconds),
        "errors": len(level.chats) - len(done),
        "srv cpu%": 100 * level.server_cpu / elapsed if elapsed > 0 else 0.0,
        "cli cpu%": 100 * level.client_cpu / elapsed if elapsed > 0 else 0.0,
        "cpu ms/chat": 1000 * level.server_cpu / len(level.chats) if level.chats else 0.0,
        "ttft p50": _ms(firsts, 50),
        "ttft p99": _ms(firsts, 99),
        "added p50": _ms(added, 50),
        "added p99": _ms(added, 99),
    }


LOAD = ("chats", "chats/s", "streams", "errors", "srv cpu%", "cli cpu%", "cpu ms/chat")
LATENCY = ("ttft p50", "ttft p99", "added p50", "added p99")


def _cell(value: float, width: int, digits: int = 1) -> str:
    return f"{'-':>{width}}" if math.isnan(value) else f"{value:>{width}.{digits}f}"


def _ratio(value: float, base: float) -> str:
    return f"{f'({value / base:.1f}x)':>8}" if base > 0 else f"{'':>8}"


def print_load_header() -> None:
    print(f"  {'':<12}" + "".join(f"{name:>12}" for name in LOAD))


def print_load(label: str, row: dict[str, float]) -> None:
    counts = ("chats", "errors")
    print(f"  {label:<12}" + "".join(_cell(row[n], 12, 0 if n in counts else 1) for n in LOAD))


def print_latency(base: dict[str, float], rows: dict[int, dict[str, float]]) -> None:
    """Latency per level in ms, each beside its ratio to the in-process baseline."""
    print("\nlatency, ms (x: server / in-process)")
    print(f"  {'':<12}" + "".join(f"{name:>20}" for name in LATENCY))
    print(f"  {'in-process':<12}" + "".join(_cell(base[n], 12) + " " * 8 for n in LATENCY))
    for clients, row in rows.items():
        cells = (_cell(row[n], 12) + _ratio(row[n], base[n]) for n in LATENCY)
        print(f"  {f'{clients} clients':<12}" + "".join(cells))


def print_failures(clients: int, chats: Sequence[Chat]) -> None:
    failures = Counter(c.failure for c in chats if c.failure is not None)
    for reason, count in failures.most_common():
        print(f"    {clients} clients: {count} x {reason}")


LOCAL_COLUMNS = ("chats", "chats/min", "ttft p50 s", "turn p50 s", "errors")


def print_local(label: str, chats: list[Chat]) -> None:
    done = [c for c in chats if c.failure is None]
    elapsed = max(c.ended for c in chats) - min(c.started for c in chats)
    firsts = [c.first_token for c in done if c.first_token is not None]
    turns = [c.ended - c.started for c in done]
    cells = (
        f"{len(done)}",
        f"{60 * len(done) / elapsed:.1f}",
        f"{percentile(firsts, 50):.2f}" if firsts else "n/a",
        f"{percentile(turns, 50):.2f}" if turns else "n/a",
        f"{len(chats) - len(done)}",
    )
    print(f"  {label:<12}" + "".join(f"{cell:>12}" for cell in cells))


# -- the parts ---------------------------------------------------------------------------


def server_cost(home: Path, key: str, args: argparse.Namespace, base: Level) -> None:
    """Part 1 over HTTP: each load level against one server process, then the ratios."""
    rows: dict[int, dict[str, float]] = {}
    with serving(home, (args.words, args.tokens_per_s)) as server:
        asyncio.run(drive(server.url, key, 1, for_count(1)))  # warm-up
        for clients in args.clients:
            level = run_level(server, key, clients, args.seconds)
            rows[clients] = figures(level)
            print_load(f"{clients} clients", rows[clients])
            print_failures(clients, level.chats)
            if died := server.died():
                print(f"    {died}: no further levels")
                break
    print_latency(figures(base), rows)


def local_model(home: Path, key: str, chats: int) -> None:
    """Part 2: the default registry's ``local`` model, sequential then 2 clients."""
    print(f"\nlocal model (the default registry's 'local'), {chats} chats each way")
    print(f"  {'':<12}" + "".join(f"{name:>12}" for name in LOCAL_COLUMNS))
    with serving(home, None) as server:
        asyncio.run(drive(server.url, key, 1, for_count(1)))  # loads the model
        for clients in (1, 2):
            done = asyncio.run(drive(server.url, key, clients, for_count(chats)))
            print_local(f"{clients} client{'s' * (clients > 1)}", done)
            print_failures(clients, done)
            if died := server.died():
                print(f"    {died}")
                break


def scratch_home(catalog: Catalog, folder: Path) -> tuple[Catalog, str]:
    """A copy of the demo store the servers may write to, and an API key for it."""
    home = folder / "home"
    shutil.copytree(catalog.settings.home, home, ignore=shutil.ignore_patterns("threads.sqlite*"))
    scratch = build_store(home, N_PRODUCTS)
    _, key = AccountStore(scratch.engine).create("bench.sse_load")
    return scratch, key


def main() -> None:
    """Run both parts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--home", type=Path, default=None, help="Reuse the store there.")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32, 64])
    parser.add_argument("--seconds", type=float, default=20.0, help="Length of a load level.")
    parser.add_argument("--tokens-per-s", type=float, default=20.0, help="The fake model's rate.")
    parser.add_argument("--words", type=int, default=40, help="Words of the fake answer.")
    parser.add_argument("--local-chats", type=int, default=6, help="Chats with the local model.")
    args = parser.parse_args()
    with demo_catalog(args.home, N_PRODUCTS) as catalog, tempfile.TemporaryDirectory() as tmp:
        scratch, key = scratch_home(catalog, Path(tmp))
        try:
            print(
                f"\nserver cost: fake model, {args.words} words at {args.tokens_per_s:g}/s,"
                f" {args.seconds:g} s per level (CPU in % of one core)"
            )
            print_load_header()
            base = asyncio.run(baseline(scratch, args.words, args.tokens_per_s, args.seconds))
            print_load("in-process", figures(base))
            server_cost(scratch.settings.home, key, args, base)
            if args.local_chats:
                local_model(scratch.settings.home, key, args.local_chats)
        finally:
            scratch.close()


if __name__ == "__main__":
    main()
