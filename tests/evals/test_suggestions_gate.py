"""Gate: suggested follow-up questions stay answerable (a subset of the suite, ~25 s).

The subset is the examples flagged ``"gate": true`` in ``evals/datasets/suggestions.jsonl``
(a search or two, a comparison, a product page's question, reviews with and without a
page, price history, deals, an alert). The turns run through the real graph with the default
(embedded local) model over the session's demo store; the suggestions are written in code
(``graph.suggestions``), so the figures do not depend on the model's words. Thresholds sit
just under what was measured (in the comments).
"""

from __future__ import annotations

import dataclasses

import pytest

from evals.dataset import Dataset
from evals.runner import run_suite
from evals.suite import EvalContext
from evals.suites.suggestions import suite
from evals.summary import score, summarize

pytestmark = pytest.mark.slow  # builds the demo store (once per session)

PART = "follow_ups"
THRESHOLDS = {
    # measured 0.952 (20 of 21 suggestions); one under: the store is built with the day's
    # prices, so a search's products (and what is suggested about them) may move a little
    "answerable": 0.90,
    "suggested": 0.88,  # 0.889 (8 of 9 turns: "are these waterproof?" on a page suggests none)
}


def gated(dataset: Dataset) -> Dataset:
    """The examples flagged for the gate."""
    return Dataset(dataset.name, tuple(e for e in dataset.examples if e.metadata.get("gate")))


async def test_suggestions_stay_answerable(eval_context: EvalContext) -> None:
    suggestions = suite()
    parts = [
        dataclasses.replace(part, load=lambda context, load=part.load: gated(load(context)))
        for part in suggestions.parts
    ]
    summary = summarize(
        await run_suite(dataclasses.replace(suggestions, parts=parts), eval_context)
    )
    assert summary["parts"][0]["examples"] == 9
    assert summary["parts"][0]["errors"] == 0
    for key, threshold in THRESHOLDS.items():
        assert score(summary, PART, key) >= threshold, key
