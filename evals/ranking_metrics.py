"""Ranking metrics over graded judgments: nDCG@k and recall@k.

Judgments map an item (a product id, a snippet index) to a grade (0 = irrelevant ... 3 =
exactly what was asked); an item without a judgment counts as 0. Gains are ``2^grade - 1``
(the usual exponential gain), so a perfect match outweighs two partial ones.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

from store.evidence import ndcg_at

Item = TypeVar("Item", bound=Hashable)

RELEVANT_FROM = 2
"""The grade from which an item counts as relevant for recall ("fits what was asked")."""


def ndcg_at_k(ranked: Sequence[Item], grades: Mapping[Item, float], k: int) -> float:
    """nDCG@k of ``ranked`` against the judged ``grades``; 0 when nothing is judged relevant.

    The ideal ranking is the judged grades sorted, so a relevant item the ranking missed
    lowers the score as much as one it ranked low.
    """
    ranked_grades = [float(grades.get(item, 0.0)) for item in _unique(ranked)]
    return ndcg_at(k, ranked_grades, [float(g) for g in grades.values()])


def recall_at_k(
    ranked: Sequence[Item],
    grades: Mapping[Item, float],
    k: int,
    relevant_from: float = RELEVANT_FROM,
) -> float | None:
    """Share of the relevant items (grade >= ``relevant_from``) found in the top ``k``.

    The denominator is capped at ``k`` (BEIR's "capped recall"): a query with 30 relevant
    products scores 1 when its top 10 are all relevant, not 1/3. None when no item is
    relevant: recall does not apply to the query.
    """
    relevant = {item for item, grade in grades.items() if grade >= relevant_from}
    if not relevant:
        return None
    found = sum(1 for item in _unique(ranked)[:k] if item in relevant)
    return found / min(k, len(relevant))


def _unique(ranked: Sequence[Item]) -> list[Item]:
    """The ranking with repeats removed (an item counts once, at its best rank)."""
    return list(dict.fromkeys(ranked))
