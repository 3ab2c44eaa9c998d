"""The planner suite: intent and slot accuracy on our labelled set; prices in WebShop text.

Parts:

- ``labelled``: ``evals/datasets/planner.jsonl``, messages we wrote as shoppers write them
  (typos, lower case, no "$"), labelled with what a correct planner must do, across every
  intent, with conversations for the references ("the second one", "it", "the cheaper
  one", a product page). Scores: ``intent``, ``intent_confident`` (plans the graph would not
  show the model), ``slot:<name>`` per labelled field and ``slots`` pooled, ``references``
  (resolved product ids, in order); by intent.
- ``webshop_prices``: WebShop's texts (``evals.webshop_prices``): ``price_bounds`` on the
  108 that state a ceiling, ``no_false_price`` (1 − the false-positive rate) on
  the ~11,000 that state none; by kind. Skipped when ../shared/data is absent.

The target is the planner in code over the demo store's words (``evals.planner_target``):
no store, no model, a few seconds. ``--data FILE.jsonl`` replaces the labelled set; ``--data
DIR`` is where WebShop's ``instructions.jsonl`` is looked for (in DIR or DIR/webshop).
"""

from __future__ import annotations

from pathlib import Path

from evals.dataset import Dataset, load_dataset
from evals.planner_evaluators import PLANNER_EVALUATORS, PRICE_EVALUATORS
from evals.planner_target import plan_target
from evals.suite import DATASETS, EvalContext, Part, Suite, SuiteSkipped
from evals.webshop_prices import LABELS_NAME, webshop_price_dataset

LABELLED = DATASETS / "planner.jsonl"
WEBSHOP_FILE = "instructions.jsonl"


def labelled_set(context: EvalContext) -> Dataset:
    """Our labelled set, or the JSONL file given with ``--data``."""
    data = context.data
    if data is not None and data.is_file() and data.name != WEBSHOP_FILE:
        return load_dataset(data, "planner")
    return load_dataset(LABELLED)


def webshop_path(context: EvalContext) -> Path:
    """WebShop's instructions: under ``--data`` or ../shared/data (``SuiteSkipped`` if absent)."""
    data = context.data
    if data is not None and data.is_file():
        if data.name == WEBSHOP_FILE:
            return data
        raise SuiteSkipped(f"--data {data} is a labelled set; WebShop is read from a folder")
    if data is not None and (data / WEBSHOP_FILE).is_file():
        return data / WEBSHOP_FILE
    return context.shared_path("webshop", WEBSHOP_FILE)


def webshop_set(context: EvalContext) -> Dataset:
    """WebShop's texts, labelled: the ones that state a price, and the others."""
    return webshop_price_dataset(webshop_path(context), DATASETS / LABELS_NAME)


def suite() -> Suite:
    """The planner suite (fast: it runs in the test command's gates)."""
    return Suite(
        name="planner",
        description="Intent, slot and reference accuracy; price slots on WebShop text.",
        parts=[
            Part("labelled", labelled_set, plan_target, PLANNER_EVALUATORS, group_by="intent"),
            Part("webshop_prices", webshop_set, plan_target, PRICE_EVALUATORS, group_by="kind"),
        ],
        fast=True,
    )
