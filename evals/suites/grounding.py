"""The grounding suite: what end-to-end turns show is what retrieval and the store said.

Every example is a conversation (one or more shopper messages, maybe from a product's
page) run through the compiled graph. Checked on every turn (``evals.grounding_checks``):
each rendered product id came from that turn's retrieval, each displayed price equals the
store's live one at render time, no markup leaks into text, and no price is typed that
the shopper did not write and the store did not show. Target: zero violations.

Parts: ``turns`` answers with the run's model (``--model``, default the embedded local
one); ``adversarial`` with a model trusted with layout that breaks every rule
(``evals.adversary``), to show the renderer's guards hold: its violations must be zero
too, while ``guards_engaged`` shows the guards had work to do. ``adversarial_known_gaps``
runs the examples marked ``known_issue`` with the adversary also misbehaving in the ways
the guards are known not to handle: it shows those violations until ``graph/`` is fixed.
"""

from __future__ import annotations

from typing import Any

from evals.dataset import Dataset
from evals.graph_runs import graph_for, new_account, repo_dataset, with_adversary
from evals.grounding_scores import GROUNDING_EVALUATORS, guards_engaged
from evals.known_issues import known_issue
from evals.suite import EvalContext, Part, Suite
from evals.turn_capture import capture_conversation, conversation_of

DATASET = "grounding.jsonl"
KNOWN_GAPS = "adversarial_known_gaps"


def load(context: EvalContext) -> Dataset:
    """The grounding conversations (``evals/datasets/grounding.jsonl``, or ``--data``)."""
    return repo_dataset(context, DATASET)


def load_known_issues(context: EvalContext) -> Dataset:
    """The conversations whose ``known_issue`` names the known-gaps part."""
    dataset = load(context)
    marked = tuple(e for e in dataset.examples if known_issue(e, KNOWN_GAPS))
    return Dataset(f"{dataset.name}-known-issues", marked)


async def run_turns(
    inputs: dict[str, Any], context: EvalContext, services_name: str
) -> dict[str, Any]:
    """The example's conversation through the graph over ``services_name``, captured."""
    services = context.resource(services_name)
    app = graph_for(context, services_name)
    turns = await capture_conversation(app, services, conversation_of(inputs), new_account())
    return {"turns": turns}


async def model_turns(inputs: dict[str, Any], context: EvalContext) -> dict[str, Any]:
    """Turns answered by the run's model."""
    return await run_turns(inputs, context, "services")


async def adversary_turns(inputs: dict[str, Any], context: EvalContext) -> dict[str, Any]:
    """Turns answered by the misbehaving model."""
    return await run_turns(inputs, context, with_adversary(context))


async def known_gap_turns(inputs: dict[str, Any], context: EvalContext) -> dict[str, Any]:
    """Turns answered by the misbehaving model, known gaps included."""
    return await run_turns(inputs, context, with_adversary(context, known_gaps=True))


def suite() -> Suite:
    """The grounding suite."""
    return Suite(
        name="grounding",
        description="Rendered ids, prices and text grounded in retrieval and the store.",
        parts=[
            Part("turns", load, model_turns, GROUNDING_EVALUATORS, group_by="intent"),
            Part(
                "adversarial",
                load,
                adversary_turns,
                [*GROUNDING_EVALUATORS, guards_engaged],
                group_by="intent",
            ),
            Part(
                KNOWN_GAPS,
                load_known_issues,
                known_gap_turns,
                [*GROUNDING_EVALUATORS, guards_engaged],
            ),
        ],
        fast=True,
    )
