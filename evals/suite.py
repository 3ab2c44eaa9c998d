"""Suites: a target, the datasets it runs on, and the evaluators that score each run.

A target is an async function of (an example's inputs, the run's context) returning the
run's outputs as a dict: the planner, the retriever, the whole graph. A suite's datasets
come from the repo (``evals/datasets``), from ``--data``, or from ``../shared/data``; a
suite whose external data is absent says so and is skipped rather than failing.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evals.dataset import Dataset
from evals.evaluation import Evaluator

DATASETS = Path(__file__).resolve().parent / "datasets"
"""The repo's own datasets."""
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
"""Externally authored data beside the project (never copied into it)."""


class SuiteSkipped(Exception):
    """The suite can't run here (its external data is absent); the message says why."""


class EvalInputError(ValueError):
    """Options the suite can't run with (a bad --data path, an unknown model)."""


@dataclass
class EvalContext:
    """What targets share in one run: options, and resources opened once, on first use."""

    data: Path | None = None
    """``--data``: a dataset file or folder to use instead of the suite's default."""
    model: str | None = None
    """``--model``: the model a graph target answers with."""
    limit: int | None = None
    """``--limit``: at most this many examples per dataset."""
    resources: dict[str, Any] = field(default_factory=dict)
    """Opened things (a catalog, services, a compiled graph), by name, for reuse."""
    openers: dict[str, Callable[[], Any]] = field(default_factory=dict)
    """How to open a resource the first time it is asked for (``catalog``...)."""

    opening_s: float = 0.0
    """Time spent opening resources so far: the runner leaves it out of examples' times."""

    def resource(self, name: str) -> Any:
        """The resource ``name``, opened on first use."""
        if name not in self.resources:
            if name not in self.openers:
                raise EvalInputError(f"this run has no {name!r} to give the suite")
            started, before = time.perf_counter(), self.opening_s
            self.resources[name] = self.openers[name]()
            # Set, not added: an opener that opens others (services open the catalog)
            # has already counted them, and counting them twice made times negative.
            self.opening_s = before + time.perf_counter() - started
        return self.resources[name]

    def shared_path(self, *parts: str) -> Path:
        """A path under ``--data`` (if given) or ``../shared/data``; skips when absent."""
        base = self.data if self.data is not None else SHARED_DATA
        path = base.joinpath(*parts) if base.is_dir() else base
        if not path.exists():
            raise SuiteSkipped(f"{path} is absent (external data is read from ../shared/data)")
        return path


Target = Callable[[dict[str, Any], EvalContext], Awaitable[dict[str, Any]]]
"""Runs one example's inputs; returns the run's outputs."""


@dataclass(frozen=True)
class Part:
    """One dataset of a suite, with its target and evaluators."""

    name: str
    load: Callable[[EvalContext], Dataset]
    """Reads the dataset (may raise ``SuiteSkipped`` when its data is absent)."""
    target: Target
    evaluators: Sequence[Evaluator]
    group_by: str | None = None
    """A metadata field to break scores down by (``intent``)."""


@dataclass(frozen=True)
class Suite:
    """A named set of parts an evaluator runs together."""

    name: str
    description: str
    parts: Sequence[Part]
    fast: bool = False
    """Runs inside the test command with thresholds (``tests/evals``)."""
