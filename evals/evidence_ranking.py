"""ePQA evidence ranking: each question's ten labelled candidate snippets, ranked.

Shared by the retrieval suite's ``epqa_evidence`` part and ``bench.evidence_ranking``.
The rankers are the project's own (``store.evidence``: BM25, MiniLM, and both fused, which
is what the Q&A and review tools use) and a seeded random order, the baseline that gives
the figures a floor. Labels: 2 = fully answers, 1 = helpful, 0 = irrelevant.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from store.embeddings import MiniLMEmbedder
from store.evidence import bm25_scores, dense_scores, order_by_score
from store.fusion import reciprocal_rank_fusion

Ranker = Literal["hybrid", "lexical", "dense", "random"]
RANKERS: tuple[Ranker, ...] = ("hybrid", "lexical", "dense", "random")
"""``hybrid`` is the project's ranking; ``random`` the baseline."""


@dataclass(frozen=True)
class EvidenceQuestion:
    """One ePQA question with its candidate snippets and their labels."""

    qid: str
    asin: str
    question: str
    texts: tuple[str, ...]
    labels: tuple[float, ...]
    sources: tuple[str, ...]
    gold_answers: tuple[str, ...]

    @property
    def answerable(self) -> bool:
        """Whether any candidate helps (nDCG is undefined when none does)."""
        return any(label > 0 for label in self.labels)


def read_questions(path: Path) -> list[EvidenceQuestion]:
    """The questions of an ePQA ``questions.jsonl``, in file order."""
    with path.open(encoding="utf-8") as lines:
        return [evidence_question(json.loads(line)) for line in lines if line.strip()]


def evidence_question(row: dict[str, Any]) -> EvidenceQuestion:
    """One line of ``questions.jsonl``; a candidate whose text is not a string is empty."""
    candidates = row["candidates"]
    return EvidenceQuestion(
        qid=str(row["qid"]),
        asin=str(row["asin"]),
        question=str(row["question"]),
        texts=tuple(c["text"] if isinstance(c["text"], str) else "" for c in candidates),
        labels=tuple(float(c["label"]) for c in candidates),
        sources=tuple(str(c.get("source", "")) for c in candidates),
        gold_answers=tuple(str(a) for a in row.get("gold_answers") or [] if a),
    )


def rank_candidates(
    embedder: MiniLMEmbedder, question: str, texts: Sequence[str], seed: str
) -> dict[Ranker, list[int]]:
    """Candidate indexes, best first, by every ranker (BM25 and MiniLM computed once).

    ``seed`` fixes the random order, so a question's baseline is the same on every run
    whatever questions run before it.
    """
    lexical = order_by_score(bm25_scores(question, texts))
    dense = order_by_score(dense_scores(embedder, question, texts))
    hybrid = reciprocal_rank_fusion([lexical, dense])
    return {
        "hybrid": [i for i, _ in hybrid],
        "lexical": [i for i, _ in lexical],
        "dense": [i for i, _ in dense],
        "random": random_order(len(texts), seed),
    }


def random_order(count: int, seed: str) -> list[int]:
    """A shuffled ``range(count)``, the same for the same seed."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    return order
