"""The eval framework on a tiny suite: datasets, the runner, summaries, the report, the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from evals.dataset import Dataset, DatasetError, Example, examples_from, load_dataset
from evals.evaluation import Score, exact
from evals.report import write_report
from evals.runner import ExampleRun, PartResult, SuiteResult, run_suite
from evals.suite import EvalContext, Part, Suite, SuiteSkipped
from evals.summary import histogram, input_text, score, summarize, worst
from evals.svg_plots import grouped_bars
from evals.svg_plots import histogram as histogram_svg
from shopgraph import eval_cli
from shopgraph.cli import app

runner = CliRunner()

ROWS = [
    {
        "id": "a",
        "inputs": {"message": "hi"},
        "reference_outputs": {"echo": "HI"},
        "metadata": {"intent": "greet"},
    },
    {
        "id": "b",
        "inputs": {"message": "yo"},
        "reference_outputs": {"echo": "nope"},
        "metadata": {"intent": "greet"},
    },
    {
        "id": "c",
        "inputs": {"message": "boom"},
        "reference_outputs": {"echo": "BOOM"},
        "metadata": {"intent": "search"},
    },
    {
        "id": "d",
        "inputs": {"message": "shoes"},
        "outputs": {"echo": "SHOES"},
        "metadata": {"intent": "search"},
    },
]


def _write(path: Path, rows: list[Any]) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    return path


async def echo(inputs: dict[str, Any], context: EvalContext) -> dict[str, Any]:
    if inputs["message"] == "boom":
        raise RuntimeError("target broke")
    return {"echo": inputs["message"].upper()}


def echo_matches(outputs: dict[str, Any], example: Example) -> Score:
    return exact("echo", outputs["echo"], example.reference_outputs["echo"])


def shape(outputs: dict[str, Any], example: Example) -> list[Score]:
    """Two scores: one always counted, one that applies to greetings only."""
    greeting = example.metadata["intent"] == "greet"
    return [Score("upper", 1.0), Score("greeting_len", 0.5 if greeting else None, "short")]


def tiny_suite(data: Path) -> Suite:
    def load(context: EvalContext) -> Dataset:
        return load_dataset(context.data if context.data is not None else data)

    def absent(context: EvalContext) -> Dataset:
        raise SuiteSkipped("/nowhere/epqa is absent")

    return Suite(
        "tiny",
        "A tiny suite that echoes messages, for the framework's tests.",
        [
            Part("echo", load, echo, [echo_matches, shape], group_by="intent"),
            Part("external", absent, echo, [echo_matches]),
        ],
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return _write(tmp_path / "tiny.jsonl", ROWS)


async def _run(data: Path, limit: int | None = None) -> SuiteResult:
    return await run_suite(tiny_suite(data), EvalContext(limit=limit))


# -- datasets ---------------------------------------------------------------------------


def test_a_good_file_loads_every_example_in_order(data: Path) -> None:
    dataset = load_dataset(data)
    assert dataset.name == "tiny"
    assert [e.id for e in dataset.examples] == ["a", "b", "c", "d"]
    assert dataset.examples[0].metadata == {"intent": "greet"}
    assert dataset.limited(2).examples == dataset.examples[:2]
    assert dataset.limited(None) is dataset


def test_langsmith_outputs_are_read_as_reference_outputs(data: Path) -> None:
    assert load_dataset(data).examples[3].reference_outputs == {"echo": "SHOES"}


def test_examples_without_ids_are_numbered_by_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "plain.jsonl", [{"inputs": {"q": 1}}, "", {"inputs": {"q": 2}}])
    assert [e.id for e in load_dataset(path).examples] == ["plain-1", "plain-3"]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "an example is a JSON object"),
        ('{"inputs": {"q": 1}, "extra": 1}', "unknown fields ['extra']"),
        ('{"inputs": {}}', "'inputs' must be a non-empty object"),
        ('{"reference_outputs": {"a": 1}}', "'inputs' must be a non-empty object"),
        ('{"inputs": {"q": 1}, "metadata": []}', "must be objects"),
        ('{"inputs": {"q": 1}, "outputs": "x"}', "must be objects"),
    ],
)
def test_each_bad_line_is_refused_naming_file_and_line(
    tmp_path: Path, line: str, problem: str
) -> None:
    path = _write(tmp_path / "bad.jsonl", [ROWS[0], line])
    with pytest.raises(DatasetError) as error:
        load_dataset(path)
    assert f"{path}:2:" in str(error.value)
    assert problem in str(error.value)


def test_a_missing_or_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no such dataset file"):
        load_dataset(tmp_path / "absent.jsonl")
    with pytest.raises(DatasetError, match="no examples"):
        load_dataset(_write(tmp_path / "empty.jsonl", [""]))


def test_examples_built_in_code_are_numbered() -> None:
    dataset = examples_from([{"inputs": {"q": 1}}, {"id": "x", "inputs": {"q": 2}}], "ext")
    assert [e.id for e in dataset.examples] == ["ext-1", "x"]


# -- runner -----------------------------------------------------------------------------


async def test_a_target_that_raises_is_an_error_run_and_the_others_still_run(data: Path) -> None:
    result = await _run(data)
    runs = {run.example.id: run for run in result.parts[0].runs}
    assert set(runs) == {"a", "b", "c", "d"}
    broken = runs["c"]
    assert broken.error == "RuntimeError: target broke"
    assert broken.outputs == {}
    assert [(s.key, s.score) for s in broken.scores] == [("error", 0.0)]
    assert runs["d"].error is None and runs["d"].outputs == {"echo": "SHOES"}


async def test_an_evaluator_returns_one_score_or_many(data: Path) -> None:
    runs = (await _run(data)).parts[0].runs
    first = runs[0]
    assert [s.key for s in first.scores] == ["echo", "upper", "greeting_len"]
    assert runs[1].scores[0] == Score("echo", 0.0, "got 'YO', want 'nope'")


async def test_a_part_whose_data_is_absent_is_skipped_with_the_reason(data: Path) -> None:
    part = (await _run(data)).parts[1]
    assert part.name == "external"
    assert part.skipped == "/nowhere/epqa is absent"
    assert part.runs == []


async def test_limit_caps_the_examples_of_each_part(data: Path) -> None:
    assert len((await _run(data, limit=2)).parts[0].runs) == 2


async def test_suite_skipped_from_a_target_skips_the_part(data: Path) -> None:
    async def needs_data(inputs: dict[str, Any], context: EvalContext) -> dict[str, Any]:
        raise SuiteSkipped("the store is absent")

    suite = Suite("s", "", [Part("p", lambda c: load_dataset(data), needs_data, [])])
    assert (await run_suite(suite, EvalContext())).parts[0].skipped == "the store is absent"


# -- summaries --------------------------------------------------------------------------


async def test_summary_means_counts_groups_and_latency(data: Path) -> None:
    summary = summarize(await _run(data), "tiny things")
    assert summary["suite"] == "tiny" and summary["description"] == "tiny things"
    echo_part, external = summary["parts"]
    assert external == {"part": "external", "skipped": "/nowhere/epqa is absent"}
    assert echo_part["examples"] == 4 and echo_part["errors"] == 1
    scores = echo_part["scores"]
    # three runs scored: a right, b wrong, d right; the error run scores only "error"
    assert scores["echo"] == {"mean": pytest.approx(2 / 3, abs=1e-4), "count": 3}
    assert scores["greeting_len"] == {"mean": 0.5, "count": 2}  # None scores not counted
    assert scores["error"] == {"mean": 0.0, "count": 1}
    assert echo_part["group_by"] == "intent"
    assert echo_part["groups"]["greet"]["echo"] == {"mean": 0.5, "count": 2}
    assert echo_part["groups"]["search"]["echo"] == {"mean": 1.0, "count": 1}
    assert "greeting_len" not in echo_part["groups"]["search"]
    latency = echo_part["latency"]
    assert set(latency) == {"p50_ms", "p90_ms", "p99_ms"}
    assert 0 <= latency["p50_ms"] <= latency["p90_ms"] <= latency["p99_ms"]
    assert sum(echo_part["latency_histogram"]["counts"]) == 4
    assert score(summary, "echo", "echo") == pytest.approx(2 / 3, abs=1e-4)
    with pytest.raises(KeyError, match="skipped"):
        score(summary, "external", "echo")
    with pytest.raises(KeyError, match="no part"):
        score(summary, "nope", "echo")


async def test_summary_lists_the_worst_examples_errors_first(data: Path) -> None:
    worst = summarize(await _run(data))["parts"][0]["worst"]
    assert [row["id"] for row in worst] == ["c", "b", "a"]  # a fails greeting_len (0.5)
    assert worst[0]["comment"] == "RuntimeError: target broke"
    assert worst[1]["input"] == "yo"
    assert worst[1]["scores"] == {"echo": 0.0, "greeting_len": 0.5}
    assert "echo: got 'YO', want 'nope'" in worst[1]["comment"]


def test_a_score_without_a_reason_is_a_figure_not_a_failure() -> None:
    def run(*scores: Score) -> ExampleRun:
        return ExampleRun("p", Example("x", {"message": "m"}), {}, list(scores), 0.01)

    clean = run(Score("violation_count", 0.0), Score("ok", 1.0, "fine"))
    missed = run(Score("ndcg@10", 0.25, "P3 ranked 9th"), Score("recall@10", 0.5, "2 of 4"))
    assert worst([clean, missed]) == [
        {
            "id": "x",
            "input": "m",
            "scores": {"ndcg@10": 0.25, "recall@10": 0.5},
            "comment": "ndcg@10: P3 ranked 9th; recall@10: 2 of 4",
        }
    ]


def test_input_text_says_what_an_example_asked() -> None:
    assert input_text({"message": "a quiet blender"}) == "a quiet blender"
    turns = {"messages": ["blenders", "the second one"]}
    assert input_text(turns) == "blenders / the second one"
    assert input_text({"product_id": "P1"}) == '{"product_id": "P1"}'
    assert input_text({"message": "x" * 500}).endswith("…")


def test_histogram_counts_every_value_and_goes_log_for_wide_spreads() -> None:
    narrow = histogram([1.0, 2.0, 3.0, 4.0], bins=4)
    assert narrow["scale"] == "linear" and narrow["counts"] == [1, 1, 1, 1]
    wide = histogram([0.1, 0.2, 50.0, 900.0], bins=8)
    assert wide["scale"] == "log" and sum(wide["counts"]) == 4
    assert len(wide["edges_ms"]) == 9
    assert histogram([5.0, 5.0])["counts"] == [2]
    assert histogram([])["counts"] == []


def test_plots_are_svg_with_their_labels_escaped() -> None:
    bars = grouped_bars("score by <intent>", ["greet", "search"], {"echo": [0.5, None]})
    assert bars.startswith("<svg") and "&lt;intent&gt;" in bars
    assert bars.count("<rect") == 2  # a legend swatch and one bar (None leaves a gap)
    bars_svg = histogram_svg("latency", [1.0, 2.0, 3.0], [3, 1])
    assert bars_svg.count("<rect") == 2 and "1 ms" in bars_svg


# -- report -----------------------------------------------------------------------------


async def test_report_folder_has_json_html_and_markdown(data: Path, tmp_path: Path) -> None:
    summary = summarize(await _run(data), "Echoes <messages>.")
    report = write_report([summary], tmp_path / "report", model="local")
    assert report == tmp_path / "report" / "report.html"
    assert json.loads((tmp_path / "report" / "results.json").read_text())[0]["suite"] == "tiny"
    html = report.read_text()
    assert "<svg" in html and "score by intent" in html and "latency distribution" in html
    assert "Echoes &lt;messages&gt;." in html and "model: local" in html
    assert "/nowhere/epqa is absent" in html and "RuntimeError: target broke" in html
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org', "")
    markdown = (tmp_path / "report" / "report.md").read_text()
    assert "## tiny" in markdown and "| echo | 0.667 | 3 |" in markdown
    assert "**external**: skipped (/nowhere/epqa is absent)" in markdown
    assert "Worst examples" in markdown and "| greet |" in markdown


def test_report_of_a_run_with_nothing_scored_still_renders(tmp_path: Path) -> None:
    empty = SuiteResult("none", [PartResult("p", [], None)])
    run = ExampleRun("p", Example("x", {"message": "m"}), {}, [], 0.01)
    summaries = [summarize(empty), summarize(SuiteResult("one", [PartResult("p", [run])]))]
    html = write_report(summaries, tmp_path).read_text()
    assert "<h2>none</h2>" in html and "<h2>one</h2>" in html


# -- the command line -------------------------------------------------------------------


@pytest.fixture
def tiny_cli(monkeypatch: pytest.MonkeyPatch, data: Path) -> Path:
    """``shopgraph eval`` knowing only the tiny suite."""
    monkeypatch.setattr(eval_cli, "suites", lambda: {"tiny": lambda: tiny_suite(data)})
    return data


def test_cli_prints_a_table_of_scores(tiny_cli: Path) -> None:
    result = runner.invoke(app, ["eval", "tiny"])
    assert result.exit_code == 0, result.output
    for text in ("suite: tiny", "echo", "0.667", "greeting_len", "skipped", "p50", "p99"):
        assert text in result.stdout


def test_cli_json_is_the_summary(tiny_cli: Path) -> None:
    result = runner.invoke(app, ["eval", "tiny", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["suite"] == "tiny"
    assert summary["parts"][0]["scores"]["echo"]["count"] == 3


def test_cli_limit(tiny_cli: Path) -> None:
    result = runner.invoke(app, ["eval", "tiny", "--json", "--limit", "1"])
    assert json.loads(result.stdout)["parts"][0]["examples"] == 1


def test_cli_data_replaces_the_suites_dataset(tiny_cli: Path, tmp_path: Path) -> None:
    other = _write(tmp_path / "other.jsonl", ROWS[:1])
    result = runner.invoke(app, ["eval", "tiny", "--json", "--data", str(other)])
    assert json.loads(result.stdout)["parts"][0]["examples"] == 1


def test_cli_out_file_writes_json(tiny_cli: Path, tmp_path: Path) -> None:
    out = tmp_path / "results" / "tiny.json"
    result = runner.invoke(app, ["eval", "tiny", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())[0]["suite"] == "tiny"


def test_cli_all_writes_a_report_folder(tiny_cli: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    result = runner.invoke(app, ["eval", "all", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == {"results.json", "report.html", "report.md"}
    assert "<svg" in (out / "report.html").read_text()
    assert "report.html" in result.stderr


def test_cli_unknown_suite_exits_2_naming_it(tiny_cli: Path) -> None:
    result = runner.invoke(app, ["eval", "nosuch"])
    assert result.exit_code == 2
    assert "unknown suite 'nosuch'" in result.stderr and "tiny" in result.stderr


def test_cli_missing_data_exits_2(tiny_cli: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "tiny", "--data", str(tmp_path / "absent")])
    assert result.exit_code == 2
    assert "absent: no such file or folder" in result.stderr


def test_cli_bad_dataset_exits_2_naming_the_line(tiny_cli: Path, tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.jsonl", ["{oops"])
    result = runner.invoke(app, ["eval", "tiny", "--data", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:1: not JSON" in " ".join(result.stderr.split())


def test_cli_langsmith_without_a_key_exits_2(
    tiny_cli: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LANGSMITH_API_KEY", raising=False)
    result = runner.invoke(app, ["eval", "tiny", "--langsmith"])
    assert result.exit_code == 2
    assert "LANGSMITH_API_KEY" in result.stderr
