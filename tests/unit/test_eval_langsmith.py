"""The LangSmith path, against a local stand-in of LangSmith's REST API (127.0.0.1 only)."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from langsmith import Client
from typer.testing import CliRunner

from evals.dataset import load_dataset
from evals.langsmith_bridge import (
    OUR_ID,
    configured,
    dataset_name,
    evaluate_suites,
    example_id,
    upsert_dataset,
)
from evals.runner import run_suite
from evals.suite import EvalContext
from evals.summary import summarize
from shopgraph import eval_cli
from shopgraph.cli import app
from tests.langsmith_stub import LangSmithState, langsmith_stub
from tests.unit.test_eval_framework import ROWS, tiny_suite

runner = CliRunner()
KEY = "lsv2-test-key"


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> Iterator[LangSmithState]:
    """The stand-in, and the environment that points the langsmith client at it."""
    with langsmith_stub(KEY) as state:
        monkeypatch.setenv("LANGSMITH_ENDPOINT", state.url)
        monkeypatch.setenv("LANGSMITH_API_KEY", KEY)
        monkeypatch.setenv("LANGSMITH_TRACING", "false")
        for name in ("LANGCHAIN_ENDPOINT", "LANGCHAIN_API_KEY", "LANGSMITH_RUNS_ENDPOINTS"):
            monkeypatch.delenv(name, raising=False)
        yield state
        assert state.unknown == [], "the client asked for something the stand-in lacks"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in ROWS) + "\n")
    return path


def _client(stub: LangSmithState) -> Client:
    return Client(api_url=stub.url, api_key=KEY)


def _experiment_runs(stub: LangSmithState, experiment: str) -> list[dict[str, Any]]:
    """The target's root runs traced into the experiment (not the evaluators' runs)."""
    return [
        run
        for run in stub.runs.values()
        if run.get("session_name") == experiment and run.get("parent_run_id") is None
    ]


def test_configured_needs_a_key() -> None:
    assert configured({"LANGSMITH_API_KEY": "lsv2-x"})
    assert not configured({"LANGSMITH_API_KEY": "  "})
    assert not configured({})


def test_a_suite_runs_as_experiments_with_datasets_runs_and_feedback(
    stub: LangSmithState, data: Path
) -> None:
    (result,), experiments = evaluate_suites([tiny_suite(data)], EvalContext(), _client(stub))

    # the dataset, by name, with our examples under stable ids
    name = dataset_name("tiny", "echo")
    dataset = stub.dataset_named(name)
    assert dataset is not None and dataset["description"].startswith("A tiny suite")
    examples = {e["id"]: e for e in stub.examples_of(dataset["id"])}
    local = load_dataset(data).examples
    assert set(examples) == {str(example_id(name, e)) for e in local}
    first = examples[str(example_id(name, local[0]))]
    assert first["inputs"] == {"message": "hi"} and first["outputs"] == {"echo": "HI"}
    assert first["metadata"] == {"intent": "greet", OUR_ID: "a", "dataset_split": ["base"]}
    assert stub.dataset_named(dataset_name("tiny", "external")) is None  # skipped: no upload

    # one experiment on that dataset, a traced run per example
    (experiment,) = experiments
    assert (experiment.part, experiment.dataset) == ("echo", name)
    (session,) = stub.sessions.values()
    assert session["name"] == experiment.name and session["name"].startswith(name)
    assert session["reference_dataset_id"] == dataset["id"]
    assert session["extra"]["metadata"]["suite"] == "tiny"
    runs = _experiment_runs(stub, experiment.name)
    assert {run["reference_example_id"] for run in runs} == set(examples)
    by_example = {run["reference_example_id"]: run for run in runs}
    broken = by_example[str(example_id(name, local[2]))]
    assert "target broke" in broken["error"]
    assert by_example[str(example_id(name, local[3]))]["outputs"] == {"echo": "SHOES"}

    # our scores as feedback on those runs: None scores not sent, the error scored once
    feedback: dict[str, dict[str, float]] = {}
    for item in stub.feedback:
        example = next(e for e, run in by_example.items() if run["id"] == item["run_id"])
        feedback.setdefault(examples[example]["metadata"][OUR_ID], {})[item["key"]] = item["score"]
    assert feedback == {
        "a": {"echo": 1.0, "upper": 1.0, "greeting_len": 0.5},
        "b": {"echo": 0.0, "upper": 1.0, "greeting_len": 0.5},
        "c": {"error": 0.0},
        "d": {"echo": 1.0, "upper": 1.0},
    }
    comments = {item["key"]: item.get("comment") for item in stub.feedback if item["score"] == 0}
    assert comments["echo"] == "got 'YO', want 'nope'"

    # and the same figures come out as offline
    assert result.parts[1].skipped == "/nowhere/epqa is absent"
    online = summarize(result)["parts"][0]
    assert online["errors"] == 1 and online["worst"][0]["comment"] == "RuntimeError: target broke"
    assert stub.unauthorized == 0


def test_the_figures_match_the_offline_runner(stub: LangSmithState, data: Path) -> None:
    offline = summarize(asyncio.run(run_suite(tiny_suite(data), EvalContext())))
    (result,), _ = evaluate_suites([tiny_suite(data)], EvalContext(), _client(stub))
    online = summarize(result)
    for mine, theirs in zip(online["parts"], offline["parts"], strict=True):
        assert mine.get("scores") == theirs.get("scores")
        assert mine.get("groups") == theirs.get("groups")


def test_uploading_again_updates_rather_than_duplicates(stub: LangSmithState, data: Path) -> None:
    client = _client(stub)
    dataset = load_dataset(data)
    first = upsert_dataset(client, "shopgraph-tiny-echo", "d", dataset)
    assert (first.created, first.updated, first.unchanged) == (4, 0, 0)
    rows = [*ROWS[:3], {**ROWS[3], "outputs": {"echo": "BOOTS"}}, {"id": "e", "inputs": {"q": 1}}]
    data.write_text("\n".join(json.dumps(row) for row in rows) + "\n")
    again = upsert_dataset(client, "shopgraph-tiny-echo", "d", load_dataset(data))
    assert (again.created, again.updated, again.unchanged) == (1, 1, 3)
    assert again.dataset_id == first.dataset_id
    assert len(stub.datasets) == 1 and len(stub.examples) == 5
    changed = stub.examples[str(example_id("shopgraph-tiny-echo", load_dataset(data).examples[3]))]
    assert changed["outputs"] == {"echo": "BOOTS"}
    assert changed["metadata"]["dataset_split"] == ["base"]  # LangSmith's own field kept
    third = upsert_dataset(client, "shopgraph-tiny-echo", "d", load_dataset(data))
    assert (third.created, third.updated, third.unchanged) == (0, 0, 5)


def test_limit_runs_the_first_examples_of_the_whole_uploaded_dataset(
    stub: LangSmithState, data: Path
) -> None:
    (result,), (experiment,) = evaluate_suites(
        [tiny_suite(data)], EvalContext(limit=2), _client(stub)
    )
    assert len(stub.examples) == 4
    assert len(_experiment_runs(stub, experiment.name)) == 2
    assert [run.example.id for run in result.parts[0].runs] == ["a", "b"]


@pytest.fixture
def tiny_cli(monkeypatch: pytest.MonkeyPatch, data: Path) -> None:
    monkeypatch.setattr(eval_cli, "suites", lambda: {"tiny": lambda: tiny_suite(data)})


@pytest.mark.usefixtures("tiny_cli")
def test_cli_langsmith_prints_the_scores_and_the_experiment(stub: LangSmithState) -> None:
    result = runner.invoke(app, ["eval", "tiny", "--langsmith", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)  # the client's own messages went to stderr
    assert summary["parts"][0]["scores"]["echo"] == {
        "mean": pytest.approx(2 / 3, abs=1e-4),
        "count": 3,
    }
    assert "langsmith: shopgraph-tiny-echo: experiment shopgraph-tiny-echo-" in result.stderr
    assert len(stub.sessions) == 1 and len(stub.feedback) == 9


@pytest.mark.usefixtures("tiny_cli")
def test_cli_langsmith_with_a_refused_key_exits_1(
    stub: LangSmithState, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGSMITH_API_KEY", "lsv2-wrong")
    result = runner.invoke(app, ["eval", "tiny", "--langsmith"])
    assert result.exit_code == 1
    assert "LangSmith" in result.stderr
    assert stub.unauthorized >= 1 and not stub.datasets


@pytest.mark.usefixtures("tiny_cli")
def test_cli_langsmith_without_a_key_exits_2_and_sends_nothing(
    stub: LangSmithState, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LANGSMITH_API_KEY")
    result = runner.invoke(app, ["eval", "tiny", "--langsmith"])
    assert result.exit_code == 2
    assert "--langsmith needs LANGSMITH_API_KEY" in result.stderr
    assert stub.requests == []


def test_example_ids_are_stable_and_per_dataset(data: Path) -> None:
    example = load_dataset(data).examples[0]
    assert example_id("a", example) == example_id("a", example)
    assert example_id("a", example) != example_id("b", example)
    assert isinstance(example_id("a", example), uuid.UUID)
