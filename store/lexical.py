"""The lexical index: BM25 (bm25s) over each product's text, saved beside the vectors.

Rebuilt whole when the catalog generation changes (it takes about a second per 10,000
products) and loaded from disk otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from store.documents import lexical_text, tokenize


class LexicalIndex:
    """BM25 over products; ``rank`` answers with product ids and scores."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._retriever: Any = None
        self._ids: list[str] = []
        self._position: dict[str, int] = {}
        self.generation: str | None = None

    def ensure(self, generation: str, rows: Callable[[], Iterable[Mapping[str, Any]]]) -> None:
        """Make the index match ``generation``: load it from disk or rebuild it from ``rows``."""
        if self.generation == generation:
            return
        if not self._load(generation):
            self._build(generation, list(rows()))

    def _load(self, generation: str) -> bool:
        import bm25s

        manifest = self._folder / "manifest.json"
        if not manifest.exists():
            return False
        saved = json.loads(manifest.read_text())
        if saved.get("generation") != generation:
            return False
        self._retriever = bm25s.BM25.load(str(self._folder / "bm25"), show_progress=False)
        self._set_ids(saved["ids"], generation)
        return True

    def _build(self, generation: str, rows: Sequence[Mapping[str, Any]]) -> None:
        import bm25s

        retriever = bm25s.BM25()
        if rows:
            retriever.index([tokenize(lexical_text(row)) for row in rows], show_progress=False)
            self._folder.mkdir(parents=True, exist_ok=True)
            retriever.save(str(self._folder / "bm25"), show_progress=False)
        self._retriever = retriever if rows else None
        ids = [str(row["id"]) for row in rows]
        manifest = {"generation": generation, "ids": ids}
        self._folder.mkdir(parents=True, exist_ok=True)
        (self._folder / "manifest.json").write_text(json.dumps(manifest))
        self._set_ids(ids, generation)

    def _set_ids(self, ids: list[str], generation: str) -> None:
        self._ids = ids
        self._position = {pid: i for i, pid in enumerate(ids)}
        self.generation = generation

    def rank(
        self, query: str, *, allowed: Sequence[str] | None, limit: int
    ) -> list[tuple[str, float]]:
        """Product ids by BM25 score for ``query`` (only positive scores), best first."""
        tokens = tokenize(query)
        if self._retriever is None or not tokens:
            return []
        mask = None
        if allowed is not None:
            mask = np.zeros(len(self._ids), dtype=np.float32)
            mask[[self._position[pid] for pid in allowed if pid in self._position]] = 1.0
        scores = self._retriever.get_scores(tokens, weight_mask=mask)
        top = np.argpartition(-scores, min(limit, len(scores) - 1))[:limit]
        ranked = sorted(((self._ids[i], float(scores[i])) for i in top), key=lambda p: -p[1])
        return [(pid, score) for pid, score in ranked if score > 0]
