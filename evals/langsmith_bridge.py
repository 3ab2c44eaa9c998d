"""Running a suite through LangSmith: parts become datasets, runs become an experiment.

The offline runner (``evals.runner``) needs none of this. With ``LANGSMITH_API_KEY`` set
(and ``LANGSMITH_ENDPOINT`` for a self-hosted LangSmith), ``shopgraph eval SUITE
--langsmith`` does for each part:

1. uploads its dataset under ``shopgraph-<suite>-<part>``: created when missing, examples
   upserted under ids derived from ours, so a re-run updates them instead of adding copies;
2. runs the part's target over the examples with ``Client.evaluate`` (one experiment per
   part, examples one at a time as the offline runner does), our evaluators wrapped as
   LangSmith evaluators that return ``{key, score, comment}``; LangSmith stores the runs
   and the scores as feedback;
3. reads the experiment's rows back as a ``PartResult``, so the same table, JSON and
   report come out as offline.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import sys
import uuid
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from langsmith import Client
from langsmith.schemas import Example as LangSmithExample
from langsmith.schemas import Run
from langsmith.utils import LangSmithNotFoundError

from evals.dataset import Dataset, Example
from evals.evaluation import Evaluator, Score, scores_of
from evals.runner import ExampleRun, PartResult, SuiteResult
from evals.suite import EvalContext, EvalInputError, Part, Suite, SuiteSkipped

if TYPE_CHECKING:
    from langsmith.evaluation._runner import ExperimentResultRow

API_KEY = "LANGSMITH_API_KEY"
"""The variable that turns the LangSmith path on (the client reads it itself)."""
EXAMPLE_IDS = uuid.UUID("6a1d0c4e-5b1f-4d7e-9a57-1f0e5d2c8b31")
"""Namespace of the LangSmith ids of our examples (uuid5 of dataset name and our id)."""
OUR_ID = "shopgraph_id"
"""Metadata field holding our example id in LangSmith, to find it there."""

LangSmithEvaluator = Callable[[Run, LangSmithExample], dict[str, Any]]


def configured(environ: Mapping[str, str] | None = None) -> bool:
    """Whether a LangSmith API key is set (without one the path is refused, not tried)."""
    return bool((os.environ if environ is None else environ).get(API_KEY, "").strip())


def dataset_name(suite: str, part: str) -> str:
    """The LangSmith dataset of one part of a suite."""
    return f"shopgraph-{suite}-{part}"


def example_id(dataset: str, example: Example) -> uuid.UUID:
    """The example's LangSmith id: stable, so uploading again updates rather than adds."""
    return uuid.uuid5(EXAMPLE_IDS, f"{dataset}/{example.id}")


def example_row(dataset: str, example: Example) -> dict[str, Any]:
    """The example as LangSmith stores it, our id kept in its metadata."""
    return {
        "id": str(example_id(dataset, example)),
        "inputs": example.inputs,
        "reference_outputs": example.reference_outputs,
        "metadata": {**example.metadata, OUR_ID: example.id},
    }


@dataclass(frozen=True)
class Upload:
    """What uploading a dataset did."""

    dataset_id: uuid.UUID
    created: int
    updated: int
    unchanged: int


def upsert_dataset(client: Client, name: str, description: str, dataset: Dataset) -> Upload:
    """The dataset ``name`` (created if missing) holding exactly our examples' contents."""
    repeated = sorted(k for k, n in Counter(e.id for e in dataset.examples).items() if n > 1)
    if repeated:  # one LangSmith id each: a repeat would overwrite its twin
        raise EvalInputError(f"dataset {name}: example ids repeat: {', '.join(repeated[:5])}")
    try:
        remote = client.read_dataset(dataset_name=name)
    except LangSmithNotFoundError:
        remote = client.create_dataset(name, description=description)
    stored = {str(e.id): e for e in client.list_examples(dataset_id=remote.id)}
    rows = [example_row(name, example) for example in dataset.examples]
    new = [row for row in rows if row["id"] not in stored]
    changed = [
        _update(stored[row["id"]], row)
        for row in rows
        if row["id"] in stored and not _same(stored[row["id"]], row)
    ]
    if new:
        client.create_examples(dataset_id=remote.id, examples=new)
    if changed:
        client.update_examples(dataset_id=remote.id, updates=changed)
    return Upload(remote.id, len(new), len(changed), len(rows) - len(new) - len(changed))


def _same(stored: LangSmithExample, row: dict[str, Any]) -> bool:
    """Same contents; metadata LangSmith adds itself (``dataset_split``) is not ours to compare."""
    metadata = stored.metadata or {}
    return bool(
        (stored.inputs or {}) == row["inputs"]
        and (stored.outputs or {}) == row["reference_outputs"]
        and {key: metadata.get(key) for key in row["metadata"]} == row["metadata"]
    )


