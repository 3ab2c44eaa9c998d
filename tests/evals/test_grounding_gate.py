"""Gate: end-to-end turns show only what retrieval returned and the store says (target: zero).

Absolute by the issue: any violation fails. The local model runs a fixed subset that
covers every intent, multi-turn references, cart and alert proposals (all 62 take about
a minute; ``shopgraph eval grounding`` runs them); the misbehaving model (fast) runs them
all. Examples marked ``known_issue`` for a part must still fail it, so a fix shows here
and the marker is removed. Measured when set: ``turns`` 0 violations (62/62 clean),
``adversarial`` 0 violations (62/62 clean, guards engaged 62/62), known gaps 3/3 still shown;
the known gaps (a directive that lost its ``<``) fixed since, none left marked.
"""

from __future__ import annotations

import dataclasses

import pytest

from evals.dataset import Dataset
from evals.known_issues import gate_report, scored
from evals.runner import PartResult, run_part
from evals.suite import EvalContext, Part
from evals.suites.grounding import KNOWN_GAPS, suite

LOCAL_SUBSET = frozenset(
    f"grounding-{name}"
    for name in (
        "search-quiet-blender",
        "search-brand-range",
        "search-knife-euro",
        "compare-two-best",
        "reviews-battery",
        "history-30-days",
        "deals-robot-budget",
        "question-dishwasher",
        "follow-up-compare-add",
        "cart-add-two",
        "alert-below",
        "alert-percent",
        "policy-returns",
        "chat-hello",
    )
)
"""Conversations the local model runs in the gate: one or more per intent (16 turns)."""


def part(name: str, only: frozenset[str] | None = None) -> Part:
    """The suite's part ``name``, limited to the example ids ``only`` if given."""
    found = next(p for p in suite().parts if p.name == name)
    if only is None:
        return found

    def load(context: EvalContext) -> Dataset:
        dataset = found.load(context)
        return Dataset(dataset.name, tuple(e for e in dataset.examples if e.id in only))

    return dataclasses.replace(found, load=load)


def clean(result: PartResult) -> None:
    """Every run without a violation, unless marked known; no known issue fixed unnoticed."""
    report = gate_report(result, lambda run: scored(run, "zero_violations"))
    assert not report.unexpected, "\n".join(report.unexpected)
    assert not report.fixed, "fixed, remove the known_issue marker:\n" + "\n".join(report.fixed)


async def test_the_local_models_turns_have_no_violation(eval_context: EvalContext) -> None:
    result = await run_part(part("turns", LOCAL_SUBSET), eval_context)
    assert len(result.runs) == len(LOCAL_SUBSET)
    clean(result)


async def test_the_guards_hold_against_a_misbehaving_model(eval_context: EvalContext) -> None:
    result = await run_part(part("adversarial"), eval_context)
    clean(result)
    # the model did misbehave on every conversation: the guards had something to remove
    assert all(scored(run, "guards_engaged") for run in result.runs)


async def test_known_gaps_still_show_until_fixed(eval_context: EvalContext) -> None:
    result = await run_part(part(KNOWN_GAPS), eval_context)
    if not result.runs:
        pytest.skip("no example is marked with a known gap")
    report = gate_report(result, lambda run: scored(run, "zero_violations"))
    assert report.known and not report.unexpected
    assert not report.fixed, "fixed, remove the known_issue marker:\n" + "\n".join(report.fixed)
