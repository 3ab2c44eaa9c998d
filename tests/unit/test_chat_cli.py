"""`shopgraph chat`: bad input is refused with an error event, a message and exit status 1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from graph.events import MetadataEvent
from graph.routing import Attempt
from shopgraph.chat_view import ChatView
from shopgraph.cli import app
from store.catalog import Catalog

runner = CliRunner()


def chat(*args: str) -> tuple[int, list[dict[str, Any]]]:
    result = runner.invoke(app, ["chat", "--json", *args])
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines() if line]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["   "], "invalid_message"),
        (["x" * 100_000], "invalid_message"),
        (["blender", "--thread", "no-such-thread"], "unknown_thread"),
        (["blender", "--product", "NO-SUCH"], "unknown_product"),
        (["blender", "--model", "gpt-17"], "unknown_model"),
    ],
)
def test_bad_input_is_an_error_event(loaded: Catalog, args: list[str], code: str) -> None:
    status, events = chat(*args)
    assert status == 1
    assert [e["type"] for e in events] == ["metadata", "error", "end"]
    assert events[1]["code"] == code


def test_text_mode_names_the_problem(loaded: Catalog) -> None:
    result = runner.invoke(app, ["chat", "blender", "--model", "gpt-17"])
    assert result.exit_code == 1
    assert "model 'gpt-17' is unknown" in result.stdout and "local" in result.stdout


def test_a_disabled_model_says_so(loaded: Catalog) -> None:
    result = runner.invoke(app, ["chat", "blender", "--model", "nova"])
    assert result.exit_code == 1
    assert "model 'nova' is disabled in the model registry" in result.stdout


def test_a_bad_model_registry_stops_at_start_up(
    loaded: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = tmp_path / "models.toml"
    registry.write_text('[models.x]\nprovider = "ollama"\nlatency = "fast"\ncost = "free"\n')
    monkeypatch.setenv("SHOPGRAPH_MODELS_FILE", str(registry))
    result = runner.invoke(app, ["chat", "hello"])
    assert result.exit_code == 2
    assert "model registry" in result.output and "models.x" in result.output
    assert "Traceback" not in result.output


def test_a_bad_setting_stops_at_start_up(loaded: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOPGRAPH_FIRST_TOKEN_TIMEOUT_S", "soon")
    result = runner.invoke(app, ["chat", "hello"])
    assert result.exit_code == 2 and "SHOPGRAPH_FIRST_TOKEN_TIMEOUT_S" in result.output


def test_an_unknown_default_model_stops_at_start_up(
    loaded: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHOPGRAPH_DEFAULT_MODEL", "nova")
    result = runner.invoke(app, ["chat", "hello"])
    assert result.exit_code == 2
    assert "SHOPGRAPH_DEFAULT_MODEL" in result.output
    assert "model 'nova' is disabled in the model registry" in result.output


@pytest.mark.parametrize(
    ("variable", "value"),
    [("SHOPGRAPH_LATENCY_BUDGET", "instant"), ("SHOPGRAPH_MAX_MODEL_ATTEMPTS", "0")],
)
def test_bad_router_settings_stop_at_start_up(
    loaded: Catalog, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    result = runner.invoke(app, ["chat", "hello"])
    assert result.exit_code == 2 and variable in result.output


def test_text_mode_says_which_model_took_over() -> None:
    console = Console(record=True, width=120)
    view = ChatView(console, as_json=False)
    failed = [Attempt(model="neuron-custom", failure="timeout")]
    view.show(MetadataEvent(model="local", fallbacks=failed))
    view.show(MetadataEvent(model="local"))  # the router's choice alone prints nothing
    assert (
        console.export_text().strip() == "neuron-custom (timeout) could not answer; local answers."
    )
