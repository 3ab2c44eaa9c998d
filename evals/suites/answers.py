"""The answers suite: product questions answered on the product's page, against references.

Questions: ePQA's (``epqa/questions.jsonl``, those with written ``gold_answers``; on
products from ``epqa/products.jsonl``) and hetPQA's dev split (``hetpqa/train_dev.jsonl``,
one reference answer each; its evidence becomes product pages, see ``evals.hetpqa_pages``).
Each dataset's products are loaded once into their own store (``evals.pqa_store``).

Parts, per dataset: ``<dataset>_assistant`` asks the compiled graph (in-memory saver, a
new thread per question) on the product's page, answering with ``--model`` (default the
embedded local model: 0.5-2 s a question); ``<dataset>_baseline`` answers with the page's
best-ranked snippet (``evals.page_snippets``), the simplest honest answer, scored the same
way so the report shows both side by side. Scores: ``token_f1`` (SQuAD's, best reference),
``similarity`` (MiniLM cosine, best reference), and ``judge`` when
``SHOPGRAPH_EVAL_JUDGE_MODEL`` names a registry model (else None, not counted). Scores are
grouped by where the evidence that answers sits (cqa, review, description...).

Each dataset runs ``DEFAULT_SAMPLE`` questions unless ``--limit`` says otherwise: ePQA's
first, in file order; hetPQA's evenly spread over its dev split (sorted by source). Data
is read under ``--data`` (the shared data folder, a dataset folder, or a file) or
``../shared/data``; a dataset whose files are absent is skipped.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from evals.answer_judge import AnswerJudge, configured_judge
from evals.answer_metrics import best_similarity, best_token_f1
from evals.dataset import Dataset, Example, examples_from
from evals.evaluation import Evaluator, Score
from evals.evidence_ranking import EvidenceQuestion, read_questions
from evals.external_data import external_file
from evals.graph_runs import graph_for
from evals.page_snippets import best_snippet
from evals.page_turn import ask_on_page
from evals.pqa_store import PqaDataset, pqa_catalog
from evals.resources import assistant
from evals.suite import EvalContext, Part, Suite, Target
from store.catalog import shared_embedder

DEFAULT_SAMPLE = 100
"""Questions per dataset when ``--limit`` is not given (a run takes minutes, not hours)."""
Item = TypeVar("Item")
HETPQA_SOURCES = {"CQA": "cqa", "Desc": "description", "OSP": "description"}
"""hetPQA's source names in ePQA's terms (the others already match)."""


def suite() -> Suite:
    """The assistant's answers on ePQA and hetPQA, beside the best-snippet baseline."""
    judge = AnswerJudge(configured_judge)
    evaluators: list[Evaluator] = [score_answer, judge]
    datasets: tuple[tuple[PqaDataset, Callable[[EvalContext], Dataset]], ...] = (
        ("epqa", load_epqa),
        ("hetpqa", load_hetpqa),
    )
    parts = []
    for dataset, load in datasets:
        parts += [
            Part(f"{dataset}_assistant", load, assistant_target(dataset), evaluators, "source"),
            Part(f"{dataset}_baseline", load, baseline_target(dataset), evaluators, "source"),
        ]
    return Suite("answers", "Product questions: the assistant vs the best snippet", parts)


def load_epqa(context: EvalContext) -> Dataset:
    """The ePQA questions that have written answers, on their products' store."""
    questions = external_file(context, "epqa", "questions.jsonl")
    products = external_file(context, "epqa", "products.jsonl")
    _open_store(context, "epqa", lambda: pqa_catalog("epqa", products))
    rows = [_epqa_row(q) for q in read_questions(questions) if q.gold_answers]
    return examples_from(rows, "epqa_answers").limited(context.limit or DEFAULT_SAMPLE)


def _epqa_row(question: EvidenceQuestion) -> dict[str, Any]:
    """An example; its source is that of the best-labelled candidate."""
    best = max(range(len(question.labels)), key=lambda i: (question.labels[i], -i))
    source = question.sources[best] if question.labels[best] > 0 else "none"
    return {
        "id": f"epqa-{question.qid}",
        "inputs": {"question": question.question, "product_id": question.asin},
        "reference_outputs": {"answers": list(question.gold_answers)},
        "metadata": {"dataset": "epqa", "source": source},
    }


def load_hetpqa(context: EvalContext) -> Dataset:
    """The hetPQA dev questions, evenly spread over the split, on their products' store.

    The dev split is sorted by evidence source (74 CQA first, then reviews...): the first
    100 would all be CQA, so the sample takes every k-th question instead.
    """
    path = external_file(context, "hetpqa", "train_dev.jsonl")
    _open_store(context, "hetpqa", lambda: pqa_catalog("hetpqa", path))
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    dev = [(n, row) for n, row in enumerate(rows, start=1) if row.get("split") == "dev"]
    examples = [
        {
            "id": f"hetpqa-{n}",
            "inputs": {"question": row["question"], "product_id": row["asin"]},
            "reference_outputs": {"answers": [row["answer"]]},
            "metadata": {
                "dataset": "hetpqa",
                "source": HETPQA_SOURCES.get(row["source"], row["source"]),
            },
        }
        for n, row in spread(dev, context.limit or DEFAULT_SAMPLE)
    ]
    return examples_from(examples, "hetpqa_answers")


def spread(items: Sequence[Item], count: int) -> list[Item]:
    """``count`` items evenly spaced over ``items`` (all of them if there are fewer)."""
    if count >= len(items):
        return list(items)
    return [items[i * len(items) // count] for i in range(count)]


def _open_store(context: EvalContext, dataset: PqaDataset, opener: Callable[[], Any]) -> None:
    """Register the dataset's store and the assistant's services over it (opened on use)."""
    name = f"pqa/{dataset}"
    context.openers.setdefault(name, opener)
    context.openers.setdefault(
        f"{name}/services", lambda: assistant(context.resource(name), context.model)
    )


def assistant_target(dataset: PqaDataset) -> Target:
    """Ask the graph on the product's page."""

    async def ask(inputs: dict[str, Any], context: EvalContext) -> dict[str, Any]:
        services_name = f"pqa/{dataset}/services"
        app = graph_for(context, services_name)
        page = await ask_on_page(
            app, context.resource(services_name), inputs["question"], inputs["product_id"]
        )
        return {"answer": page.text, "intent": page.intent, "model": page.model}

    return ask


def baseline_target(dataset: PqaDataset) -> Target:
    """Answer with the page's best-ranked snippet."""

    async def best(inputs: dict[str, Any], context: EvalContext) -> dict[str, Any]:
        catalog = context.resource(f"pqa/{dataset}")
        snippet = await asyncio.to_thread(
            best_snippet, catalog, inputs["product_id"], inputs["question"]
        )
        if snippet is None:
            return {"answer": "", "source": None}
        return {"answer": snippet.answer, "source": snippet.source}

    return best


def score_answer(outputs: dict[str, Any], example: Example) -> list[Score]:
    """Token F1 and embedding similarity against the closest reference answer."""
    answer, references = outputs["answer"], example.reference_outputs["answers"]
    comment = None if answer else "empty answer"
    return [
        Score("token_f1", best_token_f1(answer, references), comment),
        Score("similarity", best_similarity(shared_embedder(), answer, references), comment),
    ]
