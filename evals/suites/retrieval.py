"""The retrieval suite: does the assistant find the right products, and the right evidence?

Part ``demo_judgments``: shopper queries on the evals' demo store, with graded relevance
judgments we wrote (``evals/datasets/retrieval_demo.jsonl``, grades 0-3 judged from the
products' data: category, attributes, features, price; each example's ``metadata.rubric``
says how). Target: the catalog retrieval a turn runs, i.e. the code planner's plan
(``plan_message``, no model fallback, no account memory) through ``graph.retrieval.retrieve``
(search with the plan's filters and sort), taking 10 products instead of a turn's 4 so
that the top 10 can be scored. Scores: nDCG@10, and recall@10 over the products graded
2 or more (capped at 10), grouped by query kind. This part always reads the repo's own
judgments: ``--data`` points at external data and does not replace them.

Part ``epqa_evidence``: each ePQA question's ten labelled candidate snippets, ranked by
the project's evidence ranking (BM25 and MiniLM fused, as the Q&A and review tools rank)
and, as baselines in the same run, by BM25 alone, MiniLM alone and a seeded random order.
Scores: nDCG@5 against the 0/1/2 labels (``ndcg@5`` is the project's ranking); questions
whose candidates are all labelled 0 are not scored. Reads ``epqa/questions.jsonl`` under
``--data`` (the shared data folder, the ``epqa`` folder itself, or the file), else under
``../shared/data``; skipped when absent.
"""

from __future__ import annotations

import asyncio
from typing import Any

from evals.dataset import Dataset, Example, examples_from, load_dataset
from evals.evaluation import Score
from evals.evidence_ranking import RANKERS, rank_candidates, read_questions
from evals.external_data import external_file
from evals.ranking_metrics import ndcg_at_k, recall_at_k
from evals.suite import DATASETS, EvalContext, Part, Suite
from graph.plan import Conversation
from graph.planner import plan_message
from graph.retrieval import retrieve
from store.catalog import Catalog, shared_embedder

TOP_PRODUCTS = 10
"""Products scored per query: nDCG@10 and recall@10."""
TOP_SNIPPETS = 5
"""Evidence snippets scored per question: nDCG@5."""


def suite() -> Suite:
    """Product retrieval on the demo store, and evidence ranking on ePQA."""
    return Suite(
        name="retrieval",
        description="Catalog retrieval (nDCG@10, recall@10) and ePQA evidence ranking (nDCG@5)",
        parts=[
            Part(
                "demo_judgments",
                load_demo_judgments,
                retrieve_products,
                [score_products],
                group_by="kind",
            ),
            Part("epqa_evidence", load_epqa_evidence, rank_evidence, [score_evidence]),
        ],
        fast=True,
    )


def load_demo_judgments(context: EvalContext) -> Dataset:
    """The repo's graded judgments for demo-store queries."""
    return load_dataset(DATASETS / "retrieval_demo.jsonl")


async def retrieve_products(inputs: dict[str, Any], context: EvalContext) -> dict[str, Any]:
    """The products a turn's retrieval returns for the query, best first."""
    catalog: Catalog = context.resource("catalog")
    vocabulary = await context.resource("services").vocabulary()
    plan = plan_message(inputs["query"], Conversation(), vocabulary)
    evidence = await retrieve(plan, catalog, limit=TOP_PRODUCTS)
    products = evidence.products or evidence.deals
    return {
        "product_ids": [p.id for p in products],
        "intent": plan.intent,
        "search_query": plan.query,
        "filters": plan.filters.model_dump(exclude_defaults=True),
        "sort": plan.slots.sort,
    }


def score_products(outputs: dict[str, Any], example: Example) -> list[Score]:
    """nDCG@10 and recall@10 of the returned products against the judgments."""
    ranked = outputs["product_ids"]
    grades = example.reference_outputs["relevance"]
    comment = None if ranked else f"nothing retrieved (intent {outputs.get('intent')})"
    return [
        Score(f"ndcg@{TOP_PRODUCTS}", ndcg_at_k(ranked, grades, TOP_PRODUCTS), comment),
        Score(f"recall@{TOP_PRODUCTS}", recall_at_k(ranked, grades, TOP_PRODUCTS), comment),
    ]


def load_epqa_evidence(context: EvalContext) -> Dataset:
    """The ePQA questions with their candidates as inputs and the labels as the reference."""
    path = external_file(context, "epqa", "questions.jsonl")
    rows = [
        {
            "id": f"epqa-{q.qid}",
            "inputs": {"question": q.question, "candidates": list(q.texts)},
            "reference_outputs": {"labels": list(q.labels)},
            "metadata": {"qid": q.qid, "asin": q.asin},
        }
        for q in read_questions(path)
    ]
    return examples_from(rows, "epqa_evidence")


async def rank_evidence(inputs: dict[str, Any], context: EvalContext) -> dict[str, Any]:
    """The candidates' indexes, best first, by each ranker (the question seeds the random one)."""
    question, candidates = inputs["question"], inputs["candidates"]
    orders = await asyncio.to_thread(
        rank_candidates, shared_embedder(), question, candidates, seed=question
    )
    return {"orders": orders}


def score_evidence(outputs: dict[str, Any], example: Example) -> list[Score]:
    """nDCG@5 of each ranker's order; None for a question no candidate helps with."""
    labels = example.reference_outputs["labels"]
    grades = dict(enumerate(labels))
    if not any(label > 0 for label in labels):
        return [
            Score(_evidence_key(name), None, "no candidate is labelled 1 or 2") for name in RANKERS
        ]
    return [
        Score(_evidence_key(name), ndcg_at_k(outputs["orders"][name], grades, TOP_SNIPPETS))
        for name in RANKERS
    ]


def _evidence_key(ranker: str) -> str:
    """``ndcg@5`` for the project's ranking, ``ndcg@5_<ranker>`` for the baselines."""
    base = f"ndcg@{TOP_SNIPPETS}"
    return base if ranker == "hybrid" else f"{base}_{ranker}"
