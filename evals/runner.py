"""Running a suite: each example through its target, timed, then scored."""

from __future__ import annotations

import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from evals.dataset import Example
from evals.evaluation import Score, scores_of
from evals.suite import EvalContext, Part, Suite, SuiteSkipped


@dataclass
class ExampleRun:
    """One example's run: outputs, scores, time, or the error that stopped it."""

    part: str
    example: Example
    outputs: dict[str, Any]
    scores: list[Score]
    seconds: float
    error: str | None = None


@dataclass
class PartResult:
    """A part's runs, or why it was skipped."""

    name: str
    runs: list[ExampleRun] = field(default_factory=list)
    group_by: str | None = None
    skipped: str | None = None


@dataclass
class SuiteResult:
    """What a suite run produced, part by part."""

    suite: str
    parts: list[PartResult]

    @property
    def runs(self) -> list[ExampleRun]:
        """Every run of every part."""
        return [run for part in self.parts for run in part.runs]


async def run_suite(suite: Suite, context: EvalContext) -> SuiteResult:
    """Run every part of ``suite``; a part whose data is absent is recorded as skipped."""
    parts = []
    for part in suite.parts:
        try:
            parts.append(await run_part(part, context))
        except SuiteSkipped as skip:
            parts.append(PartResult(part.name, skipped=str(skip), group_by=part.group_by))
    return SuiteResult(suite.name, parts)


async def run_part(part: Part, context: EvalContext) -> PartResult:
    """Each example of the part's dataset through its target and evaluators."""
    dataset = part.load(context).limited(context.limit)
    return PartResult(
        part.name,
        [await run_example(part, example, context) for example in dataset.examples],
        part.group_by,
    )


async def run_example(part: Part, example: Example, context: EvalContext) -> ExampleRun:
    """One example: a target that raises is an error run, scored 0 by every evaluator.

    Its time leaves out resources opened on the way (building the demo store, say).
    """
    started, opened = time.perf_counter(), context.opening_s

    def elapsed() -> float:
        return time.perf_counter() - started - (context.opening_s - opened)

    try:
        outputs = await part.target(example.inputs, context)
    except SuiteSkipped:
        raise
    except Exception as exc:  # one broken example must not stop the suite
        seconds = elapsed()
        error = f"{type(exc).__name__}: {exc}"
        detail = traceback.format_exc(limit=3)
        return ExampleRun(part.name, example, {}, [Score("error", 0.0, detail)], seconds, error)
    seconds = elapsed()
    scores: list[Score] = []
    for evaluator in part.evaluators:
        scores.extend(scores_of(evaluator, outputs, example))
    return ExampleRun(part.name, example, outputs, scores, seconds)


def mean_scores(runs: Sequence[ExampleRun]) -> dict[str, tuple[float, int]]:
    """Each score key's mean and how many runs it counted (None scores left out)."""
    totals: dict[str, list[float]] = {}
    for run in runs:
        for score in run.scores:
            if score.score is not None:
                totals.setdefault(score.key, []).append(score.score)
    return {key: (sum(values) / len(values), len(values)) for key, values in totals.items()}
