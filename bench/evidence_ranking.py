"""Evidence ranking on ePQA: rank each question's labelled candidate snippets.

Prints nDCG@5 against the 0/1/2 labels for lexical (BM25), dense (MiniLM) and fused
ranking, beside a seeded random order (the baseline, measured in the same run) and the
candidates' order in the file (a reference only: it correlates with the labels). The
rankers and the metric are the eval suite's (``evals.evidence_ranking``,
``shopgraph eval retrieval``): this prints the same figures with timing.

    python -m bench.evidence_ranking [--data ../shared/data/epqa] [--limit N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from evals.evidence_ranking import RANKERS, rank_candidates, read_questions
from evals.ranking_metrics import ndcg_at_k
from store.catalog import shared_embedder

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "epqa"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="Only the first N questions.")
    args = parser.parse_args()
    path = args.data / "questions.jsonl" if args.data.is_dir() else args.data
    if not path.exists():
        raise SystemExit(f"no ePQA questions at {path}: pass --data PATH")
    questions = [q for q in read_questions(path) if q.answerable]
    if args.limit:
        questions = questions[: args.limit]
    embedder = shared_embedder()
    scores: dict[str, list[float]] = {"file order*": [], **{name: [] for name in RANKERS}}
    started = time.perf_counter()
    for q in questions:
        grades = dict(enumerate(q.labels))
        scores["file order*"].append(ndcg_at_k(list(range(len(q.labels))), grades, 5))
        for name, order in rank_candidates(embedder, q.question, q.texts, q.question).items():
            scores[name].append(ndcg_at_k(order, grades, 5))
    elapsed = time.perf_counter() - started
    baseline = statistics.mean(scores["random"])
    print(
        f"ePQA evidence ranking: {len(questions)} questions, 10 candidates each ({elapsed:.1f} s)"
    )
    print(f"{'ranking':<12} {'nDCG@5':>7} {'vs random':>10}")
    for label, values in scores.items():
        mean = statistics.mean(values)
        print(f"{label:<12} {mean:>7.3f} {mean / baseline:>9.2f}x")
    print("* the candidates' order in the file, which correlates with the labels: a reference")
    print("  for what the labels leak, not a ranker that could run on new questions")


if __name__ == "__main__":
    main()
