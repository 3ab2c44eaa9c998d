"""The dense index: product embeddings in chromadb, kept in step with the database.

The database is the source of truth. ``sync`` compares each product's content hash with the
one stored beside its vector and re-embeds only what changed, so ingest updates the index
incrementally and a crash between the two is repaired by the next sync.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from store.documents import dense_text
from store.embeddings import MODEL_NAME, MiniLMEmbedder
from store.progress import Progress, QuietProgress

COLLECTION = "products"


def _register_embedding_function(embedder: MiniLMEmbedder) -> Any:
    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings

    class MiniLMEmbeddingFunction(EmbeddingFunction[Documents]):
        """chromadb face of the offline MiniLM embedder."""

        def __init__(self) -> None:
            self._embedder = embedder

        def __call__(self, input: Documents) -> Embeddings:
            return list(self._embedder.embed(list(input)))

        @staticmethod
        def name() -> str:
            return f"shopgraph-{MODEL_NAME}"

        def get_config(self) -> dict[str, Any]:
            return {}

        @staticmethod
        def build_from_config(config: dict[str, Any]) -> MiniLMEmbeddingFunction:
            return MiniLMEmbeddingFunction()

        def default_space(self) -> Any:
            return "cosine"

    return MiniLMEmbeddingFunction()


class VectorIndex:
    """Products' dense vectors in a chromadb collection under ``folder``."""

    def __init__(self, folder: Path, embedder: MiniLMEmbedder) -> None:
        import chromadb
        from chromadb.config import Settings

        folder.mkdir(parents=True, exist_ok=True)
        self._embedder = embedder
        client = chromadb.PersistentClient(
            path=str(folder), settings=Settings(anonymized_telemetry=False, allow_reset=False)
        )
        self._matrix: _Matrix | None = None
        self._collection = client.get_or_create_collection(
            COLLECTION,
            embedding_function=_register_embedding_function(embedder),
            configuration={"hnsw": {"space": "cosine"}},
        )

    @property
    def generation(self) -> str:
        """The catalog generation this index was last synced to ("" if never)."""
        return str((self._collection.metadata or {}).get("generation", ""))

    def count(self) -> int:
        """Number of vectors in the index."""
        return int(self._collection.count())

    def sync(
        self,
        generation: str,
        hashes: Mapping[str, str],
        load_rows: Callable[[Sequence[str]], Sequence[Mapping[str, Any]]],
        progress: Progress | None = None,
    ) -> int:
        """Bring the index to ``hashes`` (product id -> content hash); returns vectors written."""
        if generation == self.generation and self.count() == len(hashes):
            return 0
        stored = self._collection.get(include=["metadatas"])
        indexed = {
            pid: (meta or {}).get("content_hash")
            for pid, meta in zip(stored["ids"], stored["metadatas"] or [], strict=False)
        }
        stale = sorted(pid for pid, digest in hashes.items() if indexed.get(pid) != digest)
        progress = progress or QuietProgress()
        progress.phase("embedding", len(stale))
        gone = [pid for pid in indexed if pid not in hashes]
        if gone:
            self._collection.delete(ids=gone)
        for start in range(0, len(stale), 256):
            rows = load_rows(stale[start : start + 256])
            vectors = self._embedder.embed([dense_text(row) for row in rows])
            self._collection.upsert(
                ids=[row["id"] for row in rows],
                embeddings=vectors,
                metadatas=[{"content_hash": row["content_hash"]} for row in rows],
            )
            progress.advance(len(rows))
        self._collection.modify(metadata={"generation": generation})
        self._matrix = None
        return len(stale)

    def rank(
        self, query: str, *, allowed: Sequence[str] | None, limit: int
    ) -> list[tuple[str, float]]:
        """Product ids by cosine similarity to ``query``, restricted to ``allowed`` if given.

        Unfiltered queries use chromadb's HNSW index. Filtered ones score exactly the
        allowed products against an in-memory copy of the vectors, so a narrow filter
        never loses matches that an approximate top-k would have cut.
        """
        if allowed is not None and not allowed:
            return []
        if allowed is None:
            count = self.count()
            if count == 0:
                return []
            vector = self._embedder.embed([query])[0]
            found = self._collection.query(query_embeddings=[vector], n_results=min(limit, count))
            pairs = zip(found["ids"][0], (found["distances"] or [[]])[0], strict=True)
            return [(pid, 1.0 - float(distance)) for pid, distance in pairs]
        matrix = self._loaded_matrix()
        vector = self._embedder.embed([query])[0]
        rows = np.fromiter(
            (matrix.position[pid] for pid in allowed if pid in matrix.position), dtype=np.int64
        )
        # Scoring every vector and picking the allowed rows is cheaper than copying them out.
        scores = (matrix.vectors @ vector)[rows]
        best = np.argsort(-scores)[:limit]
        return [(matrix.ids[rows[i]], float(scores[i])) for i in best]

    def _loaded_matrix(self) -> _Matrix:
        if self._matrix is None:
            stored = self._collection.get(include=["embeddings"])
            ids = list(stored["ids"])
            vectors = np.asarray(stored["embeddings"], dtype=np.float32).reshape(len(ids), -1)
            self._matrix = _Matrix(ids, {pid: i for i, pid in enumerate(ids)}, vectors)
        return self._matrix


@dataclass(frozen=True)
class _Matrix:
    """All vectors in memory (50,000 products take about 77 MB)."""

    ids: list[str]
    position: dict[str, int]
    vectors: npt.NDArray[np.float32]
