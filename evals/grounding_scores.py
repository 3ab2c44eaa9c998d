"""The grounding evaluators: every violation is a score of 0 whose comment names it.

A run's outputs hold its captured turns (``{"turns": [CapturedTurn, ...]}``). Each check
of ``evals.grounding_checks`` reports under its own key: one 0 per violation, or one 1
for a clean run. ``zero_violations`` is the run's verdict (1: nothing wrong anywhere) and
``violation_count`` its number of violations (the part's total is mean × count).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from evals.dataset import Example
from evals.evaluation import Evaluator, Score
from evals.grounding_checks import CHECKS, CapturedTurn

Check = Callable[[CapturedTurn], list[str]]


def violations_of(outputs: dict[str, Any], check: Check) -> list[str]:
    """The check's violations over every turn of a run, each naming its turn."""
    turns: list[CapturedTurn] = outputs["turns"]
    return [
        f"turn {number} ({turn['message']!r}): {violation}"
        for number, turn in enumerate(turns, 1)
        for violation in check(turn)
    ]


def all_violations(outputs: dict[str, Any]) -> list[str]:
    """Every check's violations over a run, each prefixed with the check's key."""
    return [f"{key}: {v}" for key, check in CHECKS.items() for v in violations_of(outputs, check)]


def check_evaluator(key: str, check: Check) -> Evaluator:
    """An evaluator scoring 0 for each violation ``check`` finds, else a single 1."""

    def evaluate(outputs: dict[str, Any], example: Example) -> list[Score]:
        found = violations_of(outputs, check)
        return [Score(key, 0.0, v) for v in found] or [Score(key, 1.0)]

    evaluate.__name__ = key
    return evaluate


def zero_violations(outputs: dict[str, Any], example: Example) -> list[Score]:
    """Whether the run is clean, and how many violations it has."""
    found = all_violations(outputs)
    comment = "; ".join(found) if found else None
    return [
        Score("zero_violations", 0.0 if found else 1.0, comment),
        Score("violation_count", float(len(found))),
    ]


def guards_engaged(outputs: dict[str, Any], example: Example) -> Score:
    """Whether the renderer removed anything: proof that a misbehaving model misbehaved."""
    turns: list[CapturedTurn] = outputs["turns"]
    dropped = sum(turn["dropped"] for turn in turns)
    return Score("guards_engaged", 1.0 if dropped else 0.0, f"{dropped} removed")


GROUNDING_EVALUATORS: Sequence[Evaluator] = (
    *(check_evaluator(key, check) for key, check in CHECKS.items()),
    zero_violations,
)
"""The evaluators every grounding part runs."""
