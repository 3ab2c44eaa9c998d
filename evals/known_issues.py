"""Known issues: examples a part is known to fail until ``graph/`` is fixed.

An example's metadata may hold ``known_issue``: ``{part name: what is wrong, where}``. A
gate holds every other example to the target and each known issue to still failing: an
issue that got fixed fails the gate too, so its marker is removed and the example
counts from then on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from evals.dataset import Example
from evals.runner import ExampleRun, PartResult


def known_issue(example: Example, part: str) -> str | None:
    """What is known to be wrong with ``example`` in ``part``, if anything."""
    issues = example.metadata.get("known_issue") or {}
    found = issues.get(part) if isinstance(issues, dict) else None
    return str(found) if found else None


@dataclass
class GateReport:
    """A part's runs against its target, known issues set apart."""

    unexpected: list[str] = field(default_factory=list)
    """Runs that miss the target and are not known issues: what the gate fails on."""
    fixed: list[str] = field(default_factory=list)
    """Known issues that now meet the target: remove their marker."""
    known: list[str] = field(default_factory=list)
    """Known issues that still fail, as expected."""


def gate_report(part: PartResult, passed: Callable[[ExampleRun], bool]) -> GateReport:
    """Sort a part's runs by whether they meet the target and whether that is known."""
    report = GateReport()
    for run in part.runs:
        issue = known_issue(run.example, part.name)
        ok = run.error is None and passed(run)
        if issue is None and not ok:
            failed = [s.comment for s in run.scores if s.score == 0 and s.comment]
            report.unexpected.append(f"{run.example.id}: {run.error or '; '.join(failed)}")
        elif issue is not None and ok:
            report.fixed.append(f"{run.example.id}: {issue}")
        elif issue is not None:
            report.known.append(f"{run.example.id}: {issue}")
    return report


def scored(run: ExampleRun, key: str) -> bool:
    """Whether every ``key`` score of the run is 1."""
    values = [s.score for s in run.scores if s.key == key]
    return bool(values) and all(v == 1.0 for v in values)
