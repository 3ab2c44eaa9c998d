"""Reciprocal-rank fusion: merging ranked lists from different retrievers."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

RRF_K = 60
"""The usual constant: damps the weight of the very top ranks so agreement wins."""

Item = TypeVar("Item", bound=Hashable)


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[tuple[Item, float]]],
) -> list[tuple[Item, float]]:
    """Merge ranked lists: each item scores the sum of ``1 / (RRF_K + rank)``, best first."""
    fused: dict[Item, float] = {}
    for ranking in rankings:
        for rank, (item, _score) in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (RRF_K + rank)
    return sorted(fused.items(), key=lambda pair: (-pair[1], str(pair[0])))
