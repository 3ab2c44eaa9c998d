"""Evaluators: functions of (a run's outputs, its example) that return scores.

Each returns one ``Score`` or a list of them, ``{key, score, comment}`` as LangSmith takes
them. A score of None means "does not apply to this example" and is not counted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from evals.dataset import Example


@dataclass(frozen=True)
class Score:
    """One evaluator's judgement of one run."""

    key: str
    score: float | None
    comment: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The LangSmith evaluator-result shape."""
        return asdict(self)


Evaluator = Callable[[dict[str, Any], Example], "Score | Sequence[Score]"]
"""Scores one run: its outputs and the example it ran on."""


def scores_of(evaluator: Evaluator, outputs: dict[str, Any], example: Example) -> list[Score]:
    """The evaluator's scores as a list."""
    result = evaluator(outputs, example)
    return [result] if isinstance(result, Score) else list(result)


def exact(key: str, got: Any, want: Any) -> Score:
    """1 when ``got`` equals ``want``, else 0 with both in the comment."""
    if got == want:
        return Score(key, 1.0)
    return Score(key, 0.0, f"got {got!r}, want {want!r}")
