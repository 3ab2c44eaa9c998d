"""The embedded model behind an OpenAI-compatible HTTP API: a local stand-in for Neuron.

TGI and vLLM on Inferentia2 serve ``/v1/chat/completions``; so does llama.cpp's own
server (``llama-cpp-python[server]``, a development dependency). Pointed at this, the
``openai_compatible`` route (``neuron-custom``) runs end to end on any machine: tests and
benchmarks use it, and so can you:

    python -m serving.local_endpoint --port 8080   # then: shopgraph chat --model neuron-custom

It listens on 127.0.0.1 only and serves the bundled SmolLM2 GGUF (or ``--model``) under
the alias ``shopgraph-shopping``, the shipped ``neuron-custom`` entry's ``model_id``.
"""

from __future__ import annotations

import argparse
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import httpx

MODEL_ALIAS = "shopgraph-shopping"


class EndpointError(RuntimeError):
    """The local endpoint did not start."""


def free_port() -> int:
    """A TCP port nothing listens on at the moment."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_command(model: Path, port: int, *, threads: int = 2, context: int = 4096) -> list[str]:
    """The command line of llama.cpp's server for ``model`` on 127.0.0.1:``port``."""
    return [
        sys.executable, "-m", "llama_cpp.server", "--model", str(model),
        "--model_alias", MODEL_ALIAS, "--host", "127.0.0.1", "--port", str(port),
        "--n_ctx", str(context), "--n_threads", str(threads),
    ]  # fmt: skip


@contextmanager
def local_endpoint(
    model: Path | None = None,
    *,
    port: int | None = None,
    log: IO[str] | None = None,
    start_timeout_s: float = 90.0,
) -> Iterator[str]:
    """Run the server while the block runs; yields its ``/v1`` base URL."""
    if model is None:
        from graph.models.local import bundled_gguf

        model = bundled_gguf()
    port = port or free_port()
    url = f"http://127.0.0.1:{port}/v1"
    process = subprocess.Popen(
        server_command(model, port),
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_until_ready(url, process, start_timeout_s)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_ready(url: str, process: subprocess.Popen[bytes], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EndpointError(f"llama.cpp's server exited with status {process.returncode}")
        try:
            if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise EndpointError(f"llama.cpp's server did not answer at {url} in {timeout_s:.0f} s")


def main() -> None:
    """Serve until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--model", type=Path, default=None, help="A GGUF file (default: SmolLM2).")
    args = parser.parse_args()
    # `kill` ends the server too: SystemExit unwinds through local_endpoint's cleanup.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        with local_endpoint(args.model, port=args.port, log=sys.stderr) as url:
            print(f"serving {MODEL_ALIAS} at {url} (Ctrl-C stops)", flush=True)
            while True:
                time.sleep(3600)
    except EndpointError as exc:
        sys.exit(f"error: {exc}")
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