def _update(stored: LangSmithExample, row: dict[str, Any]) -> dict[str, Any]:
    """The changed example, keeping the split LangSmith filed it under."""
    kept = {k: v for k, v in (stored.metadata or {}).items() if k == "dataset_split"}
    return {
        "id": row["id"],
        "inputs": row["inputs"],
        "outputs": row["reference_outputs"],
        "metadata": {**kept, **row["metadata"]},
    }


def langsmith_evaluator(
    evaluator: Evaluator, ours: Mapping[uuid.UUID, Example]
) -> LangSmithEvaluator:
    """Our evaluator as LangSmith calls it: (run, example) → ``{"results": [...]}``.

    A run that raised is scored once, by ``error_evaluator``; scores of None ("does not
    apply") are not sent, as they are not counted offline.
    """

    def evaluate(run: Run, example: LangSmithExample) -> dict[str, Any]:
        if run.error:
            return {"results": []}
        scores = scores_of(evaluator, dict(run.outputs or {}), ours[example.id])
        return {"results": [s.as_dict() for s in scores if s.score is not None]}

    evaluate.__name__ = getattr(evaluator, "__name__", "evaluator")
    return evaluate


def error_evaluator(run: Run, example: LangSmithExample) -> dict[str, Any]:
    """Scores a run that raised 0 under ``error``, as the offline runner does."""
    if not run.error:
        return {"results": []}
    return {"results": [{"key": "error", "score": 0.0, "comment": _error_line(run.error)}]}


def _error_line(error: str) -> str:
    """``ValueError('boom')`` (LangSmith's run error, a repr) as offline: ``ValueError: boom``."""
    line = error.strip().splitlines()[0] if error.strip() else "error"
    found = re.fullmatch(r"(\w+)\((['\"])(.*)\2\)", line)
    return f"{found[1]}: {found[3]}" if found else line


@dataclass(frozen=True)
class Experiment:
    """Where a part's LangSmith experiment is."""

    part: str
    dataset: str
    name: str
    url: str | None


def evaluate_suites(
    suites: Sequence[Suite], context: EvalContext, client: Client | None = None
) -> tuple[list[SuiteResult], list[Experiment]]:
    """Run every part of each suite as a LangSmith experiment; skipped parts are noted."""
    client = client or Client()
    results: list[SuiteResult] = []
    experiments: list[Experiment] = []
    with asyncio.Runner() as runner:  # one loop for all, as offline: resources stay usable
        for suite in suites:
            parts = []
            for part in suite.parts:
                try:
                    result, experiment = evaluate_part(client, suite, part, context, runner)
                except SuiteSkipped as skip:
                    parts.append(PartResult(part.name, skipped=str(skip), group_by=part.group_by))
                    continue
                parts.append(result)
                experiments.append(experiment)
            results.append(SuiteResult(suite.name, parts))
    client.flush()
    return results, experiments


def evaluate_part(
    client: Client, suite: Suite, part: Part, context: EvalContext, runner: asyncio.Runner
) -> tuple[PartResult, Experiment]:
    """One part: its dataset uploaded, its target run and scored in an experiment."""
    name = dataset_name(suite.name, part.name)
    full = part.load(context)
    upload = upsert_dataset(client, name, f"{suite.description} ({part.name})", full)
    ours = {example_id(name, e): e for e in full.limited(context.limit).examples}
    stored = {e.id: e for e in client.list_examples(dataset_id=upload.dataset_id)}
    data = [stored[key] for key in ours]
    skips: list[SuiteSkipped] = []

    def target(inputs: dict[str, Any]) -> dict[str, Any]:
        if skips:
            raise skips[0]
        try:
            return runner.run(_call(part, inputs, context))
        except SuiteSkipped as skip:  # the part's data is absent: no example can run
            skips.append(skip)
            raise

    evaluators = [langsmith_evaluator(e, ours) for e in part.evaluators] + [error_evaluator]
    with contextlib.redirect_stdout(sys.stderr):  # the client prints the experiment's URL
        results = client.evaluate(
            target,
            data=data,
            evaluators=evaluators,
            experiment_prefix=name,
            description=suite.description,
            metadata={"suite": suite.name, "part": part.name, "model": context.model},
            max_concurrency=0,
        )
    if skips:
        raise skips[0]
    runs = [_example_run(part.name, ours[row["example"].id], row) for row in results]
    experiment = Experiment(part.name, name, results.experiment_name, results.url)
    return PartResult(part.name, runs, part.group_by), experiment


async def _call(part: Part, inputs: dict[str, Any], context: EvalContext) -> dict[str, Any]:
    return await part.target(inputs, context)


def _example_run(part: str, example: Example, row: ExperimentResultRow) -> ExampleRun:
    run = row["run"]
    seconds = (run.end_time - run.start_time).total_seconds() if run.end_time else 0.0
    scores = [
        Score(r.key, None if r.score is None else float(r.score), r.comment)
        for r in row["evaluation_results"]["results"]
    ]
    if run.error:
        return ExampleRun(part, example, {}, scores, seconds, _error_line(run.error))
    return ExampleRun(part, example, dict(run.outputs or {}), scores, seconds)
