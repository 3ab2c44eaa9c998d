"""Ranking a handful of evidence snippets (reviews, answers, bullets) for one question.

Used by the Q&A and review tools and by the ePQA evidence-ranking benchmark: BM25 over
the snippets themselves, MiniLM cosine similarity, or both fused by reciprocal rank.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Literal

from store.documents import tokenize
from store.embeddings import MiniLMEmbedder
from store.fusion import reciprocal_rank_fusion

Method = Literal["hybrid", "lexical", "dense"]
BM25_K1, BM25_B = 1.5, 0.75


def bm25_scores(query: str, snippets: Sequence[str]) -> list[float]:
    """Okapi BM25 of ``query`` against each snippet, the snippets being the corpus."""
    docs = [tokenize(text) for text in snippets]
    if not docs:
        return []
    average = sum(len(doc) for doc in docs) / len(docs) or 1.0
    frequency = Counter(term for doc in docs for term in set(doc))
    scores = []
    for doc in docs:
        counts = Counter(doc)
        score = 0.0
        for term in set(tokenize(query)):
            if term not in counts:
                continue
            idf = math.log(1 + (len(docs) - frequency[term] + 0.5) / (frequency[term] + 0.5))
            tf = counts[term]
            norm = tf + BM25_K1 * (1 - BM25_B + BM25_B * len(doc) / average)
            score += idf * tf * (BM25_K1 + 1) / norm
        scores.append(score)
    return scores


def dense_scores(embedder: MiniLMEmbedder, query: str, snippets: Sequence[str]) -> list[float]:
    """Cosine similarity of ``query`` to each snippet."""
    if not snippets:
        return []
    vectors = embedder.embed([query, *snippets])
    return [float(score) for score in vectors[1:] @ vectors[0]]


def rank_snippets(
    embedder: MiniLMEmbedder, query: str, snippets: Sequence[str], method: Method = "hybrid"
) -> list[tuple[int, float]]:
    """Snippet indexes with scores, best first, by ``method``."""
    lexical = order_by_score(bm25_scores(query, snippets)) if method != "dense" else []
    dense = order_by_score(dense_scores(embedder, query, snippets)) if method != "lexical" else []
    if method == "hybrid":
        return reciprocal_rank_fusion([lexical, dense])
    return lexical or dense


def order_by_score(scores: Sequence[float]) -> list[tuple[int, float]]:
    """Indexes with their scores, highest first (ties by index)."""
    return sorted(enumerate(scores), key=lambda pair: (-pair[1], pair[0]))


def ndcg_at(k: int, ranked_labels: Sequence[float], all_labels: Sequence[float]) -> float:
    """nDCG@k of a ranking given graded labels (gain ``2^label - 1``)."""

    def dcg(labels: Sequence[float]) -> float:
        return sum((2**label - 1) / math.log2(i + 2) for i, label in enumerate(labels[:k]))

    ideal = dcg(sorted(all_labels, reverse=True))
    return dcg(ranked_labels) / ideal if ideal > 0 else 0.0
