"""Evidence ranking on ePQA: rank each question's labelled candidate snippets.

Prints nDCG@5 against the 0/1/2 labels for lexical (BM25), dense (MiniLM) and fused
ranking, beside a seeded random order (the baseline, measured in the same run) and the
candidates' order in the file (a reference only: it correlates with the labels).

    python -m bench.evidence_ranking [--data ../shared/data/epqa] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from store.catalog import shared_embedder
from store.evidence import bm25_scores, dense_scores, ndcg_at, order_by_score
from store.fusion import reciprocal_rank_fusion

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "epqa"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="Only the first N questions.")
    args = parser.parse_args()
    path = args.data / "questions.jsonl" if args.data.is_dir() else args.data
    if not path.exists():
        raise SystemExit(f"no ePQA questions at {path}: pass --data PATH")
    questions = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    questions = [q for q in questions if any(c["label"] > 0 for c in q["candidates"])]
    if args.limit:
        questions = questions[: args.limit]
    embedder = shared_embedder()
    shuffle = random.Random(13)
    scores: dict[str, list[float]] = {
        "file order*": [],
        "random": [],
        "lexical": [],
        "dense": [],
        "hybrid": [],
    }
    started = time.perf_counter()
    for q in questions:
        texts = [c["text"] if isinstance(c["text"], str) else "" for c in q["candidates"]]
        labels = [float(c["label"]) for c in q["candidates"]]
        scores["file order*"].append(ndcg_at(5, labels, labels))
        order = list(range(len(labels)))
        shuffle.shuffle(order)
        scores["random"].append(ndcg_at(5, [labels[i] for i in order], labels))
        lexical = order_by_score(bm25_scores(q["question"], texts))
        dense = order_by_score(dense_scores(embedder, q["question"], texts))
        hybrid = reciprocal_rank_fusion([lexical, dense])
        for method, ranked in (("lexical", lexical), ("dense", dense), ("hybrid", hybrid)):
            scores[method].append(ndcg_at(5, [labels[i] for i, _ in ranked], labels))
    elapsed = time.perf_counter() - started
    baseline = statistics.mean(scores["random"])
    print(
        f"ePQA evidence ranking: {len(questions)} questions, 10 candidates each ({elapsed:.1f} s)"
    )
    print(f"{'ranking':<12} {'nDCG@5':>7} {'vs random':>10}")
    for name, values in scores.items():
        mean = statistics.mean(values)
        print(f"{name:<12} {mean:>7.3f} {mean / baseline:>9.2f}x")
    print("* the candidates' order in the file, which correlates with the labels: a reference")
    print("  for what the labels leak, not a ranker that could run on new questions")


if __name__ == "__main__":
    main()
